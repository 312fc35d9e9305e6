// Security levels (cấp độ) 1-5 of Decree 85/2016 and Decree 331/2026.
#pragma once

#include <optional>
#include <string_view>

namespace attt::inventory {

inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 5;

/// "1".."5" → 1..5; anything else (including "0", "6", "3.5", " 3") → nullopt.
std::optional<int> parse_level(std::string_view text);

}  // namespace attt::inventory
