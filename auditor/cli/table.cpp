#include "auditor/cli/table.h"

#include <algorithm>

#include <fmt/format.h>

namespace attt::cli {

std::size_t display_width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

void Table::print(std::FILE* out) const {
    std::vector<std::size_t> widths(headers_.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    };
    measure(headers_);
    std::for_each(rows_.begin(), rows_.end(), measure);
    auto print_row = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line += std::string(widths[i] - display_width(row[i]) + 2, ' ');
            }
        }
        fmt::print(out, "{}\n", line);
    };
    // A key/value table has no header row worth printing.
    if (std::any_of(headers_.begin(), headers_.end(), [](const auto& h) { return !h.empty(); })) {
        print_row(headers_);
    }
    std::for_each(rows_.begin(), rows_.end(), print_row);
}

}  // namespace attt::cli
