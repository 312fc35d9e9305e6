#include "checks/register_builtin.h"

#include <memory>

#include "checks/governance/governance_collector.h"
#include "checks/http/http_collector.h"
#include "checks/http/http_facts.h"
#include "checks/http/https_probe.h"

namespace attt::checks {

tls::TlsScanOptions builtin_tls_options() {
    tls::TlsScanOptions options;
    options.probe.http_probe = [](const tls::ProbeTarget& target, const RunContext& context) {
        return std::optional<tls::HttpSummary>(http::probe_https(target.endpoint, context));
    };
    options.http_facts = http::add_http_facts;
    return options;
}

void register_builtin(collect::CollectorRegistry& registry) {
    registry.add(std::make_unique<governance::GovernanceCollector>());
    registry.add(std::make_unique<tls::TlsCollector>(builtin_tls_options()));
    registry.add(std::make_unique<http::HttpCollector>());
}

}  // namespace attt::checks
