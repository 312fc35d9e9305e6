#include "checks/tls/record_reader.h"

#include <string>

#include "checks/tls/byte_reader.h"

namespace attt::tls {

namespace {

bool is_known_content_type(std::uint8_t value) {
    return value >= static_cast<std::uint8_t>(ContentType::ChangeCipherSpec) &&
           value <= static_cast<std::uint8_t>(ContentType::Heartbeat);
}

RecordRead failed(ReadStatus status, std::string error) {
    RecordRead out;
    out.status = status;
    out.error = std::move(error);
    return out;
}

FirstMessage failed_message(ReadStatus status, std::string error) {
    FirstMessage out;
    out.status = status;
    out.error = std::move(error);
    return out;
}

}  // namespace

RecordRead read_record(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) {
        return failed(ReadStatus::Incomplete, "no bytes");
    }
    if (!is_known_content_type(bytes[0])) {
        return failed(ReadStatus::NotTls,
                      "content type " + std::to_string(bytes[0]) + " is not a TLS record type");
    }
    // SSL 3.0 to TLS 1.3 all use major version 3 on the record layer.
    if (bytes.size() >= 2 && bytes[1] != 3) {
        return failed(ReadStatus::NotTls,
                      "record major version " + std::to_string(bytes[1]) + " is not 3");
    }
    ByteReader reader(bytes);
    std::uint8_t type = 0;
    std::uint16_t version = 0;
    std::uint16_t length = 0;
    if (!reader.read_u8(type) || !reader.read_u16(version) || !reader.read_u16(length)) {
        return failed(ReadStatus::Incomplete, "record header truncated");
    }
    if (length > kMaxRecordLength) {
        return failed(ReadStatus::Malformed,
                      "record length " + std::to_string(length) + " exceeds " +
                          std::to_string(kMaxRecordLength));
    }
    if (length == 0 && type != static_cast<std::uint8_t>(ContentType::ApplicationData)) {
        return failed(ReadStatus::Malformed,
                      "empty record of content type " + std::to_string(type));
    }
    RecordRead out;
    if (!reader.read_bytes(length, out.record.fragment)) {
        out.status = ReadStatus::Incomplete;
        out.error = "record body truncated: " + std::to_string(reader.remaining()) + " of " +
                    std::to_string(length) + " bytes";
        return out;
    }
    out.status = ReadStatus::Complete;
    out.record.type = static_cast<ContentType>(type);
    out.record.version = version;
    out.consumed = reader.offset();
    return out;
}

FirstMessage read_first_message(std::span<const std::uint8_t> bytes) {
    std::vector<std::uint8_t> assembled;
    std::uint16_t first_version = 0;
    std::size_t offset = 0;
    for (std::size_t records = 0; records < kMaxRecordsPerMessage; ++records) {
        const auto read = read_record(bytes.subspan(offset));
        if (read.status != ReadStatus::Complete) {
            // A bad record after good ones is still a broken stream, not a non-TLS peer.
            const auto status = (read.status == ReadStatus::NotTls && records > 0)
                                    ? ReadStatus::Malformed
                                    : read.status;
            return failed_message(status, read.error);
        }
        offset += read.consumed;
        const auto& record = read.record;
        if (record.type == ContentType::Alert && assembled.empty()) {
            if (record.fragment.size() != 2) {
                return failed_message(
                    ReadStatus::Malformed,
                    "alert record of " + std::to_string(record.fragment.size()) + " bytes, not 2");
            }
            FirstMessage out;
            out.status = ReadStatus::Complete;
            out.is_alert = true;
            out.alert_level = record.fragment[0];
            out.alert_description = record.fragment[1];
            return out;
        }
        if (record.type != ContentType::Handshake) {
            return failed_message(ReadStatus::Malformed,
                                  "record of content type " +
                                      std::to_string(static_cast<int>(record.type)) +
                                      " before the first handshake message was complete");
        }
        if (assembled.empty()) {
            first_version = record.version;
        }
        if (assembled.size() + record.fragment.size() > kMaxHandshakeMessage + 4) {
            return failed_message(ReadStatus::Malformed, "first handshake message exceeds 65536");
        }
        assembled.insert(assembled.end(), record.fragment.begin(), record.fragment.end());
        if (assembled.size() < 4) {
            continue;
        }
        ByteReader header(assembled);
        std::uint8_t type = 0;
        std::uint32_t length = 0;
        header.read_u8(type);
        header.read_u24(length);
        if (length > kMaxHandshakeMessage) {
            return failed_message(
                ReadStatus::Malformed,
                "handshake message length " + std::to_string(length) + " exceeds 65536");
        }
        if (assembled.size() >= 4 + length) {
            FirstMessage out;
            out.status = ReadStatus::Complete;
            out.handshake.type = type;
            out.handshake.record_version = first_version;
            out.handshake.body.assign(assembled.begin() + 4, assembled.begin() + 4 + length);
            return out;
        }
    }
    return failed_message(ReadStatus::Malformed,
                          "first handshake message spans more than 64 records");
}

}  // namespace attt::tls
