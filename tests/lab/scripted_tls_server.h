// A scripted fake TLS server for the lab: answers ClientHellos the way old and odd servers do,
// including what OpenSSL 3 cannot serve (SSLv2, SSLv3, EXPORT, RC4, DES, NULL, anonymous
// suites), and misbehaves on demand for the prober's robustness tests. It stops at the first
// flight: no key is ever agreed. Loopback only, like LoopbackServer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/lab/client_hello_parser.h"

namespace attt::lab {

enum class Misbehaviour {
    None,
    Garbage,            ///< 64 bytes that are not TLS, then close
    Reset,              ///< close with SO_LINGER 0: the peer sees a reset
    Silent,             ///< never answer; close when the peer does, after 30 s or on stop
    Trickle,            ///< a valid ServerHello record, one byte every 100 ms
    OversizedRecord,    ///< a handshake record header claiming 0xFFFF bytes, then that much
    TruncatedRecord,    ///< a header claiming 200 bytes, 20 of them, then close
    ManyExtensions,     ///< a ServerHello with 5000 empty extensions, framed across records
    EndlessHelloRetry,  ///< HelloRetryRequests back to back every 10 ms (bounded 30 s)
};

inline constexpr std::uint16_t kVersionSsl2 = 0x0002;

struct ScriptedSpec {
    /// Accepted versions: 0x0002 (SSLv2), 0x0300 (SSLv3), 0x0301..0x0304.
    std::vector<std::uint16_t> versions;
    /// IANA code points in the server's preference order.
    std::vector<std::uint16_t> suites;
    /// 3-byte SSLv2 cipher kinds, e.g. 0x010080, in the server's order.
    std::vector<std::uint32_t> sslv2_cipher_specs;
    /// false: the first client-offered suite (and group) the server has.
    bool server_preference = true;
    /// The server's groups in its order; used for ECDHE and TLS 1.3.
    std::vector<std::uint16_t> groups{0x001d, 0x0017, 0x0018};
    bool compression = false;          ///< choose DEFLATE (1) when the client offers it
    bool secure_renegotiation = true;  ///< renegotiation_info on SCSV 0x00FF or ext 0xff01
    bool fallback_scsv = true;         ///< alert 86 on 0x5600 below our highest version
    bool session_id = true;            ///< a non-empty session id in ServerHello
    bool session_ticket = false;       ///< echo an empty session_ticket (35) when offered
    bool status_request = false;       ///< echo an empty status_request (5) when offered
    bool heartbeat = false;            ///< echo heartbeat (15) when offered; answer heartbeats
    bool heartbleed = false;           ///< answer an over-long heartbeat with the claimed length
    /// Without supported_versions a TLS server answers only a hello whose client_version it
    /// accepts (else alert 70). true: it answers with the highest accepted version below the
    /// client's, as version-tolerant servers do.
    bool downgrade_to_lower_version = false;
    int dh_bits = 2048;         ///< size of p in a DHE ServerKeyExchange
    int export_rsa_bits = 512;  ///< modulus size in an RSA_EXPORT ServerKeyExchange
    /// DER, leaf first; empty = a self-signed RSA 2048 certificate made when the server starts.
    std::vector<std::vector<std::uint8_t>> certificate_chain;
    Misbehaviour misbehaviour = Misbehaviour::None;
    std::uint16_t port = 0;                  ///< 0 = kernel-chosen ephemeral port
    std::string bind_address = "127.0.0.1";  ///< 127.0.0.0/8 or ::1, nothing else
};

/// What the server answers to one hello: pure, so tests can check the decision without sockets.
enum class AnswerKind {
    ServerFlight,       ///< TLS <= 1.2 / SSLv3: ServerHello ... ServerHelloDone
    Tls13ServerHello,   ///< ServerHello with a key share, then nothing
    HelloRetryRequest,  ///< TLS 1.3 without a key share for the chosen group
    Alert,              ///< a fatal alert
    Sslv2ServerHello,
    Sslv2Error,  ///< SSLv2 accepted but no common cipher spec: NO-CIPHER-ERROR
    Close,       ///< close without a byte (SSLv2 hello to a server without SSLv2)
};

struct ScriptedAnswer {
    AnswerKind kind = AnswerKind::Close;
    std::uint16_t version = 0;  ///< negotiated version (0x0002 for SSLv2)
    std::uint16_t cipher_suite = 0;
    std::uint16_t group = 0;                        ///< ECDHE or TLS 1.3 group, 0 when none
    std::uint8_t alert = 0;                         ///< for Alert: 40, 70, 86, ...
    bool compression = false;                       ///< DEFLATE chosen
    std::vector<std::uint32_t> sslv2_cipher_specs;  ///< for Sslv2ServerHello
    std::vector<std::uint8_t> server_hello;  ///< the ServerHello handshake message (with header)
    std::vector<std::uint8_t> bytes;         ///< everything to send, framed in records
};

/// Decides and builds the answer to `hello`. `spec.certificate_chain` is sent as it is.
ScriptedAnswer answer_client_hello(const ScriptedSpec& spec, const ClientHelloInfo& hello);

/// Serves one ScriptedSpec until destroyed: an accept thread and at most 32 connection
/// threads, deadlines on every read (hello 5 s, after the flight 5 s, Silent and endless
/// misbehaviours 30 s), reads capped in size, SIGPIPE blocked in its threads.
class ScriptedTlsServer {
public:
    /// Binds, listens and starts the accept thread. Throws std::invalid_argument for a
    /// non-loopback address or a spec that cannot be served (unknown version, no suites and no
    /// SSLv2 specs), std::runtime_error when the port or the built-in certificate fails.
    explicit ScriptedTlsServer(ScriptedSpec spec);
    /// Stops accepting, interrupts every connection and joins all threads (well under 1 s).
    ~ScriptedTlsServer();
    ScriptedTlsServer(const ScriptedTlsServer&) = delete;
    ScriptedTlsServer& operator=(const ScriptedTlsServer&) = delete;

    std::uint16_t port() const;
    /// Connections accepted so far.
    std::size_t connections() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// A self-signed RSA 2048 certificate (DER) for `common_name`, as the built-in chain.
std::vector<std::uint8_t> make_self_signed_der(const std::string& common_name);

/// The certificates of a PEM text in order, as DER (at most 16). Throws std::runtime_error
/// when it holds none.
std::vector<std::vector<std::uint8_t>> der_chain_from_pem(const std::string& pem);

}  // namespace attt::lab
