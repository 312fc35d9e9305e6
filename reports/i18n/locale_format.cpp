#include "reports/i18n/locale_format.h"

#include <cmath>
#include <cstddef>

#include <fmt/format.h>

namespace attt::reports {

namespace {

bool digits_at(std::string_view text, std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    return true;
}

/// "YYYY-MM-DDTHH:MM:SS", optional ".fraction", then "Z".
bool is_iso_utc(std::string_view t) {
    if (t.size() < 20 || !digits_at(t, 0, 4) || t[4] != '-' || !digits_at(t, 5, 2) || t[7] != '-' ||
        !digits_at(t, 8, 2) || (t[10] != 'T' && t[10] != ' ') || !digits_at(t, 11, 2) ||
        t[13] != ':' || !digits_at(t, 14, 2) || t[16] != ':' || !digits_at(t, 17, 2) ||
        t.back() != 'Z') {
        return false;
    }
    const std::string_view fraction = t.substr(19, t.size() - 20);
    return fraction.empty() || (fraction.size() >= 2 && fraction[0] == '.' &&
                                digits_at(fraction, 1, fraction.size() - 1));
}

}  // namespace

std::string format_percent(double percent, Lang lang) {
    if (!std::isfinite(percent)) {
        return "—";
    }
    if (lang == Lang::En) {
        return fmt::format("{:.2f}%", percent);
    }
    std::string text = fmt::format("{:.2f} %", percent);
    text[text.find('.')] = ',';
    return text;
}

std::string format_integer(std::int64_t value, Lang lang) {
    const std::string digits = fmt::format("{}", value);
    const std::size_t sign = value < 0 ? 1 : 0;
    const char separator = lang == Lang::Vi ? '.' : ',';
    std::string out = digits.substr(0, sign);
    for (std::size_t i = sign; i < digits.size(); ++i) {
        if (i > sign && (digits.size() - i) % 3 == 0) {
            out += separator;
        }
        out += digits[i];
    }
    return out;
}

std::string format_time(std::string_view iso, Lang lang) {
    if (!is_iso_utc(iso)) {
        return std::string(iso);
    }
    const auto year = iso.substr(0, 4);
    const auto month = iso.substr(5, 2);
    const auto day = iso.substr(8, 2);
    const auto hour_minute = iso.substr(11, 5);
    if (lang == Lang::Vi) {
        return fmt::format("{}/{}/{} {} UTC", day, month, year, hour_minute);
    }
    return fmt::format("{}-{}-{} {} UTC", year, month, day, hour_minute);
}

}  // namespace attt::reports
