// The collector for plain "http://" endpoints: asks "GET /" without TLS and records whether
// the answer sends the browser to HTTPS on the same host name. Facts: docs/facts-http.md.
#pragma once

#include <string_view>

#include "auditor/collect/collection_result.h"
#include "auditor/collect/collector.h"
#include "auditor/core/run_context.h"
#include "auditor/inventory/endpoint.h"
#include "checks/http/http_facts.h"
#include "checks/tls/scan_failure.h"

namespace attt::http {

/// One TCP connection, "GET / HTTP/1.1" with Host = the expected name (":port" unless 80), the
/// response head only (64 KiB cap), no redirect followed; connect within
/// context.deadlines.connect, request and head within context.deadlines.handshake.
/// Refused → Unreachable, deadline → Timeout, an answer that is not HTTP → ProtocolError.
tls::Attempt<RedirectSummary> probe_http_redirect(const inventory::Endpoint& endpoint,
                                                  const RunContext& context);

/// Registered as "http" for TargetKind::HttpEndpoint targets.
class HttpCollector final : public collect::Collector {
public:
    TargetKind kind() const override;
    std::string_view name() const override;
    collect::CollectionResult collect(const plan::Target& target,
                                      const RunContext& context) const override;
};

}  // namespace attt::http
