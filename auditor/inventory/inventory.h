// A whole registry as read from an import file: units, and systems with their endpoints.
#pragma once

#include <vector>

#include "auditor/inventory/system.h"
#include "auditor/inventory/unit.h"

namespace attt::inventory {

struct Inventory {
    std::vector<Unit> units;
    std::vector<System> systems;
};

}  // namespace attt::inventory
