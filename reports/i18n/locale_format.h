// Numbers and times the way each language writes them: "92,96 %" and "28/11/2026 09:30 UTC"
// in Vietnamese, "92.96%" and "2026-11-28 09:30 UTC" in English.
#pragma once

#include <string>

#include "reports/i18n/lang.h"

namespace attt::reports {

std::string format_percent(double percent, Lang lang);

/// From the store's ISO 8601 UTC text; anything else is returned unchanged.
std::string format_time(const std::string& iso, Lang lang);

}  // namespace attt::reports
