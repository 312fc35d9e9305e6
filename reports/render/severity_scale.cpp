#include "reports/render/severity_scale.h"

#include <cstddef>

namespace attt::reports {

int severity_rank(std::string_view severity) {
    for (std::size_t i = 0; i < kSeverities.size(); ++i) {
        if (kSeverities[i] == severity) {
            return static_cast<int>(i);
        }
    }
    return static_cast<int>(kSeverities.size());
}

std::int64_t severity_count(const std::map<std::string, std::int64_t>& by_severity,
                            std::string_view severity) {
    const auto it = by_severity.find(std::string(severity));
    return it == by_severity.end() ? 0 : it->second;
}

}  // namespace attt::reports
