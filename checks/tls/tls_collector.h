// The TLS collector: one endpoint in, tls.* facts out (protocols, suites, groups, features,
// certificates, weaknesses, grade; http.* too for HTTPS endpoints), with a status for
// endpoints that could not be read. Fact names are listed in docs/facts-tls.md.
#pragma once

#include <functional>
#include <string_view>

#include "auditor/collect/collection_result.h"
#include "auditor/collect/collector.h"
#include "auditor/core/run_context.h"
#include "auditor/core/target_kind.h"
#include "auditor/inventory/endpoint.h"
#include "auditor/plan/target.h"
#include "checks/tls/tls_prober.h"

namespace attt::tls {

/// Writes the http.* facts of an HTTPS answer (checks/http provides it).
using HttpFactWriter = std::function<void(const HttpSummary&, FactSet&, const Evidence&)>;

struct TlsScanOptions {
    ProbeSettings probe;
    HttpFactWriter http_facts;
};

/// The target a registered endpoint stands for: STARTTLS from its service.
ProbeTarget probe_target(const inventory::Endpoint& endpoint);

/// Scans one endpoint. Never throws: network and TLS trouble is a status, an internal fault
/// an Error status. `scan` receives the full scan when given (for `auditor tls`).
collect::CollectionResult scan_endpoint(const ProbeTarget& target,
                                        const RunContext& context,
                                        const TlsScanOptions& options = {},
                                        TlsScan* scan = nullptr);

/// Registered as "tls" for TargetKind::TlsEndpoint targets.
class TlsCollector final : public collect::Collector {
public:
    explicit TlsCollector(TlsScanOptions options = {}) : options_(std::move(options)) {}

    TargetKind kind() const override;
    std::string_view name() const override;
    /// Scans *target.endpoint; a target without an endpoint is an Error result.
    collect::CollectionResult collect(const plan::Target& target,
                                      const RunContext& context) const override;

private:
    TlsScanOptions options_;
};

}  // namespace attt::tls
