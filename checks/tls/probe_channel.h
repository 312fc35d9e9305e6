// The prober's line to one endpoint: opens counted TCP connections (with the STARTTLS
// preamble when the service needs one) and exchanges one ClientHello for the server's first
// answer, every read bounded in time and size. Connections are counted because "fewest
// connections" is a promise the prober makes and the benchmark checks.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "auditor/core/run_context.h"
#include "auditor/inventory/endpoint.h"
#include "checks/tls/scan_failure.h"
#include "checks/tls/server_flight.h"
#include "checks/tls/server_hello.h"
#include "checks/tls/socket.h"
#include "checks/tls/starttls.h"

namespace attt::tls {

/// Connections one scan may open. A real server accepts at most ~100 suites per version, so
/// an honest scan needs a few hundred at worst; a server that "accepts" every suite offered
/// (a broken or hostile one) is stopped here instead of costing 2,000 connections.
inline constexpr int kMaxConnectionsPerScan = 500;

struct ProbeTarget {
    inventory::Endpoint endpoint;  ///< host, port and the name to send as SNI
    StartTls starttls = StartTls::None;

    /// The SNI to send: the expected name unless it is an IP literal (RFC 6066 3).
    std::string sni() const;
};

class ProbeChannel {
public:
    ProbeChannel(ProbeTarget target, const RunContext& context);

    /// A new TCP connection (and the STARTTLS upgrade), counted even when it fails. Once
    /// kMaxConnectionsPerScan are used, fails with ProtocolError and sets budget_exhausted().
    Attempt<Socket> open();

    bool budget_exhausted() const { return budget_exhausted_; }

    /// A server that once left its flight unfinished (ServerHello, then nothing until the
    /// deadline) is not asked for flights again: each would cost the full deadline.
    bool reads_flights() const { return !flight_stalled_; }

    void note_stalled_flight() { flight_stalled_ = true; }

    int connections() const { return connections_; }

    const ProbeTarget& target() const { return target_; }

    const RunContext& context() const { return context_; }

private:
    ProbeTarget target_;
    const RunContext& context_;
    int connections_ = 0;
    bool budget_exhausted_ = false;
    bool flight_stalled_ = false;
};

enum class AnswerKind {
    ServerHello,       ///< includes a HelloRetryRequest (reply.server_hello.hello_retry_request)
    Sslv2ServerHello,  ///< an SSLv2 SERVER-HELLO
    Alert,             ///< the server refused with an alert
    Closed,            ///< the server closed or reset the connection without answering
};

struct HelloAnswer {
    AnswerKind kind = AnswerKind::Closed;
    ServerReply reply;
    /// With read_flight, for a TLS <= 1.2 ServerHello: certificates, key exchange, OCSP.
    ServerFlight flight;
    bool flight_complete = false;
    bool stalled = false;  ///< the flight did not finish within the deadline
};

/// Sends `hello` on a new connection and reads the first answer; with `read_flight` also the
/// rest of a TLS <= 1.2 flight up to ServerHelloDone. The answer must come within
/// context.deadlines.handshake. Failures: Unreachable/Timeout (connect or no answer), NotTls
/// (the answer is not TLS), ProtocolError (malformed, or closed inside a record), Error
/// (cancelled). When `keep` is given, the open socket is handed over (for the heartbeat probe).
Attempt<HelloAnswer> exchange_hello(ProbeChannel& channel,
                                    std::span<const std::uint8_t> hello,
                                    bool read_flight,
                                    Socket* keep = nullptr);

}  // namespace attt::tls
