#include "auditor/core/time_format.h"

#include <chrono>
#include <cstdio>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace attt {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year_month_day;

std::string format_utc(TimePoint at) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", floor<seconds>(at));
}

std::string format_date(TimePoint at) {
    const year_month_day ymd{floor<days>(at)};
    return fmt::format("{:04d}-{:02d}-{:02d}",
                       static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::optional<TimePoint> parse_date(const std::string& text) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
        return std::nullopt;
    }
    const year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return sys_days{ymd};
}

std::optional<TimePoint> parse_utc(const std::string& text) {
    int h = 0;
    int mi = 0;
    int s = 0;
    if (text.size() != 20 || text[10] != 'T' || text[19] != 'Z') {
        return std::nullopt;
    }
    auto date = parse_date(text.substr(0, 10));
    if (!date || std::sscanf(text.c_str() + 11, "%2d:%2d:%2d", &h, &mi, &s) != 3) {
        return std::nullopt;
    }
    return *date + std::chrono::hours{h} + std::chrono::minutes{mi} + seconds{s};
}

}  // namespace attt
