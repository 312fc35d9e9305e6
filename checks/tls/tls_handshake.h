// One OpenSSL client handshake with an endpoint, bounded by the run's deadlines: the building
// block of the TLS collector (the main handshake and each pinned-version probe are one each).
#pragma once

#include <optional>

#include "auditor/core/run_context.h"
#include "auditor/inventory/endpoint.h"
#include "checks/tls/openssl_handles.h"
#include "checks/tls/scan_failure.h"
#include "checks/tls/socket.h"

namespace attt::tls {

/// An established TLS connection. The SSL object is declared after the socket so it is freed
/// first; it reads and writes through memory BIOs, never the socket itself.
struct TlsConnection {
    Socket socket;
    SslPtr ssl;
};

/// The client context shared by the handshakes of one scan. It accepts everything the peer
/// offers (no verification, security level 0, every cipher, TLS 1.0 to 1.3): the collector
/// wants to see what the server does and judges the certificate separately.
Attempt<SslCtxPtr> make_client_context();

/// Connects (context.deadlines.connect) and completes one handshake
/// (context.deadlines.handshake). `pinned_version` (TLS1_VERSION .. TLS1_3_VERSION) offers that
/// version only. SNI is the endpoint's expected name unless it is an IP literal. Failures are
/// classified: Unreachable, Timeout, NotTls, ProtocolError, or Error for a cancel or a local
/// fault. Leaves the thread's OpenSSL error queue empty.
Attempt<TlsConnection> open_tls(SSL_CTX& ctx,
                                const inventory::Endpoint& endpoint,
                                std::optional<int> pinned_version,
                                const RunContext& context);

/// Sends close_notify if the socket takes it at once; never waits for the peer.
void close_politely(TlsConnection& connection);

}  // namespace attt::tls
