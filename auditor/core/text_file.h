// Bounded reading of untrusted text files, with the checks every reader needs first: a size
// cap, and valid UTF-8 (Vietnamese names must survive the round trip intact).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "auditor/core/error.h"

namespace attt {

/// Reads the whole file, refusing files larger than max_bytes. Errors name the path.
Result<std::string> read_text_file(const std::string& path, std::size_t max_bytes);

/// Offset of the first byte that is not part of valid UTF-8 (overlongs and surrogates count
/// as invalid), or nullopt if the text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// 1-based line number of a byte offset.
std::size_t line_of_offset(std::string_view text, std::size_t offset);

/// Fails with "path:line: invalid UTF-8" if the text is not valid UTF-8.
Result<void> require_utf8(const std::string& path, std::string_view text);

/// Drops a UTF-8 byte order mark (as written by Excel) from the front of the text.
std::string_view strip_bom(std::string_view text);

}  // namespace attt
