// How every JSON report is written: two-space indent, UTF-8 kept as it is, invalid bytes
// replaced rather than aborting the report.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace attt::reports {

std::string dump_document(const nlohmann::json& document);

}  // namespace attt::reports
