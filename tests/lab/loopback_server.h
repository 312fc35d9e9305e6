// A TLS server (or a deliberately not-TLS or silent one) on a loopback address, run on its own
// threads, for the collector tests, the end-to-end tests and the demo lab. It refuses to bind
// anything but 127.0.0.0/8 or ::1, so a test can never expose a weak server to a network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/lab/certificate_authority.h"

namespace attt::lab {

enum class Behaviour {
    Tls,     ///< completes the handshake and answers a small "HTTP/1.1 200 OK" with body "ok"
    Plain,   ///< answers "HTTP/1.1 400 Bad Request" in clear text and closes: not TLS
    Silent,  ///< accepts and never sends a byte; closes after 30 s, on stop or when the peer does
    /// Plain HTTP: reads the request head and answers "301 Moved Permanently" with
    /// "Location: https://<host>/", <host> being the request's Host without its port (or
    /// ServerSpec::redirect_location when set), plus ServerSpec::http_headers.
    HttpRedirect,
};

struct ServerSpec {
    Behaviour behaviour = Behaviour::Tls;
    Credentials credentials;               ///< used by Behaviour::Tls only
    std::string min_protocol = "TLSv1.2";  ///< "TLSv1", "TLSv1.1", "TLSv1.2" or "TLSv1.3"
    std::string max_protocol = "TLSv1.3";
    /// TLS <= 1.2; empty = "DEFAULT". ":@SECLEVEL=0" is always appended, so weak set-ups work.
    std::string cipher_list;
    std::uint16_t port = 0;                  ///< 0 = kernel-chosen ephemeral port
    std::string bind_address = "127.0.0.1";  ///< 127.0.0.0/8 or ::1, nothing else
    /// Extra headers of the HTTP answer (Behaviour::Tls after the handshake, and HttpRedirect),
    /// sent as given after the fixed ones: e.g. {"Strict-Transport-Security", "max-age=60"}.
    /// A name or value holding CR or LF is refused (std::invalid_argument).
    std::vector<std::pair<std::string, std::string>> http_headers;
    /// Behaviour::Tls only: "" (TLS from the first byte) or "smtp", "imap", "pop3", "ftp",
    /// "ldap": the server first speaks that protocol's plaintext preamble and starts TLS on
    /// STARTTLS / "a1 STARTTLS" / STLS / AUTH TLS / the LDAP StartTLS extended request.
    std::string starttls;
    /// With `starttls`: the server refuses the upgrade (SMTP 454, IMAP NO, POP3 -ERR, FTP 534,
    /// LDAP resultCode 2) and closes.
    bool starttls_refuse = false;
    /// Behaviour::HttpRedirect: the Location to send instead of "https://<host>/".
    std::string redirect_location;
};

/// True for a numeric IPv4 address in 127.0.0.0/8 and for the IPv6 address ::1.
bool is_loopback_address(std::string_view address);

/// Serves one ServerSpec until destroyed. Each connection is handled on a short-lived worker
/// thread (at most 32 at once; more wait in the listen backlog), with deadlines on every step:
/// handshake 5 s, request 2 s (also each STARTTLS step), closing 1 s, Silent 30 s.
class LoopbackServer {
public:
    /// Binds, listens and starts the accept thread. Throws std::invalid_argument for a
    /// non-loopback address, an unknown protocol or STARTTLS name or a header with CR/LF,
    /// std::runtime_error (with the reason)
    /// when the credentials, cipher list or port cannot be used.
    explicit LoopbackServer(ServerSpec spec);
    /// Stops accepting, interrupts every connection and joins all threads (well under 1 s).
    ~LoopbackServer();
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    std::uint16_t port() const;
    /// Connections accepted so far, including handshakes that failed.
    std::size_t connections() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace attt::lab
