#include "auditor/core/text_split.h"

#include <algorithm>

namespace attt {

namespace {

constexpr std::string_view kBlank = " \t\r\n";

}  // namespace

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(kBlank);
    if (first == std::string_view::npos) {
        return {};
    }
    return std::string(text.substr(first, text.find_last_not_of(kBlank) - first + 1));
}

std::vector<std::string> split_trimmed(std::string_view text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(separator, start), text.size());
        if (auto item = trim(text.substr(start, end - start)); !item.empty()) {
            out.push_back(std::move(item));
        }
        start = end + 1;
    }
    return out;
}

}  // namespace attt
