#include "reports/render/json_document.h"

#include "reports/render/severity_scale.h"

namespace attt::reports {

std::string dump_document(const nlohmann::ordered_json& document) {
    return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

nlohmann::ordered_json severity_counts_json(
    const std::map<std::string, std::int64_t>& by_severity) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto severity : kSeverities) {
        out[std::string(severity)] = 0;
    }
    for (const auto& [severity, count] : by_severity) {
        out[severity] = count;
    }
    return out;
}

}  // namespace attt::reports
