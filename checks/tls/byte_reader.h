// A bounds-checked cursor over untrusted bytes, for the TLS codec's parsers: every read states
// its size and fails (returns false) instead of stepping past the end of the span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace attt::tls {

class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

    std::size_t remaining() const { return bytes_.size() - offset_; }

    std::size_t offset() const { return offset_; }

    bool empty() const { return remaining() == 0; }

    bool read_u8(std::uint8_t& value) {
        if (remaining() < 1) {
            return false;
        }
        value = bytes_[offset_];
        offset_ += 1;
        return true;
    }

    bool read_u16(std::uint16_t& value) {
        if (remaining() < 2) {
            return false;
        }
        value = static_cast<std::uint16_t>((bytes_[offset_] << 8) | bytes_[offset_ + 1]);
        offset_ += 2;
        return true;
    }

    bool read_u24(std::uint32_t& value) {
        if (remaining() < 3) {
            return false;
        }
        value = (static_cast<std::uint32_t>(bytes_[offset_]) << 16) |
                (static_cast<std::uint32_t>(bytes_[offset_ + 1]) << 8) |
                static_cast<std::uint32_t>(bytes_[offset_ + 2]);
        offset_ += 3;
        return true;
    }

    /// The next `count` bytes as a sub-span, or false if fewer remain.
    bool read_bytes(std::size_t count, std::span<const std::uint8_t>& out) {
        if (remaining() < count) {
            return false;
        }
        out = bytes_.subspan(offset_, count);
        offset_ += count;
        return true;
    }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t offset_ = 0;
};

}  // namespace attt::tls
