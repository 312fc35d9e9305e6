#include "auditor/plan/planner.h"

#include <memory>

#include "auditor/inventory/endpoint_uri.h"

namespace attt::plan {

AuditPlan plan_audit(const std::vector<inventory::System>& systems) {
    AuditPlan plan;
    plan.systems = systems.size();
    for (const auto& system : systems) {
        auto shared = std::make_shared<const inventory::System>(system);
        plan.targets.push_back(Target{shared, TargetKind::System, std::nullopt});
        for (const auto& endpoint : system.endpoints) {
            // Only a plain-HTTP endpoint is read without TLS; every other service is TLS from
            // the first byte or after STARTTLS.
            const TargetKind kind = inventory::is_plain_http_service(endpoint.service)
                                        ? TargetKind::HttpEndpoint
                                        : TargetKind::TlsEndpoint;
            plan.targets.push_back(Target{shared, kind, endpoint});
        }
    }
    return plan;
}

}  // namespace attt::plan
