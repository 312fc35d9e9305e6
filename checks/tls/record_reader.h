// Reads TLS records from untrusted bytes and reassembles the first handshake message the server
// sends, for our own prober. Bounded: never reads past the span, rejects oversized lengths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace attt::tls {

enum class ContentType : std::uint8_t {
    ChangeCipherSpec = 20,
    Alert = 21,
    Handshake = 22,
    ApplicationData = 23,
    Heartbeat = 24,
};

/// A TLSCiphertext may carry 2^14 + 2048 bytes (RFC 5246 6.2.3); anything longer is not TLS.
inline constexpr std::size_t kMaxRecordLength = 16384 + 2048;
inline constexpr std::size_t kRecordHeaderLength = 5;
/// The first handshake message we reassemble (ServerHello, or a certificate-bearing one) is cut
/// off at 64 KiB: a ServerHello is a few hundred bytes.
inline constexpr std::size_t kMaxHandshakeMessage = 65536;
/// At most this many records are read while reassembling one message.
inline constexpr std::size_t kMaxRecordsPerMessage = 64;

enum class ReadStatus {
    Complete,    ///< a whole unit was read
    Incomplete,  ///< the bytes so far are a valid prefix: read more from the peer
    NotTls,      ///< the first bytes cannot start a TLS record
    Malformed,   ///< a TLS record, but a length or type is wrong
};

struct TlsRecord {
    ContentType type = ContentType::Handshake;
    std::uint16_t version = 0;
    std::span<const std::uint8_t> fragment;  ///< points into the input span
};

struct RecordRead {
    ReadStatus status = ReadStatus::Incomplete;
    TlsRecord record;          ///< valid when status == Complete
    std::size_t consumed = 0;  ///< bytes of the input taken by the record
    std::string error;         ///< why, for NotTls and Malformed
};

/// Reads one record from the start of `bytes`.
RecordRead read_record(std::span<const std::uint8_t> bytes);

struct HandshakeMessage {
    std::uint8_t type = 0;
    std::uint16_t record_version = 0;  ///< version field of the first record carrying it
    std::vector<std::uint8_t> body;    ///< without the 4-byte header
};

/// What came first from the server: a handshake message, an alert, or neither.
struct FirstMessage {
    ReadStatus status = ReadStatus::Incomplete;
    bool is_alert = false;  ///< an Alert record came before any handshake byte
    std::uint8_t alert_level = 0;
    std::uint8_t alert_description = 0;
    HandshakeMessage handshake;  ///< when status == Complete and !is_alert
    std::string error;
};

/// Reassembles the first handshake message from consecutive Handshake records, or returns the
/// first Alert. Any other record type before the message is complete is Malformed.
FirstMessage read_first_message(std::span<const std::uint8_t> bytes);

}  // namespace attt::tls
