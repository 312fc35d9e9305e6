// Numbers and times the way each language writes them: "92,96 %", "1.234" and
// "28/11/2026 09:30 UTC" in Vietnamese; "92.96%", "1,234" and "2026-11-28 09:30 UTC" in English.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "reports/i18n/lang.h"

namespace attt::reports {

/// Two decimals; "—" for a value that is not a finite number.
std::string format_percent(double percent, Lang lang);

/// Whole numbers with thousands separators.
std::string format_integer(std::int64_t value, Lang lang);

/// From the store's ISO 8601 UTC text ("2026-11-28T09:30:00Z", fractional seconds allowed);
/// anything else is returned unchanged, so an odd value shows as it is.
std::string format_time(std::string_view iso, Lang lang);

}  // namespace attt::reports
