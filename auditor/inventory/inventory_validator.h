// Turns raw records into a validated Inventory, collecting every problem with its place, so
// that a user fixes a file in one pass. Nothing is written anywhere by this step.
#pragma once

#include <vector>

#include "auditor/core/error.h"
#include "auditor/inventory/inventory.h"
#include "auditor/inventory/raw_record.h"

namespace attt::inventory {

/// Checks each record (required fields, level 1-5, status, dates, endpoints) and the records
/// together (duplicate system ids, a unit named differently on two rows). `source` names the
/// file for the summary line of the error.
Result<Inventory> validate_records(const std::string& source,
                                   const std::vector<RawRecord>& records);

}  // namespace attt::inventory
