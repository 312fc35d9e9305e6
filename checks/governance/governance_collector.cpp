#include "checks/governance/governance_collector.h"

#include <cstdint>

namespace attt::governance {

collect::CollectionResult GovernanceCollector::collect(const plan::Target& target,
                                                       const RunContext& context) const {
    collect::CollectionResult result;
    const auto& s = *target.system;
    const Evidence evidence{"registry", context.clock.now()};
    auto add = [&](const char* name, FactValue value) {
        result.facts.add(name, std::move(value), evidence);
    };
    add("system.level", static_cast<std::int64_t>(s.level));
    add("system.approval_status", std::string(inventory::to_string(s.approval)));
    add("system.decision_no", s.decision_no);
    add("system.decision_date", s.decision_date);
    add("system.legal_basis", s.legal_basis);
    add("system.owner", s.owner);
    add("system.contact", s.contact);
    add("system.endpoint_count", static_cast<std::int64_t>(s.endpoints.size()));
    return result;
}

}  // namespace attt::governance
