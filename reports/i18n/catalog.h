// The message catalogue: every piece of report text for people, in Vietnamese and English,
// looked up by a stable key. Stable names from the data (outcomes, severities, statuses, legal
// bases) are keys too: "outcome.fail", "severity.high", "approval.pending", "status.timeout",
// "basis.nd85-2016".
#pragma once

#include <string>
#include <string_view>

#include "reports/i18n/lang.h"

namespace attt::reports {

/// The text for `key`; an unknown key is returned as it is, so a gap shows instead of vanishing.
std::string_view tr(Lang lang, std::string_view key);

/// tr(lang, prefix + "." + name): for the stable names stored in the database.
std::string_view tr(Lang lang, std::string_view prefix, std::string_view name);

}  // namespace attt::reports
