#include "tests/lab/server_flight.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "tests/lab/openssl_handles.h"

namespace attt::lab {

namespace {

constexpr std::size_t kMaxU16 = 0xffff;
constexpr std::size_t kMaxU24 = 0xffffff;
constexpr std::size_t kHeartbeatPadding = 16;
constexpr std::size_t kSslv2ConnectionIdLength = 16;
/// DER ECDSA signatures over P-256 are 70 to 72 bytes; DSA over 160-bit q about 46.
constexpr std::size_t kEcdsaSignatureLength = 72;
constexpr std::size_t kDsaSignatureLength = 46;
/// Parameters the lab is asked to send; anything larger is a mistake in a lab description.
constexpr int kMaxParameterBits = 16384;

void put_u8(Bytes& out, std::size_t value) {
    out.push_back(static_cast<std::uint8_t>(value & 0xffU));
}

void put_u16(Bytes& out, std::size_t value) {
    out.push_back(static_cast<std::uint8_t>((value >> 8U) & 0xffU));
    out.push_back(static_cast<std::uint8_t>(value & 0xffU));
}

void put_u24(Bytes& out, std::size_t value) {
    out.push_back(static_cast<std::uint8_t>((value >> 16U) & 0xffU));
    put_u16(out, value);
}

void put_bytes(Bytes& out, std::span<const std::uint8_t> bytes) {
    out.insert(out.end(), bytes.begin(), bytes.end());
}

void put_u16_vector(Bytes& out, std::span<const std::uint8_t> bytes, const char* what) {
    if (bytes.size() > kMaxU16) {
        throw std::invalid_argument(std::string("lab flight: ") + what + " longer than 65535");
    }
    put_u16(out, bytes.size());
    put_bytes(out, bytes);
}

/// A recognisable filler (not random: the lab's answers are reproducible byte for byte).
Bytes pattern(std::size_t length, std::uint8_t seed) {
    Bytes out(length);
    for (std::size_t i = 0; i < length; ++i) {
        out[i] = static_cast<std::uint8_t>(seed + i * 37U);
    }
    return out;
}

/// A big-endian number of exactly `bits` significant bits: top bit set, odd.
Bytes number_of_bits(int bits, std::uint8_t seed) {
    if (bits < 8 || bits > kMaxParameterBits) {
        throw std::invalid_argument("lab flight: parameter size of " + std::to_string(bits) +
                                    " bits is outside 8.." + std::to_string(kMaxParameterBits));
    }
    const auto length = static_cast<std::size_t>((bits + 7) / 8);
    Bytes out = pattern(length, seed);
    const unsigned top_bit = static_cast<unsigned>(bits - 1) % 8U;
    out[0] = static_cast<std::uint8_t>((out[0] & ((1U << top_bit) - 1U)) | (1U << top_bit));
    out[length - 1] |= 1U;
    return out;
}

void put_signature(Bytes& out, const SignatureForm& signature) {
    if (!signature.present) {
        return;
    }
    if (signature.with_algorithm) {
        put_u16(out, signature.algorithm);
    }
    put_u16_vector(out, pattern(signature.length, 0x5c), "signature");
}

}  // namespace

Bytes handshake_message(std::uint8_t type, std::span<const std::uint8_t> body) {
    if (body.size() > kMaxU24) {
        throw std::invalid_argument("lab flight: handshake message longer than 2^24");
    }
    Bytes out;
    out.reserve(4 + body.size());
    put_u8(out, type);
    put_u24(out, body.size());
    put_bytes(out, body);
    return out;
}

Bytes records(std::uint8_t content_type,
              std::uint16_t version,
              std::span<const std::uint8_t> payload,
              std::size_t max_fragment) {
    max_fragment = std::clamp<std::size_t>(max_fragment, 1, kMaxU16);
    Bytes out;
    out.reserve(payload.size() + 5 * (payload.size() / max_fragment + 1));
    std::size_t at = 0;
    do {
        const std::size_t length = std::min(max_fragment, payload.size() - at);
        put_u8(out, content_type);
        put_u16(out, version);
        put_u16(out, length);
        put_bytes(out, payload.subspan(at, length));
        at += length;
    } while (at < payload.size());
    return out;
}

Bytes alert_record(std::uint16_t version, std::uint8_t level, std::uint8_t description) {
    const std::array<std::uint8_t, 2> alert{level, description};
    return records(kContentAlert, version, alert);
}

Bytes server_hello_body(const ServerHelloFields& fields) {
    if (fields.session_id.size() > 32) {
        throw std::invalid_argument("lab flight: session id longer than 32 bytes");
    }
    Bytes out;
    put_u16(out, fields.legacy_version);
    put_bytes(out, fields.random);
    put_u8(out, fields.session_id.size());
    put_bytes(out, fields.session_id);
    put_u16(out, fields.cipher_suite);
    put_u8(out, fields.compression_method);
    if (!fields.extensions_block) {
        return out;
    }
    Bytes extensions;
    for (const auto& extension : fields.extensions) {
        put_u16(extensions, extension.type);
        put_u16_vector(extensions, extension.data, "extension");
    }
    put_u16_vector(out, extensions, "extensions");
    return out;
}

Bytes certificate_body(std::span<const Bytes> chain) {
    Bytes list;
    for (const auto& certificate : chain) {
        put_u24(list, certificate.size());
        put_bytes(list, certificate);
    }
    if (list.size() > kMaxU24) {
        throw std::invalid_argument("lab flight: certificate chain longer than 2^24");
    }
    Bytes out;
    put_u24(out, list.size());
    put_bytes(out, list);
    return out;
}

Bytes dhe_key_exchange_body(int p_bits, const SignatureForm& signature) {
    Bytes out;
    const Bytes p = number_of_bits(p_bits, 0xa7);
    put_u16_vector(out, p, "dh_p");
    const std::array<std::uint8_t, 1> g{2};
    put_u16_vector(out, g, "dh_g");
    Bytes ys = pattern(p.size(), 0x31);
    ys[0] = static_cast<std::uint8_t>(ys[0] % std::max<std::uint8_t>(p[0], 1));  // Ys < p
    put_u16_vector(out, ys, "dh_Ys");
    put_signature(out, signature);
    return out;
}

Bytes ecdhe_key_exchange_body(std::uint16_t group, const SignatureForm& signature) {
    Bytes out;
    put_u8(out, 3);  // named_curve
    put_u16(out, group);
    const Bytes point = dummy_public_key(group);
    put_u8(out, point.size());
    put_bytes(out, point);
    put_signature(out, signature);
    return out;
}

Bytes rsa_export_key_exchange_body(int modulus_bits, const SignatureForm& signature) {
    Bytes out;
    put_u16_vector(out, number_of_bits(modulus_bits, 0x6b), "rsa_modulus");
    const std::array<std::uint8_t, 3> exponent{0x01, 0x00, 0x01};
    put_u16_vector(out, exponent, "rsa_exponent");
    put_signature(out, signature);
    return out;
}

std::size_t key_share_length(std::uint16_t group) {
    switch (group) {
        case 0x001d:  // x25519
            return 32;
        case 0x001e:  // x448
            return 56;
        case 0x0017:  // secp256r1
        case 0x001a:  // brainpoolP256r1
        case 0x001f:  // brainpoolP256r1tls13
            return 65;
        case 0x0018:  // secp384r1
        case 0x001b:
        case 0x0020:
            return 97;
        case 0x001c:  // brainpoolP512r1
        case 0x0021:
            return 129;
        case 0x0019:  // secp521r1
            return 133;
        case 0x0100:  // ffdhe2048 .. ffdhe8192
            return 256;
        case 0x0101:
            return 384;
        case 0x0102:
            return 512;
        case 0x0103:
            return 768;
        case 0x0104:
            return 1024;
        case 0x0200:  // ML-KEM-512 ciphertext
            return 768;
        case 0x0201:  // ML-KEM-768
            return 1088;
        case 0x0202:  // ML-KEM-1024
            return 1568;
        case 0x11eb:  // SecP256r1MLKEM768
            return 65 + 1088;
        case 0x11ec:  // X25519MLKEM768
            return 1088 + 32;
        case 0x11ed:  // SecP384r1MLKEM1024
            return 97 + 1568;
        default:
            return 0;
    }
}

Bytes dummy_public_key(std::uint16_t group) {
    const std::size_t length = key_share_length(group);
    Bytes out = pattern(length == 0 ? 32 : length, 0x42);
    const bool nist_point = group == 0x0017 || group == 0x0018 || group == 0x0019 ||
                            (group >= 0x001a && group <= 0x001c) ||
                            (group >= 0x001f && group <= 0x0021);
    if (nist_point) {
        out[0] = 0x04;  // uncompressed
    }
    return out;
}

Bytes heartbeat_response(std::uint16_t payload_length, std::span<const std::uint8_t> echoed) {
    Bytes out;
    out.reserve(3 + payload_length + kHeartbeatPadding);
    put_u8(out, 2);  // heartbeat_response
    put_u16(out, payload_length);
    const std::size_t copied = std::min<std::size_t>(payload_length, echoed.size());
    put_bytes(out, echoed.first(copied));
    out.insert(out.end(), payload_length - copied, static_cast<std::uint8_t>('A'));
    out.insert(out.end(), kHeartbeatPadding, static_cast<std::uint8_t>(0));
    return out;
}

Bytes sslv2_server_hello(std::span<const std::uint8_t> certificate,
                         std::span<const std::uint32_t> cipher_specs) {
    Bytes message;
    put_u8(message, 4);  // SERVER-HELLO
    put_u8(message, 0);  // session id hit: no
    put_u8(message, 1);  // certificate type: X.509
    put_u16(message, 0x0002);
    put_u16(message, certificate.size());
    put_u16(message, cipher_specs.size() * 3);
    put_u16(message, kSslv2ConnectionIdLength);
    put_bytes(message, certificate);
    for (const auto spec : cipher_specs) {
        put_u24(message, spec);
    }
    put_bytes(message, pattern(kSslv2ConnectionIdLength, 0x17));
    if (message.size() > 0x7fff) {
        throw std::invalid_argument("lab flight: SSLv2 SERVER-HELLO longer than 32767 bytes");
    }
    Bytes out;
    put_u16(out, 0x8000U | message.size());
    put_bytes(out, message);
    return out;
}

Bytes sslv2_error(std::uint16_t code) {
    Bytes out;
    put_u16(out, 0x8003);
    put_u8(out, 0);  // ERROR
    put_u16(out, code);
    return out;
}

SignatureForm signature_form(std::uint16_t version,
                             std::span<const std::uint8_t> leaf_der,
                             bool anonymous) {
    SignatureForm form;
    form.present = !anonymous;
    form.with_algorithm = version >= 0x0303;
    const unsigned char* cursor = leaf_der.data();
    X509Ptr leaf(leaf_der.empty() ? nullptr
                                  : d2i_X509(nullptr, &cursor, static_cast<long>(leaf_der.size())));
    EVP_PKEY* key = leaf ? X509_get0_pubkey(leaf.get()) : nullptr;
    if (key == nullptr) {
        return form;  // RSA 2048, the common case
    }
    switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_EC:
            form.algorithm = 0x0403;
            form.length = kEcdsaSignatureLength;
            break;
        case EVP_PKEY_DSA:
            form.algorithm = 0x0402;
            form.length = kDsaSignatureLength;
            break;
        default:
            form.length = static_cast<std::size_t>(std::max(EVP_PKEY_get_size(key), 1));
            break;
    }
    return form;
}

}  // namespace attt::lab
