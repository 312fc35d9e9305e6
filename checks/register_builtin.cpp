#include "checks/register_builtin.h"

#include <memory>

#include "checks/governance/governance_collector.h"
#include "checks/tls/tls_collector.h"

namespace attt::checks {

void register_builtin(collect::CollectorRegistry& registry) {
    registry.add(std::make_unique<governance::GovernanceCollector>());
    registry.add(std::make_unique<tls::TlsCollector>());
}

}  // namespace attt::checks
