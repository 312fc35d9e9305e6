// Classifies the server's first reply to our ClientHello: a ServerHello (version, suite,
// extensions), an Alert, an SSLv2 SERVER-HELLO, or not TLS at all. Pure and bounded: any byte
// string gives a value, never an exception or a read past the span.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace attt::tls {

inline constexpr std::uint16_t kExtRenegotiationInfo = 0xff01;
inline constexpr std::uint16_t kExtSupportedVersionsId = 0x002b;
inline constexpr std::uint16_t kExtKeyShareId = 0x0033;
inline constexpr std::uint16_t kExtStatusRequestId = 0x0005;
inline constexpr std::uint16_t kExtHeartbeatId = 0x000f;
inline constexpr std::uint16_t kExtAlpnId = 0x0010;
inline constexpr std::uint16_t kExtSessionTicketId = 0x0023;

struct ServerHello {
    std::uint16_t legacy_version = 0;  ///< the version field of the message
    /// The negotiated version: supported_versions when present (TLS 1.3), else legacy_version.
    std::uint16_t version = 0;
    std::array<std::uint8_t, 32> random{};
    std::vector<std::uint8_t> session_id;
    std::uint16_t cipher_suite = 0;
    std::uint8_t compression_method = 0;
    std::vector<std::uint16_t> extensions;  ///< types in the order received
    bool secure_renegotiation = false;      ///< renegotiation_info was present
    std::uint16_t key_share_group = 0;      ///< 0 = no key_share
    bool hello_retry_request = false;       ///< the RFC 8446 4.1.3 special random
    std::string alpn;                       ///< the ALPN protocol selected, if any

    bool has_extension(std::uint16_t type) const;
};

struct Alert {
    std::uint8_t level = 0;        ///< 1 warning, 2 fatal
    std::uint8_t description = 0;  ///< e.g. 40 handshake_failure, 70 protocol_version
};

struct Sslv2ServerHello {
    std::uint16_t version = 0;  ///< 0x0002
    bool session_id_hit = false;
    std::vector<std::uint32_t> cipher_specs;  ///< 3-byte SSLv2 cipher kinds
};

enum class ReplyKind {
    ServerHello,
    Alert,
    Sslv2ServerHello,
    Incomplete,  ///< a valid prefix: read more bytes and parse again
    NotTls,
    Malformed,
};

struct ServerReply {
    ReplyKind kind = ReplyKind::Incomplete;
    ServerHello server_hello;  ///< kind == ServerHello
    Alert alert;               ///< kind == Alert
    Sslv2ServerHello sslv2;    ///< kind == Sslv2ServerHello
    std::string error;         ///< what was wrong, for Incomplete, NotTls and Malformed
};

/// Parses the first bytes the server sent (from the start of the connection).
ServerReply parse_server_reply(std::span<const std::uint8_t> bytes);

/// Parses a ServerHello handshake body (after the 4-byte handshake header).
ServerReply parse_server_hello_body(std::span<const std::uint8_t> body);

std::string to_string(ReplyKind kind);

}  // namespace attt::tls
