// Entry point of an import: reads a file (CSV or JSON, by extension), checks size and UTF-8,
// and validates every record. Either the whole inventory or every problem; never a part.
#pragma once

#include <string>

#include "auditor/core/error.h"
#include "auditor/inventory/inventory.h"

namespace attt::inventory {

Result<Inventory> load_inventory_file(const std::string& path);

}  // namespace attt::inventory
