#include "auditor/plan/planner.h"

#include <memory>

namespace attt::plan {

AuditPlan plan_audit(const std::vector<inventory::System>& systems) {
    AuditPlan plan;
    plan.systems = systems.size();
    for (const auto& system : systems) {
        auto shared = std::make_shared<const inventory::System>(system);
        plan.targets.push_back(Target{shared, TargetKind::System, std::nullopt});
        for (const auto& endpoint : system.endpoints) {
            plan.targets.push_back(Target{shared, TargetKind::TlsEndpoint, endpoint});
        }
    }
    return plan;
}

}  // namespace attt::plan
