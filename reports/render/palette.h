// The colours of stable names (severities, outcomes, approval and target statuses) in one table,
// so that a badge in a table and a bar in a chart never disagree.
#pragma once

#include <string>
#include <string_view>

namespace attt::reports {

struct Swatch {
    std::string_view name;        ///< the stable name, also the CSS class suffix: "b-critical"
    std::string_view background;  ///< CSS colour
    std::string_view ink;         ///< text colour on that background
};

/// The swatch of a stable name; a grey "unknown" swatch for names not in the table.
const Swatch& swatch(std::string_view name);

/// ".b-critical{…}" rules for every swatch, for the page's stylesheet.
std::string badge_css();

}  // namespace attt::reports
