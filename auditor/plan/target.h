// A target is one thing a collector examines for one system: the system's registry record,
// or one of its endpoints. The planner makes them; collectors consume them.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "auditor/core/target_kind.h"
#include "auditor/inventory/system.h"

namespace attt::plan {

struct Target {
    std::shared_ptr<const inventory::System> system;
    TargetKind kind = TargetKind::System;
    std::optional<inventory::Endpoint> endpoint;  ///< set for endpoint kinds

    /// "system" for the registry record, "host:port" for an endpoint: stored with results and
    /// findings so that a finding keeps its identity across runs.
    std::string label() const { return endpoint ? endpoint->place() : "system"; }
};

}  // namespace attt::plan
