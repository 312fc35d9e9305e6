// Byte builders for the scripted lab server's answers: ServerHello (and HelloRetryRequest),
// Certificate, ServerKeyExchange of plausible form (DHE, ECDHE, RSA_EXPORT), ServerHelloDone,
// alerts, heartbeat responses and the SSLv2 SERVER-HELLO. Nothing here is cryptographically
// valid: a prober stops at the first flight and only reads its structure and sizes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace attt::lab {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::uint8_t kContentChangeCipherSpec = 20;
inline constexpr std::uint8_t kContentAlert = 21;
inline constexpr std::uint8_t kContentHandshake = 22;
inline constexpr std::uint8_t kContentHeartbeat = 24;

inline constexpr std::uint8_t kHandshakeServerHello = 2;
inline constexpr std::uint8_t kHandshakeCertificate = 11;
inline constexpr std::uint8_t kHandshakeServerKeyExchange = 12;
inline constexpr std::uint8_t kHandshakeServerHelloDone = 14;

/// Largest plaintext fragment a record may carry (RFC 5246 6.2.1).
inline constexpr std::size_t kMaxFragment = 16384;

/// SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest (RFC 8446 4.1.3).
inline constexpr std::array<std::uint8_t, 32> kHelloRetryRequestRandom{
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

struct Extension {
    std::uint16_t type = 0;
    Bytes data;
};

struct ServerHelloFields {
    std::uint16_t legacy_version = 0x0303;
    std::array<std::uint8_t, 32> random{};
    Bytes session_id;  ///< at most 32 bytes
    std::uint16_t cipher_suite = 0;
    std::uint8_t compression_method = 0;
    std::vector<Extension> extensions;
    /// False: the message ends after the compression method (no extensions block at all), as
    /// SSLv3 servers and TLS servers with nothing to say send it.
    bool extensions_block = true;
};

/// How the dummy signature of a ServerKeyExchange looks.
struct SignatureForm {
    bool present = true;               ///< false for anonymous suites
    bool with_algorithm = true;        ///< TLS 1.2 prefixes SignatureAndHashAlgorithm
    std::uint16_t algorithm = 0x0401;  ///< rsa_pkcs1_sha256
    std::size_t length = 256;          ///< RSA: the modulus size in bytes
};

/// A 4-byte handshake header followed by `body`.
Bytes handshake_message(std::uint8_t type, std::span<const std::uint8_t> body);

/// `payload` split into records of at most `max_fragment` bytes (at least one record, even
/// for an empty payload).
Bytes records(std::uint8_t content_type,
              std::uint16_t version,
              std::span<const std::uint8_t> payload,
              std::size_t max_fragment = kMaxFragment);

Bytes alert_record(std::uint16_t version, std::uint8_t level, std::uint8_t description);

/// The ServerHello (or HelloRetryRequest) handshake body. Throws std::invalid_argument when a
/// field does not fit its length (session id > 32, extensions > 65535 bytes).
Bytes server_hello_body(const ServerHelloFields& fields);

/// Certificate body: the DER certificates in order, each with a 3-byte length.
Bytes certificate_body(std::span<const Bytes> chain);

/// ServerDHParams: p of `p_bits` (top bit set, odd), g = 2, Ys of p's size; then the signature.
Bytes dhe_key_exchange_body(int p_bits, const SignatureForm& signature);
/// ServerECDHParams: named_curve `group`, a dummy point of that group's size; then the signature.
Bytes ecdhe_key_exchange_body(std::uint16_t group, const SignatureForm& signature);
/// ServerRSAParams: a modulus of `modulus_bits` (top bit set), exponent 65537; the signature.
Bytes rsa_export_key_exchange_body(int modulus_bits, const SignatureForm& signature);

/// Bytes of a key share (TLS 1.3) or ECDH point (TLS <= 1.2) for the group; 0 when unknown.
std::size_t key_share_length(std::uint16_t group);
/// A dummy public value of key_share_length(group) bytes (0x04-prefixed for NIST curves), or
/// 32 bytes for an unknown group.
Bytes dummy_public_key(std::uint16_t group);

/// A heartbeat_response message claiming `payload_length` bytes: the request's payload first,
/// then the fixed pattern 'A' up to the claimed length, then 16 bytes of padding.
Bytes heartbeat_response(std::uint16_t payload_length, std::span<const std::uint8_t> echoed);

/// An SSLv2 SERVER-HELLO (certificate type X.509) with the leaf certificate, the cipher specs
/// and a 16-byte connection id.
Bytes sslv2_server_hello(std::span<const std::uint8_t> certificate,
                         std::span<const std::uint32_t> cipher_specs);
/// An SSLv2 ERROR message, e.g. 0x0001 NO-CIPHER-ERROR.
Bytes sslv2_error(std::uint16_t code);

/// The signature a ServerKeyExchange of this version and authentication would carry: RSA
/// (size of the leaf's modulus, default 2048 bits), ECDSA or DSS.
SignatureForm signature_form(std::uint16_t version,
                             std::span<const std::uint8_t> leaf_der,
                             bool anonymous);

}  // namespace attt::lab
