// The five severities in the order reports list them, worst first, shared by the HTML and JSON
// renderers so that every document shows them the same way.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace attt::reports {

inline constexpr std::array<std::string_view, 5> kSeverities{"critical",
                                                             "high",
                                                             "medium",
                                                             "low",
                                                             "info"};

/// 0 for "critical" … 4 for "info"; an unknown name sorts after them all.
int severity_rank(std::string_view severity);

/// The count for one severity; 0 when the map lacks it.
std::int64_t severity_count(const std::map<std::string, std::int64_t>& by_severity,
                            std::string_view severity);

}  // namespace attt::reports
