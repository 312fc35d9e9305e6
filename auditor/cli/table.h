// Plain-text tables for the terminal, aligned by display width so Vietnamese names with
// diacritics line up (UTF-8 bytes are not columns).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace attt::cli {

class Table {
public:
    explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

    void print(std::FILE* out) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

/// Number of code points in UTF-8 text (precomposed Vietnamese letters are one column each).
std::size_t display_width(const std::string& text);

}  // namespace attt::cli
