#include "reports/render/json_document.h"

namespace attt::reports {

std::string dump_document(const nlohmann::json& document) {
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace attt::reports
