#include "checks/tls/client_hello.h"

#include <algorithm>
#include <array>
#include <random>
#include <stdexcept>
#include <string>

namespace attt::tls {

namespace {

constexpr std::uint8_t kContentHandshake = 22;
constexpr std::uint8_t kHandshakeClientHello = 1;
constexpr std::uint16_t kExtServerName = 0x0000;
constexpr std::uint16_t kExtSupportedGroups = 0x000a;
constexpr std::uint16_t kExtEcPointFormats = 0x000b;
constexpr std::uint16_t kExtSignatureAlgorithms = 0x000d;
constexpr std::uint16_t kExtSupportedVersions = 0x002b;
constexpr std::uint16_t kExtKeyShare = 0x0033;
constexpr std::uint16_t kExtStatusRequest = 0x0005;
constexpr std::uint16_t kExtHeartbeat = 0x000f;
constexpr std::uint16_t kExtAlpn = 0x0010;
constexpr std::uint16_t kExtSessionTicket = 0x0023;
constexpr std::uint16_t kGroupX25519 = 0x001d;
constexpr std::uint16_t kEmptyRenegotiationInfoScsv = 0x00ff;
constexpr std::uint16_t kFallbackScsv = 0x5600;
/// DNS names are at most 253 characters; 255 is the SNI length a server may reasonably accept.
constexpr std::size_t kMaxServerName = 255;
constexpr std::size_t kMaxU16 = 0xffff;
constexpr std::size_t kMaxSslv2Message = 0x7fff;
constexpr std::size_t kSslv2ChallengeLength = 16;

void put_u8(std::vector<std::uint8_t>& out, std::size_t value) {
    out.push_back(static_cast<std::uint8_t>(value & 0xff));
}

void put_u16(std::vector<std::uint8_t>& out, std::size_t value) {
    out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xff));
    out.push_back(static_cast<std::uint8_t>(value & 0xff));
}

void put_u24(std::vector<std::uint8_t>& out, std::size_t value) {
    out.push_back(static_cast<std::uint8_t>((value >> 16) & 0xff));
    put_u16(out, value);
}

void put_bytes(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> bytes) {
    out.insert(out.end(), bytes.begin(), bytes.end());
}

/// Appends a 16-bit length followed by `body`; throws if the body does not fit the length.
void put_u16_vector(std::vector<std::uint8_t>& out,
                    std::span<const std::uint8_t> body,
                    const char* what) {
    if (body.size() > kMaxU16) {
        throw std::invalid_argument(std::string("ClientHello: ") + what + " longer than 65535");
    }
    put_u16(out, body.size());
    put_bytes(out, body);
}

std::vector<std::uint8_t> u16_list(std::span<const std::uint16_t> values) {
    std::vector<std::uint8_t> out;
    out.reserve(values.size() * 2);
    for (const auto value : values) {
        put_u16(out, value);
    }
    return out;
}

void put_extension(std::vector<std::uint8_t>& out,
                   std::uint16_t type,
                   std::span<const std::uint8_t> body) {
    put_u16(out, type);
    put_u16_vector(out, body, "extension");
}

template <std::size_t N>
std::array<std::uint8_t, N> random_bytes(std::mt19937_64& generator) {
    std::array<std::uint8_t, N> out{};
    std::uniform_int_distribution<int> byte(0, 255);
    for (auto& value : out) {
        value = static_cast<std::uint8_t>(byte(generator));
    }
    return out;
}

/// Seeded from the OS; these bytes only need to differ between probes, not to be secret.
std::mt19937_64 make_generator() {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
}

void check_server_name(const std::string& name) {
    if (name.size() > kMaxServerName) {
        throw std::invalid_argument("ClientHello: server name longer than 255 bytes");
    }
    if (name.front() == '.' || name.back() == '.' || name.find("..") != std::string::npos) {
        throw std::invalid_argument("ClientHello: server name '" + name + "' has an empty label");
    }
    for (const char c : name) {
        if (c <= ' ' || c > '~') {
            throw std::invalid_argument("ClientHello: server name is not printable ASCII");
        }
    }
}

std::vector<std::uint8_t> alpn_list(const std::vector<std::string>& protocols) {
    std::vector<std::uint8_t> names;
    for (const auto& protocol : protocols) {
        if (protocol.empty() || protocol.size() > 255) {
            throw std::invalid_argument("ClientHello: ALPN name of " +
                                        std::to_string(protocol.size()) + " bytes");
        }
        put_u8(names, protocol.size());
        put_bytes(names, {reinterpret_cast<const std::uint8_t*>(protocol.data()), protocol.size()});
    }
    std::vector<std::uint8_t> list;
    put_u16_vector(list, names, "ALPN list");
    return list;
}

void put_supported_versions(std::vector<std::uint8_t>& out, bool tls13_only) {
    if (tls13_only) {
        const std::array<std::uint8_t, 3> versions{2, 0x03, 0x04};
        put_extension(out, kExtSupportedVersions, versions);
    } else {
        const std::array<std::uint8_t, 5> versions{4, 0x03, 0x04, 0x03, 0x03};
        put_extension(out, kExtSupportedVersions, versions);
    }
}

/// An x25519 share of random bytes (any 32 bytes are a valid x25519 public key), or an empty
/// share list so the server must name its group in a HelloRetryRequest.
void put_key_share(std::vector<std::uint8_t>& out,
                   const ClientHelloSpec& spec,
                   std::mt19937_64& generator) {
    std::vector<std::uint8_t> shares;
    const bool offers_x25519 =
        std::find(spec.supported_groups.begin(), spec.supported_groups.end(), kGroupX25519) !=
        spec.supported_groups.end();
    if (spec.key_share && offers_x25519) {
        const auto public_key = random_bytes<32>(generator);
        std::vector<std::uint8_t> share;
        put_u16(share, kGroupX25519);
        put_u16_vector(share, public_key, "key share");
        put_u16_vector(shares, share, "key shares");
    } else {
        put_u16(shares, 0);
    }
    put_extension(out, kExtKeyShare, shares);
}

std::vector<std::uint8_t> build_extensions(const ClientHelloSpec& spec,
                                           std::mt19937_64& generator) {
    std::vector<std::uint8_t> out;
    if (!spec.server_name.empty()) {
        std::vector<std::uint8_t> entry;
        put_u8(entry, 0);  // host_name
        put_u16_vector(entry,
                       {reinterpret_cast<const std::uint8_t*>(spec.server_name.data()),
                        spec.server_name.size()},
                       "server name");
        std::vector<std::uint8_t> list;
        put_u16_vector(list, entry, "server name list");
        put_extension(out, kExtServerName, list);
    }
    if (!spec.supported_groups.empty()) {
        std::vector<std::uint8_t> groups;
        put_u16_vector(groups, u16_list(spec.supported_groups), "supported groups");
        put_extension(out, kExtSupportedGroups, groups);
        const std::array<std::uint8_t, 2> uncompressed_only{1, 0};
        put_extension(out, kExtEcPointFormats, uncompressed_only);
    }
    if (spec.version >= kTls12 && !spec.signature_algorithms.empty()) {
        std::vector<std::uint8_t> schemes;
        put_u16_vector(schemes, u16_list(spec.signature_algorithms), "signature algorithms");
        put_extension(out, kExtSignatureAlgorithms, schemes);
    }
    if (spec.status_request) {
        // ocsp, empty responder id list, empty request extensions
        const std::array<std::uint8_t, 5> ocsp{1, 0, 0, 0, 0};
        put_extension(out, kExtStatusRequest, ocsp);
    }
    if (spec.session_ticket) {
        put_extension(out, kExtSessionTicket, {});
    }
    if (spec.heartbeat) {
        const std::array<std::uint8_t, 1> peer_allowed_to_send{1};
        put_extension(out, kExtHeartbeat, peer_allowed_to_send);
    }
    if (!spec.alpn.empty()) {
        put_extension(out, kExtAlpn, alpn_list(spec.alpn));
    }
    if (spec.offer_tls13 || spec.tls13_only) {
        put_supported_versions(out, spec.tls13_only);
        put_key_share(out, spec, generator);
    }
    return out;
}

}  // namespace

std::vector<std::uint16_t> default_supported_groups() {
    return {0x001d, 0x0017, 0x0018, 0x0019, 0x0100};
}

std::vector<std::uint16_t> default_signature_algorithms() {
    return {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0203};
}

std::vector<std::uint8_t> build_client_hello(const ClientHelloSpec& spec) {
    if (spec.version < kSsl3 || spec.version > kTls12) {
        throw std::invalid_argument("ClientHello: version must be 0x0300 to 0x0303");
    }
    if ((spec.offer_tls13 || spec.tls13_only) && spec.version != kTls12) {
        throw std::invalid_argument("ClientHello: offering TLS 1.3 needs version 0x0303");
    }
    if (spec.cipher_suites.empty()) {
        throw std::invalid_argument("ClientHello: no cipher suites");
    }
    if (!spec.server_name.empty()) {
        check_server_name(spec.server_name);
    }
    auto generator = make_generator();

    std::vector<std::uint16_t> suites = spec.cipher_suites;
    if (spec.empty_renegotiation_info_scsv) {
        suites.push_back(kEmptyRenegotiationInfoScsv);
    }
    if (spec.fallback_scsv) {
        suites.push_back(kFallbackScsv);
    }

    std::vector<std::uint8_t> body;
    put_u16(body, spec.version);
    put_bytes(body, random_bytes<32>(generator));
    if (spec.offer_tls13 || spec.tls13_only) {
        // A 32-byte legacy_session_id: the middlebox compatibility mode of RFC 8446 D.4.
        put_u8(body, 32);
        put_bytes(body, random_bytes<32>(generator));
    } else {
        put_u8(body, 0);
    }
    put_u16_vector(body, u16_list(suites), "cipher suites");
    if (spec.offer_compression) {
        put_u8(body, 2);  // compression methods: DEFLATE, null
        put_u8(body, 1);
    } else {
        put_u8(body, 1);  // compression methods: null only
    }
    put_u8(body, 0);
    if (spec.version >= kTls10) {
        put_u16_vector(body, build_extensions(spec, generator), "extensions");
    }

    constexpr std::size_t kHandshakeHeader = 4;
    if (body.size() + kHandshakeHeader > kMaxPlaintextFragment) {
        throw std::invalid_argument("ClientHello: " + std::to_string(body.size() + 4) +
                                    " bytes exceed one record (16384); offer fewer suites");
    }
    std::vector<std::uint8_t> record;
    record.reserve(5 + kHandshakeHeader + body.size());
    put_u8(record, kContentHandshake);
    put_u16(record, spec.version == kSsl3 ? kSsl3 : kTls10);
    put_u16(record, body.size() + kHandshakeHeader);
    put_u8(record, kHandshakeClientHello);
    put_u24(record, body.size());
    put_bytes(record, body);
    return record;
}

std::vector<std::uint8_t> build_sslv2_client_hello(std::span<const std::uint32_t> cipher_specs) {
    if (cipher_specs.empty()) {
        throw std::invalid_argument("SSLv2 CLIENT-HELLO: no cipher specs");
    }
    constexpr std::size_t kFixed = 9;  // type, version, three lengths
    const std::size_t length = kFixed + cipher_specs.size() * 3 + kSslv2ChallengeLength;
    if (length > kMaxSslv2Message) {
        throw std::invalid_argument("SSLv2 CLIENT-HELLO: too many cipher specs");
    }
    std::vector<std::uint8_t> out;
    out.reserve(2 + length);
    put_u16(out, 0x8000 | length);
    put_u8(out, 1);  // CLIENT-HELLO
    put_u16(out, 0x0002);
    put_u16(out, cipher_specs.size() * 3);
    put_u16(out, 0);  // session id length
    put_u16(out, kSslv2ChallengeLength);
    for (const auto spec : cipher_specs) {
        if (spec > 0xffffff) {
            throw std::invalid_argument("SSLv2 CLIENT-HELLO: cipher spec above 0xFFFFFF");
        }
        put_u24(out, spec);
    }
    auto generator = make_generator();
    put_bytes(out, random_bytes<kSslv2ChallengeLength>(generator));
    return out;
}

}  // namespace attt::tls
