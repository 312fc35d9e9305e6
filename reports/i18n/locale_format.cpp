#include "reports/i18n/locale_format.h"

#include <fmt/format.h>

namespace attt::reports {

std::string format_percent(double percent, Lang lang) {
    std::string text = fmt::format("{:.2f}", percent);
    if (lang == Lang::Vi) {
        text[text.find('.')] = ',';
        return text + " %";
    }
    return text + "%";
}

std::string format_time(const std::string& iso, Lang lang) {
    // "2026-11-28T09:30:00Z"
    if (iso.size() != 20 || iso[10] != 'T' || iso[19] != 'Z') {
        return iso;
    }
    const std::string date = iso.substr(0, 10);
    const std::string time = iso.substr(11, 5);
    if (lang == Lang::Vi) {
        return fmt::format("{}/{}/{} {} UTC", date.substr(8, 2), date.substr(5, 2), date.substr(0, 4), time);
    }
    return fmt::format("{} {} UTC", date, time);
}

}  // namespace attt::reports
