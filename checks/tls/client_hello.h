// Builds the bytes of a TLS ClientHello record (SSLv3 to TLS 1.3) and of an SSLv2 CLIENT-HELLO,
// without OpenSSL, so our own prober can offer exactly the versions and suites it wants to test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace attt::tls {

inline constexpr std::uint16_t kSsl3 = 0x0300;
inline constexpr std::uint16_t kTls10 = 0x0301;
inline constexpr std::uint16_t kTls11 = 0x0302;
inline constexpr std::uint16_t kTls12 = 0x0303;
inline constexpr std::uint16_t kTls13 = 0x0304;

/// Largest TLSPlaintext fragment (RFC 8446 5.1); one ClientHello must fit in one record.
inline constexpr std::size_t kMaxPlaintextFragment = 16384;

/// Groups offered by default: x25519, secp256r1, secp384r1, secp521r1, ffdhe2048.
std::vector<std::uint16_t> default_supported_groups();
/// Signature schemes offered by default: ECDSA, RSA-PSS and PKCS#1 with SHA-2, plus SHA-1.
std::vector<std::uint16_t> default_signature_algorithms();

struct ClientHelloSpec {
    /// client_version: kSsl3, kTls10, kTls11 or kTls12. The record layer carries kSsl3 for an
    /// SSLv3 hello and kTls10 otherwise, as browsers do, so old servers accept the record.
    std::uint16_t version = kTls12;
    /// Adds supported_versions {1.3, 1.2} and an x25519 key_share; needs version == kTls12.
    bool offer_tls13 = false;
    /// Offers TLS 1.3 alone (supported_versions {1.3}); needs version == kTls12.
    bool tls13_only = false;
    /// With TLS 1.3: send an x25519 key share when x25519 is among the groups. Without one the
    /// server must answer with a HelloRetryRequest naming the group it chose.
    bool key_share = true;
    bool offer_compression = false;            ///< offers DEFLATE (1) before null: CRIME
    bool status_request = false;               ///< asks for a stapled OCSP response
    bool session_ticket = false;               ///< an empty session_ticket extension
    bool heartbeat = false;                    ///< the heartbeat extension, peer allowed to send
    std::vector<std::string> alpn;             ///< ALPN protocol names, e.g. "h2", "http/1.1"
    std::vector<std::uint16_t> cipher_suites;  ///< at least one
    std::string server_name;                   ///< SNI host name; empty = no SNI
    std::vector<std::uint16_t> supported_groups = default_supported_groups();
    std::vector<std::uint16_t> signature_algorithms = default_signature_algorithms();
    bool empty_renegotiation_info_scsv = false;  ///< appends 0x00FF to the suites
    bool fallback_scsv = false;                  ///< appends 0x5600 to the suites
};

/// The complete record (5-byte header + handshake message). SSLv3 hellos carry no extensions.
/// Random, session id and key share are fresh random bytes: the probe stops at ServerHello.
/// Throws std::invalid_argument for a spec that cannot be sent: unknown version, no suites,
/// TLS 1.3 with a version other than kTls12, an SNI name that is empty-labelled, longer than
/// 255 bytes or not printable ASCII, or a hello larger than one record (split the suites).
std::vector<std::uint8_t> build_client_hello(const ClientHelloSpec& spec);

/// An SSLv2 CLIENT-HELLO (2-byte header, version 0x0002, 16-byte challenge) offering the given
/// 3-byte cipher specs, e.g. 0x010080 (SSL_CK_RC4_128_WITH_MD5). Throws std::invalid_argument
/// for no specs, a spec above 0xFFFFFF, or a message longer than 0x7FFF bytes.
std::vector<std::uint8_t> build_sslv2_client_hello(std::span<const std::uint32_t> cipher_specs);

}  // namespace attt::tls
