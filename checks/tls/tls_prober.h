// Scans one TLS endpoint from end to end: every protocol from SSLv2 to TLS 1.3 and its suites
// by elimination with our own ClientHellos, the groups and the features the answers reveal,
// the few probes that need a connection of their own, one OpenSSL handshake for what only a
// full handshake shows, and HTTPS headers when the service is HTTPS. Then the weaknesses and
// the grade are derived. Never throws for network trouble: the status says what went wrong.
#pragma once

#include <functional>
#include <optional>

#include "auditor/core/run_context.h"
#include "checks/tls/openssl_handles.h"
#include "checks/tls/probe_channel.h"
#include "checks/tls/suite_enumerator.h"
#include "checks/tls/tls_scan.h"

namespace attt::tls {

/// Asks an HTTPS endpoint for "/" (checks/http provides it; injected to keep the libraries
/// apart). Returns nullopt when it did not ask.
using HttpProbe = std::function<std::optional<HttpSummary>(const ProbeTarget&, const RunContext&)>;

struct ProbeSettings {
    EnumerationLimits limits;
    HttpProbe http_probe;  ///< called for https endpoints when set
};

/// `trust` is the store certificates are verified against (load_trust_store).
TlsScan probe_endpoint(const ProbeTarget& target,
                       X509_STORE& trust,
                       const RunContext& context,
                       const ProbeSettings& settings = {});

}  // namespace attt::tls
