#include "checks/http/http_headers.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <set>

#include "checks/tls/evidence_text.h"

namespace attt::http {

namespace {

// Directives in one Strict-Transport-Security value: real ones have two or three; a hostile
// value cannot make the parser loop longer than the value itself anyway (64 KiB head cap).
constexpr std::size_t kMaxHstsDirectives = 64;
// Attributes of one Set-Cookie: real cookies carry at most seven or eight.
constexpr std::size_t kMaxCookieAttributes = 64;

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// Splits on `separator`, at most `limit` parts (the rest is dropped), each trimmed.
std::vector<std::string_view> split(std::string_view text, char separator, std::size_t limit) {
    std::vector<std::string_view> parts;
    while (parts.size() < limit) {
        const auto at = text.find(separator);
        parts.push_back(trim(text.substr(0, at)));
        if (at == std::string_view::npos) {
            break;
        }
        text.remove_prefix(at + 1);
    }
    return parts;
}

/// A token or a quoted string (RFC 7230 3.2.6) with its quotes and backslash escapes removed.
std::optional<std::string> unquote(std::string_view value) {
    if (value.size() < 2 || value.front() != '"') {
        if (value.find('"') != std::string_view::npos) {
            return std::nullopt;
        }
        return std::string(value);
    }
    if (value.back() != '"') {
        return std::nullopt;
    }
    std::string out;
    for (std::size_t i = 1; i + 1 < value.size(); ++i) {
        if (value[i] == '\\' && i + 2 < value.size()) {
            ++i;
        } else if (value[i] == '"') {
            return std::nullopt;
        }
        out += value[i];
    }
    return out;
}

std::optional<long> parse_seconds(std::string_view digits) {
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) {
        return std::nullopt;
    }
    long value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc::result_out_of_range) {
        return std::numeric_limits<long>::max();
    }
    if (ec != std::errc{} || ptr != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return value;
}

const std::string* first_value(const HeaderList& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (key == name) {
            return &value;
        }
    }
    return nullptr;
}

}  // namespace

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

HstsPolicy parse_hsts(std::string_view value) {
    HstsPolicy policy;
    std::optional<long> max_age;
    std::set<std::string> seen;
    for (const auto directive : split(value, ';', kMaxHstsDirectives)) {
        if (directive.empty()) {
            continue;  // "max-age=1;;" and a trailing ';' are allowed by the grammar
        }
        const auto equals = directive.find('=');
        const std::string name = to_lower_ascii(trim(directive.substr(0, equals)));
        if (!seen.insert(name).second) {
            return {};  // RFC 6797 6.1: a directive given twice makes the header invalid
        }
        const std::optional<std::string> argument =
            equals == std::string_view::npos ? std::optional<std::string>(std::string{})
                                             : unquote(trim(directive.substr(equals + 1)));
        if (name == "max-age") {
            if (!argument || !(max_age = parse_seconds(*argument))) {
                return {};
            }
        } else if (name == "includesubdomains") {
            policy.include_subdomains = true;
        } else if (name == "preload") {
            policy.preload = true;
        }
    }
    if (!max_age) {
        return {};
    }
    policy.valid = true;
    policy.max_age = *max_age;
    return policy;
}

CookieFlags parse_set_cookie(std::string_view value) {
    CookieFlags flags;
    const auto parts = split(value, ';', kMaxCookieAttributes + 1);
    // parts[0] is the cookie's own name=value: flags are only ever the attributes after it.
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const auto equals = parts[i].find('=');
        const std::string_view name = trim(parts[i].substr(0, equals));
        const std::string_view argument = equals == std::string_view::npos
                                              ? std::string_view{}
                                              : trim(parts[i].substr(equals + 1));
        if (iequals(name, "secure")) {
            flags.secure = true;
        } else if (iequals(name, "httponly")) {
            flags.http_only = true;
        } else if (iequals(name, "samesite")) {
            const std::string mode = to_lower_ascii(argument);
            // RFC 6265bis: an unknown value is ignored; the last valid SameSite wins.
            if (mode == "strict" || mode == "lax" || mode == "none") {
                flags.same_site = mode;
            }
        }
    }
    return flags;
}

bool discloses_version(std::string_view server) {
    for (std::size_t i = 0; i < server.size(); ++i) {
        // "product/1.2": a product token whose version starts with a digit.
        if (server[i] == '/' && i + 1 < server.size() && is_digit(server[i + 1])) {
            return true;
        }
        // "Jetty(9.4.43)", "Server 2.0": a dotted number anywhere.
        if (server[i] == '.' && i > 0 && is_digit(server[i - 1]) && i + 1 < server.size() &&
            is_digit(server[i + 1])) {
            return true;
        }
    }
    return false;
}

bool csp_has_frame_ancestors(std::string_view policy) {
    // Directives are separated by ';', several policies by ','; the name is the first word.
    for (const auto group : split(policy, ',', kMaxHstsDirectives)) {
        for (const auto directive : split(group, ';', kMaxHstsDirectives)) {
            const auto end = std::find_if(directive.begin(), directive.end(), is_space);
            if (iequals(std::string_view(directive.begin(), end), "frame-ancestors")) {
                return true;
            }
        }
    }
    return false;
}

tls::HttpSummary analyse_response(int status, std::string status_line, const HeaderList& headers) {
    tls::HttpSummary summary;
    summary.status = status;
    summary.status_line = tls::bounded_text(status_line);
    HeaderList lowered;
    lowered.reserve(std::min(headers.size(), kMaxHeaders));
    for (const auto& [name, value] : headers) {
        if (lowered.size() == kMaxHeaders) {
            break;
        }
        lowered.emplace_back(to_lower_ascii(name), std::string(trim(value)));
    }

    if (const auto* location = first_value(lowered, "location")) {
        summary.location = tls::bounded_text(*location);
    }
    if (const auto* hsts = first_value(lowered, "strict-transport-security")) {
        const HstsPolicy policy = parse_hsts(*hsts);
        if (policy.valid) {
            summary.hsts_max_age = policy.max_age;
            summary.hsts_include_subdomains = policy.include_subdomains;
            summary.hsts_preload = policy.preload;
        }
    }
    if (const auto* server = first_value(lowered, "server")) {
        summary.server = tls::bounded_text(*server);
        summary.server_discloses_version = discloses_version(*server);
    }
    std::string csp;
    for (const auto& [name, value] : lowered) {
        if (name == "content-security-policy") {
            csp += (csp.empty() ? "" : ", ") + value;
        } else if (name == "set-cookie") {
            const CookieFlags flags = parse_set_cookie(value);
            ++summary.cookies;
            summary.cookies_without_secure += flags.secure ? 0 : 1;
            summary.cookies_without_httponly += flags.http_only ? 0 : 1;
            summary.cookies_without_samesite += flags.same_site.empty() ? 1 : 0;
        }
    }
    summary.content_security_policy = csp;  // kept whole: frame-ancestors may sit at its end
    if (const auto* frame = first_value(lowered, "x-frame-options")) {
        summary.x_frame_options = tls::bounded_text(*frame);
    }
    if (const auto* sniff = first_value(lowered, "x-content-type-options")) {
        summary.x_content_type_options = tls::bounded_text(*sniff);
    }
    if (const auto* referrer = first_value(lowered, "referrer-policy")) {
        summary.referrer_policy = tls::bounded_text(*referrer);
    }
    for (auto& [name, value] : lowered) {
        name = tls::bounded_text(name, 256);
        value = tls::bounded_text(value);
    }
    summary.headers = std::move(lowered);
    return summary;
}

}  // namespace attt::http
