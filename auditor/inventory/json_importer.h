// Reads an inventory JSON document into raw records:
// {"systems": [{"system_id": ..., "endpoints": ["https://host:443?sni=..."]}, ...]}
// with the same field names as the CSV columns (docs/inventory-format.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/error.h"
#include "auditor/inventory/raw_record.h"

namespace attt::inventory {

Result<std::vector<RawRecord>> read_json_records(const std::string& path, std::string_view text);

}  // namespace attt::inventory
