// A two-way table between an enum and the stable names it has in files, the database and
// reports. One table per enum keeps the spelling in one place.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace attt {

template <class Enum, std::size_t N>
class EnumNames {
public:
    constexpr explicit EnumNames(std::array<std::pair<Enum, std::string_view>, N> entries)
        : entries_(std::move(entries)) {}

    constexpr std::string_view name(Enum value) const {
        for (const auto& [v, n] : entries_) {
            if (v == value) {
                return n;
            }
        }
        return "unknown";
    }

    constexpr std::optional<Enum> parse(std::string_view text) const {
        for (const auto& [v, n] : entries_) {
            if (n == text) {
                return v;
            }
        }
        return std::nullopt;
    }

    /// "a, b, c": for error messages that list what is accepted.
    std::string accepted() const {
        std::string out;
        for (const auto& [v, n] : entries_) {
            out += out.empty() ? "" : ", ";
            out += n;
        }
        return out;
    }

private:
    std::array<std::pair<Enum, std::string_view>, N> entries_;
};

}  // namespace attt
