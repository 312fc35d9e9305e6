// Decides what an audit looks at: for each selected system, its registry record and each of
// its endpoints. Pure: it only reads the inventory.
#pragma once

#include <vector>

#include "auditor/inventory/system.h"
#include "auditor/plan/target.h"

namespace attt::plan {

struct AuditPlan {
    std::vector<Target> targets;
    std::size_t systems = 0;
};

/// One System target per system, then one target per endpoint: HttpEndpoint for an "http://"
/// endpoint, TlsEndpoint for every other service (TLS from the first byte or after STARTTLS).
/// Targets keep the order of the systems.
AuditPlan plan_audit(const std::vector<inventory::System>& systems);

}  // namespace attt::plan
