// One OpenSSL client handshake with an endpoint, bounded by the run's deadlines: what our own
// prober cannot do alone (decrypt a TLS 1.3 certificate, see a stapled OCSP response or the
// ALPN choice under TLS 1.3) it asks OpenSSL for, on a counted connection of the same channel.
#pragma once

#include <optional>

#include "auditor/core/run_context.h"
#include "checks/tls/openssl_handles.h"
#include "checks/tls/probe_channel.h"
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

struct HandshakeOptions {
    std::optional<int> pinned_version;  ///< TLS1_VERSION .. TLS1_3_VERSION: offer that alone
    bool request_ocsp = false;          ///< ask for a stapled OCSP response
    bool offer_alpn = false;            ///< offer h2 and http/1.1
};

/// Opens a connection of `channel` (STARTTLS included) and completes one handshake
/// (context.deadlines.handshake). SNI is the channel's. Failures are classified: Unreachable,
/// Timeout, NotTls, ProtocolError, or Error for a cancel or a local fault. Leaves the
/// thread's OpenSSL error queue empty.
Attempt<TlsConnection> open_tls(SSL_CTX& ctx,
                                ProbeChannel& channel,
                                const HandshakeOptions& options = {});

/// Sends close_notify if the socket takes it at once; never waits for the peer.
void close_politely(TlsConnection& connection);

}  // namespace attt::tls
