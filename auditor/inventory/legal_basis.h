// The legal basis of an approval: the regime whose profile the auditor applies.
#pragma once

#include <string_view>

namespace attt::inventory {

inline constexpr std::string_view kDecree85 = "nd85-2016";    ///< Decree 85/2016 + TCVN 11930:2017
inline constexpr std::string_view kDecree331 = "nd331-2026";  ///< Decree 331/2026 + TCVN 14423:2026

inline bool is_known_legal_basis(std::string_view text) {
    return text == kDecree85 || text == kDecree331;
}

}  // namespace attt::inventory
