#include "auditor/core/text_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "auditor/core/place.h"

namespace attt {

Result<std::string> read_text_file(const std::string& path, std::size_t max_bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        return fail(fmt::format("{}: cannot read: no such file", path));
    }
    if (!std::filesystem::is_regular_file(status)) {
        return fail(fmt::format("{}: cannot read: not a regular file", path));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    }
    std::string text;
    text.resize(max_bytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got > max_bytes) {
        return fail(fmt::format("{}: file is larger than the limit of {} bytes", path, max_bytes));
    }
    if (in.bad()) {
        return fail(fmt::format("{}: read error", path));
    }
    text.resize(got);
    return text;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        std::size_t len = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if (c < 0x80U) {
            ++i;
            continue;
        }
        if ((c & 0xE0U) == 0xC0U) {
            len = 2, min = 0x80, cp = c & 0x1FU;
        } else if ((c & 0xF0U) == 0xE0U) {
            len = 3, min = 0x800, cp = c & 0x0FU;
        } else if ((c & 0xF8U) == 0xF0U) {
            len = 4, min = 0x10000, cp = c & 0x07U;
        } else {
            return i;
        }
        if (i + len > n) {
            return i;
        }
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0U) != 0x80U) {
                return i;
            }
            cp = (cp << 6U) | (s[i + k] & 0x3FU);
        }
        if (cp < min || cp > 0x10FFFFU || (cp >= 0xD800U && cp <= 0xDFFFU)) {
            return i;
        }
        i += len;
    }
    return std::nullopt;
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<std::size_t>(std::count(
                   text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

Result<void> require_utf8(const std::string& path, std::string_view text) {
    if (auto bad = find_invalid_utf8(text)) {
        return fail(fmt::format("{}: invalid UTF-8 (byte {} of the file); save it as UTF-8",
                                file_place(path, line_of_offset(text, *bad)),
                                *bad + 1));
    }
    return {};
}

std::string_view strip_bom(std::string_view text) {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (text.substr(0, kBom.size()) == kBom) {
        text.remove_prefix(kBom.size());
    }
    return text;
}

}  // namespace attt
