// Reads an inventory CSV (one row per system, header row first) into raw records.
// Column order is free; the header names the columns (see docs/inventory-format.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/error.h"
#include "auditor/inventory/raw_record.h"

namespace attt::inventory {

Result<std::vector<RawRecord>> read_csv_records(const std::string& path, std::string_view text);

}  // namespace attt::inventory
