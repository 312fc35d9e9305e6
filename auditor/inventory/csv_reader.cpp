#include "auditor/inventory/csv_reader.h"

#include <fmt/format.h>

#include "auditor/core/limits.h"
#include "auditor/core/place.h"

namespace attt::inventory {

namespace {

/// State of the scanner between characters.
class CsvScanner {
public:
    CsvScanner(const std::string& path, std::string_view text) : path_(path), text_(text) {}

    Result<std::vector<CsvRow>> scan() {
        while (pos_ < text_.size()) {
            if (auto ok = scan_row(); !ok) {
                return tl::unexpected(ok.error());
            }
        }
        return std::move(rows_);
    }

private:
    Result<void> scan_row() {
        CsvRow row{line_, {}};
        std::string field;
        bool quoted = false;
        std::size_t row_start = pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (pos_ - row_start > limits::kMaxCsvLineBytes) {
                return fail(fmt::format("{}: line is longer than {} bytes",
                                        file_place(path_, row.line),
                                        limits::kMaxCsvLineBytes));
            }
            if (quoted) {
                if (c == '"' && peek() == '"') {
                    field += '"';
                    ++pos_;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line_ += c == '\n' ? 1 : 0;
                    field += c;
                }
                continue;
            }
            if (c == '"' && field.empty()) {
                quoted = true;
            } else if (c == ',') {
                row.fields.push_back(std::move(field));
                field.clear();
            } else if (c == '\n') {
                ++line_;
                break;
            } else if (c != '\r') {
                field += c;
            }
        }
        if (quoted) {
            return fail(
                fmt::format("{}: a quoted field is not closed", file_place(path_, row.line)));
        }
        row.fields.push_back(std::move(field));
        if (row.fields.size() == 1 && row.fields[0].empty()) {
            return {};  // blank line
        }
        if (rows_.size() >= limits::kMaxInventoryRows) {
            return fail(fmt::format("{}: more than {} rows", path_, limits::kMaxInventoryRows));
        }
        rows_.push_back(std::move(row));
        return {};
    }

    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

    const std::string& path_;
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::vector<CsvRow> rows_;
};

}  // namespace

Result<std::vector<CsvRow>> read_csv(const std::string& path, std::string_view text) {
    return CsvScanner(path, text).scan();
}

}  // namespace attt::inventory
