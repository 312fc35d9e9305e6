// Which TLS versions a server accepts: one handshake per version with the offer pinned to that
// version alone. SSLv2 and SSLv3 are out of reach here (OpenSSL 3 no longer speaks them); a
// prober that writes its own ClientHello covers them.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "auditor/core/run_context.h"
#include "auditor/inventory/endpoint.h"
#include "checks/tls/openssl_handles.h"

namespace attt::tls {

struct ProtocolVersion {
    int version = 0;              ///< TLS1_VERSION ...
    const char* label = nullptr;  ///< "TLSv1.2", as SSL_get_version spells it
    const char* fact = nullptr;   ///< "tls.protocol.tls1_2"
};

/// TLS 1.0 to 1.3, oldest first.
inline constexpr std::array<ProtocolVersion, 4> kProbedVersions{{
    {TLS1_VERSION, "TLSv1", "tls.protocol.tls1_0"},
    {TLS1_1_VERSION, "TLSv1.1", "tls.protocol.tls1_1"},
    {TLS1_2_VERSION, "TLSv1.2", "tls.protocol.tls1_2"},
    {TLS1_3_VERSION, "TLSv1.3", "tls.protocol.tls1_3"},
}};

struct ProtocolSupport {
    ProtocolVersion protocol{};
    bool accepted = false;
};

/// Probes every version of kProbedVersions; `known_accepted` (the version the main
/// handshake negotiated) is not probed again. A probe that fails in any way, a timeout
/// included, counts as not accepted and is logged at debug level. Stops early, with the
/// versions probed so far, when the run is cancelled.
std::vector<ProtocolSupport> probe_protocols(SSL_CTX& ctx,
                                             const inventory::Endpoint& endpoint,
                                             std::optional<int> known_accepted,
                                             const RunContext& context);

}  // namespace attt::tls
