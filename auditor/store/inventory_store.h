// The registry in the database: import (all or nothing) and read back.
#pragma once

#include <string>
#include <vector>

#include "auditor/core/clock.h"
#include "auditor/inventory/inventory.h"
#include "auditor/store/database.h"

namespace attt::store {

struct ImportSummary {
    std::size_t units = 0;
    std::size_t systems_added = 0;
    std::size_t systems_updated = 0;
    std::size_t endpoints = 0;
};

/// Upserts units and systems and replaces the endpoints of every imported system, in one
/// transaction. Systems absent from the file are kept (history stays attached to them).
ImportSummary import_inventory(Database& db, const inventory::Inventory& inventory, TimePoint now);

std::vector<inventory::Unit> load_units(Database& db);

/// All systems with their endpoints, ordered by id.
std::vector<inventory::System> load_systems(Database& db);

}  // namespace attt::store
