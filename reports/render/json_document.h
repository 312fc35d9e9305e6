// What every JSON report shares: how it is written (keys in the order of the model, two-space
// indent, UTF-8 kept as it is, invalid bytes replaced rather than aborting the report) and how it
// lists counts by severity. Documents are built as ordered_json so that a file reads like the
// model it comes from: "schema" first.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace attt::reports {

std::string dump_document(const nlohmann::ordered_json& document);

/// {"critical": n, "high": n, "medium": n, "low": n, "info": n}: all five keys, 0 when the model
/// lacks one; any other key the model has is kept.
nlohmann::ordered_json severity_counts_json(const std::map<std::string, std::int64_t>& by_severity);

}  // namespace attt::reports
