#include "checks/tls/server_flight.h"

#include <string>

#include "checks/tls/byte_reader.h"
#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/record_reader.h"

namespace attt::tls {

namespace {

constexpr std::uint8_t kServerHello = 2;
constexpr std::uint8_t kCertificate = 11;
constexpr std::uint8_t kServerKeyExchange = 12;
constexpr std::uint8_t kServerHelloDone = 14;
constexpr std::uint8_t kCertificateStatus = 22;
constexpr std::uint8_t kNamedCurve = 3;
/// Records read at most for one flight: a 256 KiB flight in 16 KiB records needs 16; servers
/// that fragment finely get room, a stream of empty-ish records does not.
constexpr std::size_t kMaxFlightRecords = 512;

FlightRead malformed(FlightRead out, std::string error) {
    out.status = FlightStatus::Malformed;
    out.error = std::move(error);
    return out;
}

/// Certificate: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1> (RFC 5246 7.4.2).
std::string read_certificates(std::span<const std::uint8_t> body, ServerFlight& flight) {
    ByteReader reader(body);
    std::uint32_t list_length = 0;
    std::span<const std::uint8_t> list;
    if (!reader.read_u24(list_length) || !reader.read_bytes(list_length, list) || !reader.empty()) {
        return "Certificate list length does not match the message";
    }
    ByteReader entries(list);
    while (!entries.empty()) {
        std::uint32_t length = 0;
        std::span<const std::uint8_t> der;
        if (!entries.read_u24(length) || length == 0 || !entries.read_bytes(length, der)) {
            return "Certificate entry truncated";
        }
        if (flight.certificates.size() < kMaxFlightCertificates) {
            flight.certificates.emplace_back(der.begin(), der.end());
        }
    }
    return {};
}

bool read_u16_vector(ByteReader& reader, std::span<const std::uint8_t>& out) {
    std::uint16_t length = 0;
    return reader.read_u16(length) && reader.read_bytes(length, out);
}

std::string read_key_exchange(std::span<const std::uint8_t> body,
                              KeyExchangeKind kind,
                              ServerFlight& flight) {
    ByteReader reader(body);
    switch (kind) {
        case KeyExchangeKind::Dhe: {
            std::span<const std::uint8_t> prime;
            if (!read_u16_vector(reader, prime)) {
                return "ServerKeyExchange: DH prime truncated";
            }
            flight.dh_prime_bits = significant_bits(prime);
            return {};
        }
        case KeyExchangeKind::Ecdhe: {
            std::uint8_t curve_type = 0;
            if (!reader.read_u8(curve_type)) {
                return "ServerKeyExchange: curve type missing";
            }
            if (curve_type == kNamedCurve && !reader.read_u16(flight.ecdh_group)) {
                return "ServerKeyExchange: named curve truncated";
            }
            return {};
        }
        case KeyExchangeKind::RsaExport: {
            std::span<const std::uint8_t> modulus;
            if (!read_u16_vector(reader, modulus)) {
                return "ServerKeyExchange: RSA modulus truncated";
            }
            flight.export_rsa_bits = significant_bits(modulus);
            return {};
        }
        case KeyExchangeKind::None:
            return {};
    }
    return {};
}

std::string read_message(std::uint8_t type,
                         std::span<const std::uint8_t> body,
                         KeyExchangeKind kind,
                         ServerFlight& flight) {
    switch (type) {
        case kCertificate:
            return read_certificates(body, flight);
        case kServerKeyExchange:
            return read_key_exchange(body, kind, flight);
        case kCertificateStatus:
            flight.certificate_status = true;
            return {};
        case kServerHelloDone:
            flight.server_hello_done = true;
            return {};
        default:
            return {};  // ServerHello, CertificateRequest and others carry nothing we judge
    }
}

/// Concatenates the handshake records at the start of `bytes`; stops at the first record of
/// another type (a fatal alert ends the flight) or at the end of the bytes.
struct HandshakeStream {
    std::vector<std::uint8_t> bytes;
    bool truncated = false;  ///< the input ended inside a record
    std::string error;
};

HandshakeStream collect_handshake_bytes(std::span<const std::uint8_t> input) {
    HandshakeStream out;
    std::size_t offset = 0;
    for (std::size_t records = 0; offset < input.size(); ++records) {
        if (records >= kMaxFlightRecords) {
            out.error = "server flight spans more than 512 records";
            return out;
        }
        const auto read = read_record(input.subspan(offset));
        if (read.status == ReadStatus::Incomplete) {
            out.truncated = true;
            return out;
        }
        if (read.status != ReadStatus::Complete) {
            out.error = read.error;
            return out;
        }
        if (read.record.type != ContentType::Handshake) {
            out.error = "record of content type " +
                        std::to_string(static_cast<int>(read.record.type)) + " inside the flight";
            return out;
        }
        if (out.bytes.size() + read.record.fragment.size() > kMaxFlightBytes) {
            out.error = "server flight exceeds 256 KiB";
            return out;
        }
        out.bytes.insert(out.bytes.end(), read.record.fragment.begin(), read.record.fragment.end());
        offset += read.consumed;
    }
    out.truncated = true;  // no ServerHelloDone yet: the caller decides whether to read on
    return out;
}

}  // namespace

FlightRead read_server_flight(std::span<const std::uint8_t> bytes, KeyExchangeKind kind) {
    FlightRead out;
    const auto stream = collect_handshake_bytes(bytes);
    ByteReader reader(stream.bytes);
    bool first = true;
    while (reader.remaining() >= 4) {
        std::uint8_t type = 0;
        std::uint32_t length = 0;
        reader.read_u8(type);
        reader.read_u24(length);
        if (first && type != kServerHello) {
            return malformed(std::move(out), "flight does not start with ServerHello");
        }
        first = false;
        std::span<const std::uint8_t> body;
        if (!reader.read_bytes(length, body)) {
            break;  // the message continues in bytes not read yet
        }
        if (auto error = read_message(type, body, kind, out.flight); !error.empty()) {
            return malformed(std::move(out), std::move(error));
        }
        if (out.flight.server_hello_done) {
            out.status = FlightStatus::Complete;
            return out;
        }
    }
    if (!stream.error.empty()) {
        return malformed(std::move(out), stream.error);
    }
    out.status = FlightStatus::Incomplete;
    return out;
}

KeyExchangeKind key_exchange_kind(const CipherSuite& suite) {
    const bool anon = suite.authentication == "anon";
    if (suite.key_exchange == "DHE" || (suite.key_exchange == "DH" && anon)) {
        return KeyExchangeKind::Dhe;
    }
    if (suite.key_exchange == "ECDHE" || (suite.key_exchange == "ECDH" && anon)) {
        return KeyExchangeKind::Ecdhe;
    }
    if (suite.key_exchange == "RSA" && suite.is_export) {
        return KeyExchangeKind::RsaExport;
    }
    return KeyExchangeKind::None;
}

int significant_bits(std::span<const std::uint8_t> number) {
    std::size_t first = 0;
    while (first < number.size() && number[first] == 0) {
        ++first;
    }
    if (first == number.size()) {
        return 0;
    }
    int bits = static_cast<int>((number.size() - first) * 8);
    for (std::uint8_t top = number[first]; (top & 0x80) == 0;
         top = static_cast<std::uint8_t>(top << 1)) {
        --bits;
    }
    return bits;
}

}  // namespace attt::tls
