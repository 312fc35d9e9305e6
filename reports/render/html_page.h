// The frame every HTML report shares: one self-contained file (inline CSS, no JavaScript, no
// external resources), readable on screen and in print, and the badges for severities,
// outcomes and statuses.
#pragma once

#include <string>
#include <string_view>

#include "reports/i18n/lang.h"

namespace attt::reports {

/// "<!DOCTYPE html>…<body>" with the escaped title; close with page_end().
std::string page_begin(Lang lang, std::string_view title);
std::string page_end();

/// A coloured label for a stable name ("fail", "critical", "timeout"), translated.
std::string badge(Lang lang, std::string_view prefix, std::string_view name);

/// The colour used for a severity in badges and charts.
std::string_view severity_colour(std::string_view severity);

}  // namespace attt::reports
