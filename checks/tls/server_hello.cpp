#include "checks/tls/server_hello.h"

#include <algorithm>
#include <bitset>
#include <string>

#include "checks/tls/byte_reader.h"
#include "checks/tls/record_reader.h"

namespace attt::tls {

namespace {

constexpr std::uint8_t kHandshakeServerHello = 2;
constexpr std::uint8_t kSslv2ServerHello = 4;
/// SHA-256("HelloRetryRequest"): the random of a HelloRetryRequest (RFC 8446 4.1.3).
constexpr std::array<std::uint8_t, 32> kHelloRetryRandom{
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

ServerReply failed(ReplyKind kind, std::string error) {
    ServerReply out;
    out.kind = kind;
    out.error = std::move(error);
    return out;
}

ReplyKind reply_kind(ReadStatus status) {
    switch (status) {
        case ReadStatus::Incomplete:
            return ReplyKind::Incomplete;
        case ReadStatus::NotTls:
            return ReplyKind::NotTls;
        case ReadStatus::Malformed:
        case ReadStatus::Complete:
            break;
    }
    return ReplyKind::Malformed;
}

bool looks_like_sslv2(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 3 && (bytes[0] & 0x80) != 0 && bytes[2] == kSslv2ServerHello;
}

ServerReply parse_sslv2_server_hello(std::span<const std::uint8_t> bytes) {
    ByteReader header(bytes);
    std::uint16_t length_field = 0;
    header.read_u16(length_field);
    const std::size_t length = length_field & 0x7fff;
    std::span<const std::uint8_t> message;
    if (!header.read_bytes(length, message)) {
        return failed(ReplyKind::Incomplete, "SSLv2 message truncated");
    }
    ByteReader reader(message);
    std::uint8_t type = 0;
    std::uint8_t hit = 0;
    std::uint8_t certificate_type = 0;
    std::uint16_t version = 0;
    std::uint16_t certificate_length = 0;
    std::uint16_t specs_length = 0;
    std::uint16_t connection_id_length = 0;
    if (!reader.read_u8(type) || !reader.read_u8(hit) || !reader.read_u8(certificate_type) ||
        !reader.read_u16(version) || !reader.read_u16(certificate_length) ||
        !reader.read_u16(specs_length) || !reader.read_u16(connection_id_length)) {
        return failed(ReplyKind::Malformed, "SSLv2 SERVER-HELLO header truncated");
    }
    if (version != 0x0002) {
        return failed(ReplyKind::NotTls,
                      "SSLv2 SERVER-HELLO with version " + std::to_string(version) + ", not 2");
    }
    if (specs_length % 3 != 0) {
        return failed(ReplyKind::Malformed, "SSLv2 cipher specs length is not a multiple of 3");
    }
    std::span<const std::uint8_t> certificate;
    std::span<const std::uint8_t> specs;
    std::span<const std::uint8_t> connection_id;
    if (!reader.read_bytes(certificate_length, certificate) ||
        !reader.read_bytes(specs_length, specs) ||
        !reader.read_bytes(connection_id_length, connection_id)) {
        return failed(ReplyKind::Malformed, "SSLv2 SERVER-HELLO lengths exceed the message");
    }
    ServerReply out;
    out.kind = ReplyKind::Sslv2ServerHello;
    out.sslv2.version = version;
    out.sslv2.session_id_hit = hit != 0;
    ByteReader spec_reader(specs);
    std::uint32_t spec = 0;
    while (spec_reader.read_u24(spec)) {
        out.sslv2.cipher_specs.push_back(spec);
    }
    return out;
}

/// The one protocol name of a ServerHello ALPN extension (RFC 7301 3.1).
std::string read_alpn(ByteReader& reader, std::string& alpn) {
    std::uint16_t list_length = 0;
    std::uint8_t name_length = 0;
    std::span<const std::uint8_t> name;
    if (!reader.read_u16(list_length) || !reader.read_u8(name_length) || name_length == 0 ||
        !reader.read_bytes(name_length, name) || !reader.empty() ||
        list_length != name_length + 1) {
        return "ALPN extension is not one protocol name";
    }
    alpn.assign(name.begin(), name.end());
    return {};
}

/// Reads the ServerHello extensions into `hello`; returns what was wrong, or "" if nothing.
std::string read_extensions(std::span<const std::uint8_t> extensions, ServerHello& hello) {
    ByteReader ext_reader(extensions);
    std::bitset<65536> seen;
    while (!ext_reader.empty()) {
        std::uint16_t type = 0;
        std::uint16_t length = 0;
        std::span<const std::uint8_t> data;
        if (!ext_reader.read_u16(type) || !ext_reader.read_u16(length) ||
            !ext_reader.read_bytes(length, data)) {
            return "ServerHello extension truncated";
        }
        // A bitmap, not a search of the list: a hostile hello with thousands of extensions
        // must cost linear time.
        if (seen.test(type)) {
            return "ServerHello repeats extension " + std::to_string(type);
        }
        seen.set(type);
        hello.extensions.push_back(type);
        ByteReader data_reader(data);
        if (type == kExtSupportedVersionsId) {
            std::uint16_t selected = 0;
            if (!data_reader.read_u16(selected) || !data_reader.empty()) {
                return "supported_versions is not 2 bytes";
            }
            hello.version = selected;
        } else if (type == kExtKeyShareId) {
            // ServerHello: group + key exchange; HelloRetryRequest: the group alone.
            if (!data_reader.read_u16(hello.key_share_group)) {
                return "key_share shorter than 2 bytes";
            }
        } else if (type == kExtRenegotiationInfo) {
            hello.secure_renegotiation = true;
        } else if (type == kExtAlpnId) {
            if (auto error = read_alpn(data_reader, hello.alpn); !error.empty()) {
                return error;
            }
        }
    }
    return {};
}

}  // namespace

bool ServerHello::has_extension(std::uint16_t type) const {
    return std::find(extensions.begin(), extensions.end(), type) != extensions.end();
}

ServerReply parse_server_hello_body(std::span<const std::uint8_t> body) {
    ByteReader reader(body);
    ServerReply out;
    auto& hello = out.server_hello;
    std::span<const std::uint8_t> random;
    std::uint8_t session_id_length = 0;
    std::span<const std::uint8_t> session_id;
    if (!reader.read_u16(hello.legacy_version) || !reader.read_bytes(32, random) ||
        !reader.read_u8(session_id_length)) {
        return failed(ReplyKind::Malformed, "ServerHello truncated before the session id");
    }
    if (session_id_length > 32) {
        return failed(ReplyKind::Malformed,
                      "ServerHello session id of " + std::to_string(session_id_length) + " bytes");
    }
    if (!reader.read_bytes(session_id_length, session_id) || !reader.read_u16(hello.cipher_suite) ||
        !reader.read_u8(hello.compression_method)) {
        return failed(ReplyKind::Malformed, "ServerHello truncated before the extensions");
    }
    std::copy(random.begin(), random.end(), hello.random.begin());
    hello.session_id.assign(session_id.begin(), session_id.end());
    hello.version = hello.legacy_version;
    hello.hello_retry_request = hello.random == kHelloRetryRandom;
    if (reader.empty()) {
        out.kind = ReplyKind::ServerHello;
        return out;
    }
    std::uint16_t extensions_length = 0;
    std::span<const std::uint8_t> extensions;
    if (!reader.read_u16(extensions_length) || !reader.read_bytes(extensions_length, extensions)) {
        return failed(ReplyKind::Malformed, "ServerHello extensions length exceeds the message");
    }
    if (!reader.empty()) {
        return failed(ReplyKind::Malformed, "ServerHello has bytes after its extensions");
    }
    if (auto error = read_extensions(extensions, hello); !error.empty()) {
        return failed(ReplyKind::Malformed, std::move(error));
    }
    out.kind = ReplyKind::ServerHello;
    return out;
}

ServerReply parse_server_reply(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) {
        return failed(ReplyKind::Incomplete, "no bytes");
    }
    if (looks_like_sslv2(bytes)) {
        return parse_sslv2_server_hello(bytes);
    }
    const auto first = read_first_message(bytes);
    if (first.status != ReadStatus::Complete) {
        return failed(reply_kind(first.status), first.error);
    }
    if (first.is_alert) {
        ServerReply out;
        out.kind = ReplyKind::Alert;
        out.alert.level = first.alert_level;
        out.alert.description = first.alert_description;
        return out;
    }
    if (first.handshake.type != kHandshakeServerHello) {
        return failed(ReplyKind::Malformed,
                      "first handshake message has type " + std::to_string(first.handshake.type) +
                          ", not ServerHello (2)");
    }
    return parse_server_hello_body(first.handshake.body);
}

std::string to_string(ReplyKind kind) {
    switch (kind) {
        case ReplyKind::ServerHello:
            return "ServerHello";
        case ReplyKind::Alert:
            return "Alert";
        case ReplyKind::Sslv2ServerHello:
            return "SSLv2 SERVER-HELLO";
        case ReplyKind::Incomplete:
            return "incomplete";
        case ReplyKind::NotTls:
            return "not TLS";
        case ReplyKind::Malformed:
            return "malformed";
    }
    return "unknown";
}

}  // namespace attt::tls
