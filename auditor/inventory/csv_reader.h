// RFC 4180 CSV for inventory imports: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM
// from Excel. Bounded in line length and row count; every row remembers its line number.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/error.h"

namespace attt::inventory {

struct CsvRow {
    std::size_t line = 0;  ///< 1-based line where the row starts
    std::vector<std::string> fields;
};

/// Splits text into rows. `path` is used only in messages. Blank lines are skipped.
/// Fails on an unterminated quote, a line over the limit, or too many rows.
Result<std::vector<CsvRow>> read_csv(const std::string& path, std::string_view text);

}  // namespace attt::inventory
