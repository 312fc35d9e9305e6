// The TLS collector: one endpoint in, tls.* facts out (negotiated protocol and cipher,
// accepted versions, certificate facts), with a status for endpoints that could not be read.
// Fact names are listed in docs/facts-tls.md.
#pragma once

#include <string_view>

#include "auditor/collect/collection_result.h"
#include "auditor/collect/collector.h"
#include "auditor/core/run_context.h"
#include "auditor/core/target_kind.h"
#include "auditor/inventory/endpoint.h"
#include "auditor/plan/target.h"

namespace attt::tls {

/// Scans one endpoint: never throws for network/TLS trouble; status + facts in the result.
collect::CollectionResult scan_endpoint(const inventory::Endpoint& endpoint,
                                        const RunContext& context);

/// Registered as "tls" for TargetKind::TlsEndpoint targets.
class TlsCollector final : public collect::Collector {
public:
    TargetKind kind() const override;
    std::string_view name() const override;
    /// Scans *target.endpoint; a target without an endpoint is an Error result.
    collect::CollectionResult collect(const plan::Target& target,
                                      const RunContext& context) const override;
};

}  // namespace attt::tls
