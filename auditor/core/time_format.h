// Time as the auditor writes it everywhere: ISO 8601 in UTC, second precision.
#pragma once

#include <optional>
#include <string>

#include "auditor/core/clock.h"

namespace attt {

/// "2026-11-28T09:30:00Z"
std::string format_utc(TimePoint at);

/// "2026-11-28"
std::string format_date(TimePoint at);

/// Parses "YYYY-MM-DD" (a calendar date that exists); nullopt otherwise.
std::optional<TimePoint> parse_date(const std::string& text);

/// Parses format_utc's output back; nullopt otherwise.
std::optional<TimePoint> parse_utc(const std::string& text);

}  // namespace attt
