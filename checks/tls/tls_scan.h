// Everything the prober learned about one TLS endpoint, before it becomes facts (for rules)
// or JSON and a table (for `auditor tls`). Both views are made from this one value, so the
// audit and the ad-hoc scan can never disagree.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/target_status.h"

namespace attt::tls {

enum class Protocol : std::uint8_t {
    Ssl2,
    Ssl3,
    Tls10,
    Tls11,
    Tls12,
    Tls13
};

inline constexpr std::array<Protocol, 6> kAllProtocols{Protocol::Ssl2,
                                                       Protocol::Ssl3,
                                                       Protocol::Tls10,
                                                       Protocol::Tls11,
                                                       Protocol::Tls12,
                                                       Protocol::Tls13};

/// "SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3": the JSON keys of the issue.
std::string_view protocol_label(Protocol protocol);
/// "ssl2", "ssl3", "tls1_0", ... as used in fact names (tls.protocol.tls1_2).
std::string_view protocol_key(Protocol protocol);
/// The version on the wire: 0x0002 for SSLv2, 0x0300 ... 0x0304.
std::uint16_t wire_version(Protocol protocol);

/// What one protocol version accepts. Suites are IANA code points; for SSLv2 the 3-byte cipher
/// kinds are in `sslv2_cipher_specs` instead.
struct ProtocolSupport {
    Protocol protocol = Protocol::Tls12;
    bool accepted = false;
    /// In the server's order when server_preference is true, otherwise in the order the
    /// server picked them from our offer (which is then the client's order).
    std::vector<std::uint16_t> suites;
    std::vector<std::uint32_t> sslv2_cipher_specs;
    /// Unknown (nullopt) with fewer than two suites: there is no order to enforce.
    std::optional<bool> server_preference;
};

/// Key exchange parameters the server uses.
struct KeyExchange {
    /// Named groups (IANA code points, e.g. 0x001d x25519) the server accepts, in the order
    /// it chose them (its preference when it enforces one).
    std::vector<std::uint16_t> groups;
    /// Size of the smallest finite-field DH prime seen in a DHE ServerKeyExchange; 0 = the
    /// server offers no DHE suite (or none could be read).
    int smallest_dh_bits = 0;
    /// Size of the RSA modulus of an export ServerKeyExchange; 0 = none.
    int export_rsa_bits = 0;
};

/// Features seen in the ServerHello and the handshakes. nullopt = could not be determined.
struct SessionFeatures {
    bool compression = false;                   ///< the server chose DEFLATE (CRIME)
    std::optional<bool> secure_renegotiation;   ///< RFC 5746, for TLS 1.2 and below
    std::optional<bool> fallback_scsv;          ///< refuses a downgraded hello carrying the SCSV
    std::optional<bool> session_id_resumption;  ///< a non-empty session id in ServerHello
    std::optional<bool> session_tickets;        ///< echoes the session_ticket extension
    bool ocsp_stapling = false;                 ///< staples an OCSP response
    std::vector<std::string> alpn;              ///< ALPN protocols selected (h2, http/1.1)
    bool heartbeat = false;                     ///< echoes the heartbeat extension
    std::optional<bool> heartbleed;             ///< answered an over-long heartbeat request
};

/// One certificate chain the server presented (several when it has RSA and ECDSA keys).
struct CertificateSummary {
    std::string subject;
    std::string issuer;
    std::string serial;
    std::vector<std::string> san;  ///< DNS names and IP addresses
    std::string not_before;        ///< UTC, ISO 8601
    std::string not_after;
    long days_left = 0;
    bool expired = false;
    bool not_yet_valid = false;
    std::string key_type;  ///< RSA, EC, Ed25519, ...
    int key_bits = 0;
    std::string signature_algorithm;
    std::string signature_hash;  ///< SHA256, SHA1, MD5, NONE
    bool self_signed = false;
    std::string checked_name;
    bool hostname_match = false;
    bool chain_trusted = false;
    /// The server sent every intermediate needed: the chain verifies from what it sent plus
    /// the trust anchors alone, without fetching a missing intermediate.
    bool chain_complete = false;
    std::string verify_error;  ///< "ok" or OpenSSL's reason
    int chain_length = 0;
    std::string sha256_fingerprint;
};

/// What an HTTPS endpoint answered to "GET /". Filled by checks/http.
struct HttpSummary {
    int status = 0;
    std::string status_line;
    std::string location;                                      ///< Location header of a redirect
    std::vector<std::pair<std::string, std::string>> headers;  ///< lower-case names, in order
    std::optional<long> hsts_max_age;
    bool hsts_include_subdomains = false;
    bool hsts_preload = false;
    std::string server;  ///< the Server header, as sent
    bool server_discloses_version = false;
    std::string content_security_policy;
    std::string x_frame_options;
    std::string x_content_type_options;
    std::string referrer_policy;
    int cookies = 0;  ///< Set-Cookie headers
    int cookies_without_secure = 0;
    int cookies_without_httponly = 0;
    int cookies_without_samesite = 0;
    std::string error;  ///< why no answer could be read; empty when status > 0
};

/// Known weaknesses, each derived from what was observed (see weaknesses.h).
struct Vulnerabilities {
    bool heartbleed = false;
    bool poodle = false;
    bool sweet32 = false;
    bool freak = false;
    bool logjam = false;
    bool drown = false;
    bool crime = false;
    bool beast = false;
    bool rc4 = false;
    bool insecure_renegotiation = false;
    bool no_fallback_scsv = false;
};

/// The SSL Labs style grade (see grade.h and docs/tls-grade.md).
struct Grade {
    std::string
        letter;  ///< "A+", "A", "A-", "B", "C", "D", "E", "F", "T" (untrusted), "M" (name mismatch)
    int score = 0;  ///< 0-100 before caps
    int protocol_score = 0;
    int key_exchange_score = 0;
    int cipher_score = 0;
    std::vector<std::string> reasons;  ///< why the grade is capped, one short line each
};

struct TlsScan {
    std::string host;
    std::uint16_t port = 0;
    std::string sni;       ///< the name sent; empty for an IP literal without --sni
    std::string starttls;  ///< "", "smtp", "imap", "pop3", "ftp", "ldap"
    TargetStatus status = TargetStatus::Ok;
    std::string detail;  ///< one line when status != ok
    /// What OpenSSL negotiated when offered everything: the choice a modern client gets.
    std::string negotiated_protocol;  ///< "TLSv1.3"; empty when OpenSSL could not connect
    std::string negotiated_cipher;    ///< IANA name
    std::array<ProtocolSupport, 6> protocols{};  ///< indexed by Protocol
    KeyExchange key_exchange;
    SessionFeatures features;
    std::vector<CertificateSummary> certificates;  ///< the first is the default chain
    std::optional<HttpSummary> http;
    Vulnerabilities vulnerabilities;
    std::optional<Grade> grade;  ///< absent when the scan did not succeed
    int connections = 0;         ///< TCP connections opened to the endpoint
    std::chrono::milliseconds elapsed{0};

    const ProtocolSupport& protocol(Protocol p) const {
        return protocols[static_cast<std::size_t>(p)];
    }

    ProtocolSupport& protocol(Protocol p) { return protocols[static_cast<std::size_t>(p)]; }
};

}  // namespace attt::tls
