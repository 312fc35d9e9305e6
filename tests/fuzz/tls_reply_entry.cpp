#include "tests/fuzz/tls_reply_entry.h"

#include <array>
#include <cstdlib>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/record_reader.h"

namespace attt::tls::fuzz {

namespace {

/// A broken invariant is a bug the fuzzer must report: abort gives it a crash and a reproducer.
void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

bool inside(std::span<const std::uint8_t> outer, std::span<const std::uint8_t> inner) {
    if (inner.empty()) {
        return true;
    }
    const auto* begin = outer.data();
    const auto* end = outer.data() + outer.size();
    return inner.data() >= begin && inner.data() + inner.size() <= end;
}

/// Reads consecutive records like the prober does, stopping at the first that is not Complete.
/// At most one record per 5 input bytes exists, so the loop is bounded by the input size.
std::size_t read_records(std::span<const std::uint8_t> bytes) {
    std::size_t offset = 0;
    std::size_t records = 0;
    while (offset < bytes.size()) {
        const auto rest = bytes.subspan(offset);
        const RecordRead read = read_record(rest);
        if (read.status != ReadStatus::Complete) {
            require(read.status == ReadStatus::Incomplete || !read.error.empty());
            break;
        }
        require(read.consumed >= kRecordHeaderLength && read.consumed <= rest.size());
        require(read.record.fragment.size() <= kMaxRecordLength);
        require(inside(rest, read.record.fragment));
        offset += read.consumed;
        ++records;
    }
    return records;
}

}  // namespace

ReplySummary run_tls_reply_entry(std::span<const std::uint8_t> bytes) {
    ReplySummary summary;
    summary.records = read_records(bytes);

    const FirstMessage first = read_first_message(bytes);
    if (first.status == ReadStatus::Complete && !first.is_alert) {
        require(first.handshake.body.size() <= kMaxHandshakeMessage);
        // The reassembled body is what the prober hands to the ServerHello parser.
        (void)parse_server_hello_body(first.handshake.body);
    }

    const ServerReply reply = parse_server_reply(bytes);
    summary.reply = reply.kind;
    (void)to_string(reply.kind);
    if (reply.kind == ReplyKind::ServerHello) {
        require(reply.server_hello.session_id.size() <= 32);
    }

    // The body parser on raw bytes too: the fuzzer mutates it directly this way.
    (void)parse_server_hello_body(bytes);

    // The rest of the flight: with the layout the chosen suite implies, then with every other
    // layout, since a lying server can pick any suite.
    KeyExchangeKind implied = KeyExchangeKind::None;
    if (reply.kind == ReplyKind::ServerHello) {
        if (const CipherSuite* suite = find_cipher_suite(reply.server_hello.cipher_suite)) {
            implied = key_exchange_kind(*suite);
        }
    }
    constexpr std::array<KeyExchangeKind, 4> kKinds{KeyExchangeKind::None,
                                                    KeyExchangeKind::Dhe,
                                                    KeyExchangeKind::Ecdhe,
                                                    KeyExchangeKind::RsaExport};
    for (const KeyExchangeKind kind : kKinds) {
        const FlightRead flight = read_server_flight(bytes, kind);
        require(flight.flight.certificates.size() <= kMaxFlightCertificates);
        require(flight.status != FlightStatus::Malformed || !flight.error.empty());
        require(flight.flight.dh_prime_bits >= 0 && flight.flight.export_rsa_bits >= 0);
        if (kind == implied) {
            summary.flight = flight.status;
            summary.certificates = flight.flight.certificates.size();
        }
    }

    const int bits = significant_bits(bytes);
    require(bits >= 0 && static_cast<std::size_t>(bits) <= bytes.size() * 8);
    return summary;
}

}  // namespace attt::tls::fuzz
