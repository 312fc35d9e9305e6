#include "tests/lab/client_hello_parser.h"

#include <algorithm>
#include <utility>

#include "checks/tls/byte_reader.h"

namespace attt::lab {

namespace {

using tls::ByteReader;

constexpr std::uint8_t kContentHandshake = 22;
constexpr std::uint8_t kHandshakeClientHello = 1;
constexpr std::uint8_t kSslv2ClientHello = 1;
constexpr std::size_t kRecordHeader = 5;
constexpr std::size_t kHandshakeHeader = 4;
/// A record may carry 2^14 bytes of plaintext (RFC 8446 5.1); clients send plaintext hellos.
constexpr std::size_t kMaxRecordFragment = 16384;
constexpr std::uint16_t kExtServerName = 0x0000;
constexpr std::uint16_t kExtSupportedGroups = 0x000a;
constexpr std::uint16_t kExtAlpn = 0x0010;
constexpr std::uint16_t kExtSupportedVersions = 0x002b;
constexpr std::uint16_t kExtKeyShare = 0x0033;

HelloRead failed(HelloStatus status, std::string error) {
    HelloRead out;
    out.status = status;
    out.error = std::move(error);
    return out;
}

bool read_u16_list(ByteReader& reader, std::size_t length, std::vector<std::uint16_t>& out) {
    if (length % 2 != 0 || reader.remaining() < length) {
        return false;
    }
    for (std::size_t i = 0; i < length / 2; ++i) {
        std::uint16_t value = 0;
        reader.read_u16(value);
        out.push_back(value);
    }
    return true;
}

/// Reads the data of the extensions the scripted server looks at; returns "" or what is wrong.
std::string read_extension(std::uint16_t type,
                           std::span<const std::uint8_t> data,
                           ClientHelloInfo& hello) {
    ByteReader reader(data);
    if (type == kExtSupportedVersions) {
        std::uint8_t length = 0;
        if (!reader.read_u8(length) || length != reader.remaining() ||
            !read_u16_list(reader, length, hello.supported_versions)) {
            return "supported_versions is malformed";
        }
    } else if (type == kExtSupportedGroups) {
        std::uint16_t length = 0;
        if (!reader.read_u16(length) || length != reader.remaining() ||
            !read_u16_list(reader, length, hello.supported_groups)) {
            return "supported_groups is malformed";
        }
    } else if (type == kExtKeyShare) {
        std::uint16_t length = 0;
        if (!reader.read_u16(length) || length != reader.remaining()) {
            return "key_share is malformed";
        }
        while (!reader.empty()) {
            std::uint16_t group = 0;
            std::uint16_t key_length = 0;
            std::span<const std::uint8_t> key;
            if (!reader.read_u16(group) || !reader.read_u16(key_length) ||
                !reader.read_bytes(key_length, key)) {
                return "key_share entry truncated";
            }
            hello.key_share_groups.push_back(group);
        }
    } else if (type == kExtServerName) {
        std::uint16_t list_length = 0;
        std::uint8_t name_type = 0;
        std::uint16_t name_length = 0;
        std::span<const std::uint8_t> name;
        if (!reader.read_u16(list_length) || !reader.read_u8(name_type) ||
            !reader.read_u16(name_length) || !reader.read_bytes(name_length, name)) {
            return "server_name is malformed";
        }
        if (name_type == 0) {
            hello.server_name.assign(name.begin(), name.end());
        }
    } else if (type == kExtAlpn) {
        std::uint16_t length = 0;
        if (!reader.read_u16(length) || length != reader.remaining()) {
            return "ALPN list is malformed";
        }
        while (!reader.empty()) {
            std::uint8_t name_length = 0;
            std::span<const std::uint8_t> name;
            if (!reader.read_u8(name_length) || !reader.read_bytes(name_length, name)) {
                return "ALPN name truncated";
            }
            hello.alpn.emplace_back(name.begin(), name.end());
        }
    }
    return {};
}

/// Parses a ClientHello body (after the 4-byte handshake header).
std::string read_client_hello_body(std::span<const std::uint8_t> body, ClientHelloInfo& hello) {
    ByteReader reader(body);
    std::span<const std::uint8_t> random;
    std::uint8_t session_id_length = 0;
    std::span<const std::uint8_t> session_id;
    if (!reader.read_u16(hello.client_version) || !reader.read_bytes(32, random) ||
        !reader.read_u8(session_id_length) || session_id_length > 32 ||
        !reader.read_bytes(session_id_length, session_id)) {
        return "ClientHello truncated before the cipher suites";
    }
    hello.session_id.assign(session_id.begin(), session_id.end());
    std::uint16_t suites_length = 0;
    if (!reader.read_u16(suites_length) || suites_length == 0 ||
        !read_u16_list(reader, suites_length, hello.cipher_suites)) {
        return "ClientHello cipher suites are malformed";
    }
    std::uint8_t compression_length = 0;
    std::span<const std::uint8_t> compression;
    if (!reader.read_u8(compression_length) || compression_length == 0 ||
        !reader.read_bytes(compression_length, compression)) {
        return "ClientHello compression methods are malformed";
    }
    hello.compression_methods.assign(compression.begin(), compression.end());
    if (reader.empty()) {
        return {};  // SSLv3 and early TLS clients send no extensions at all
    }
    std::uint16_t extensions_length = 0;
    std::span<const std::uint8_t> extensions;
    if (!reader.read_u16(extensions_length) || !reader.read_bytes(extensions_length, extensions) ||
        !reader.empty()) {
        return "ClientHello extensions length does not match the message";
    }
    ByteReader ext_reader(extensions);
    while (!ext_reader.empty()) {
        if (hello.extensions.size() >= kMaxClientHelloExtensions) {
            return "ClientHello has more than " + std::to_string(kMaxClientHelloExtensions) +
                   " extensions";
        }
        std::uint16_t type = 0;
        std::uint16_t length = 0;
        std::span<const std::uint8_t> data;
        if (!ext_reader.read_u16(type) || !ext_reader.read_u16(length) ||
            !ext_reader.read_bytes(length, data)) {
            return "ClientHello extension truncated";
        }
        if (hello.has_extension(type)) {
            return "ClientHello repeats extension " + std::to_string(type);
        }
        hello.extensions.push_back(type);
        if (auto error = read_extension(type, data, hello); !error.empty()) {
            return error;
        }
    }
    return {};
}

HelloRead parse_sslv2(std::span<const std::uint8_t> bytes) {
    ByteReader header(bytes);
    std::uint16_t length_field = 0;
    if (!header.read_u16(length_field)) {
        return failed(HelloStatus::Incomplete, "SSLv2 header truncated");
    }
    const std::size_t length = length_field & 0x7fffU;
    std::span<const std::uint8_t> message;
    if (!header.read_bytes(length, message)) {
        return failed(HelloStatus::Incomplete, "SSLv2 message truncated");
    }
    ByteReader reader(message);
    std::uint8_t type = 0;
    std::uint16_t version = 0;
    std::uint16_t specs_length = 0;
    std::uint16_t session_id_length = 0;
    std::uint16_t challenge_length = 0;
    if (!reader.read_u8(type) || type != kSslv2ClientHello) {
        return failed(HelloStatus::NotHello, "SSLv2 message is not a CLIENT-HELLO");
    }
    std::span<const std::uint8_t> specs;
    std::span<const std::uint8_t> session_id;
    std::span<const std::uint8_t> challenge;
    if (!reader.read_u16(version) || !reader.read_u16(specs_length) ||
        !reader.read_u16(session_id_length) || !reader.read_u16(challenge_length) ||
        specs_length == 0 || specs_length % 3 != 0 || session_id_length > 32 ||
        !reader.read_bytes(specs_length, specs) ||
        !reader.read_bytes(session_id_length, session_id) ||
        !reader.read_bytes(challenge_length, challenge) || !reader.empty()) {
        return failed(HelloStatus::Malformed, "SSLv2 CLIENT-HELLO lengths do not match");
    }
    HelloRead out;
    out.status = HelloStatus::Complete;
    out.consumed = 2 + length;
    out.hello.format = HelloFormat::Sslv2;
    out.hello.record_version = 0x0002;
    out.hello.client_version = version;
    out.hello.session_id.assign(session_id.begin(), session_id.end());
    ByteReader spec_reader(specs);
    std::uint32_t spec = 0;
    while (spec_reader.read_u24(spec)) {
        out.hello.sslv2_cipher_specs.push_back(spec);
    }
    return out;
}

}  // namespace

bool ClientHelloInfo::has_extension(std::uint16_t type) const {
    return std::find(extensions.begin(), extensions.end(), type) != extensions.end();
}

bool ClientHelloInfo::offers_suite(std::uint16_t code) const {
    return std::find(cipher_suites.begin(), cipher_suites.end(), code) != cipher_suites.end();
}

HelloRead parse_client_hello(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) {
        return failed(HelloStatus::Incomplete, "no bytes");
    }
    if ((bytes[0] & 0x80U) != 0) {
        if (bytes.size() < 3) {
            return failed(HelloStatus::Incomplete, "SSLv2 header truncated");
        }
        return parse_sslv2(bytes);
    }
    if (bytes[0] != kContentHandshake) {
        return failed(HelloStatus::NotHello, "first byte is not a handshake record");
    }
    if (bytes.size() >= 2 && bytes[1] != 3) {
        return failed(HelloStatus::NotHello, "record version major is not 3");
    }
    // Reassembles the handshake message from consecutive handshake records.
    std::vector<std::uint8_t> message;
    std::size_t at = 0;
    std::uint16_t record_version = 0;
    for (std::size_t records = 0;; ++records) {
        if (records >= kMaxClientHelloRecords) {
            return failed(HelloStatus::Malformed, "ClientHello spread over too many records");
        }
        ByteReader reader(bytes.subspan(at));
        std::uint8_t type = 0;
        std::uint16_t version = 0;
        std::uint16_t length = 0;
        if (!reader.read_u8(type) || !reader.read_u16(version) || !reader.read_u16(length)) {
            return failed(HelloStatus::Incomplete, "record header truncated");
        }
        if (type != kContentHandshake || (version >> 8U) != 3) {
            return failed(HelloStatus::Malformed,
                          "ClientHello interrupted by a non-handshake record");
        }
        if (length == 0 || length > kMaxRecordFragment) {
            return failed(HelloStatus::Malformed,
                          "handshake record of " + std::to_string(length) + " bytes");
        }
        std::span<const std::uint8_t> fragment;
        if (!reader.read_bytes(length, fragment)) {
            return failed(HelloStatus::Incomplete, "record truncated");
        }
        if (records == 0) {
            record_version = version;
        }
        at += kRecordHeader + length;
        message.insert(message.end(), fragment.begin(), fragment.end());
        if (message.size() < kHandshakeHeader) {
            continue;
        }
        if (message[0] != kHandshakeClientHello) {
            return failed(HelloStatus::NotHello, "first handshake message is not a ClientHello");
        }
        const std::size_t body_length = (static_cast<std::size_t>(message[1]) << 16U) |
                                        (static_cast<std::size_t>(message[2]) << 8U) | message[3];
        if (body_length + kHandshakeHeader > kMaxClientHelloBytes) {
            return failed(HelloStatus::Malformed,
                          "ClientHello of " + std::to_string(body_length) + " bytes");
        }
        if (message.size() < body_length + kHandshakeHeader) {
            continue;
        }
        HelloRead out;
        out.hello.record_version = record_version;
        const std::span<const std::uint8_t> body(message.data() + kHandshakeHeader, body_length);
        if (auto error = read_client_hello_body(body, out.hello); !error.empty()) {
            return failed(HelloStatus::Malformed, std::move(error));
        }
        out.status = HelloStatus::Complete;
        out.consumed = at;
        return out;
    }
}

std::string to_string(HelloStatus status) {
    switch (status) {
        case HelloStatus::Complete:
            return "complete";
        case HelloStatus::Incomplete:
            return "incomplete";
        case HelloStatus::NotHello:
            return "not a ClientHello";
        case HelloStatus::Malformed:
            return "malformed";
    }
    return "unknown";
}

}  // namespace attt::lab
