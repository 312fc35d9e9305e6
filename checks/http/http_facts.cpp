#include "checks/http/http_facts.h"

#include <algorithm>

#include "checks/http/http_headers.h"
#include "checks/tls/evidence_text.h"

namespace attt::http {

namespace {

bool has_header(const tls::HttpSummary& summary, std::string_view name) {
    return std::any_of(summary.headers.begin(), summary.headers.end(), [name](const auto& field) {
        return field.first == name;
    });
}

std::string first_header(const tls::HttpSummary& summary, std::string_view name) {
    for (const auto& [key, value] : summary.headers) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

/// "http://a.b:8080/x" → "a.b"; "https://[::1]/" → "::1"; "" when not absolute.
std::string url_host(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return {};
    }
    std::string_view authority = url.substr(scheme_end + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        authority.remove_prefix(at + 1);
    }
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        return close == std::string_view::npos ? std::string{}
                                               : std::string(authority.substr(1, close - 1));
    }
    std::string host(authority.substr(0, authority.find(':')));
    if (!host.empty() && host.back() == '.') {
        host.pop_back();
    }
    return to_lower_ascii(host);
}

}  // namespace

bool redirects_to_https(int status, std::string_view location, std::string_view expected_host) {
    const bool redirect =
        status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (!redirect || to_lower_ascii(location.substr(0, 8)) != "https://") {
        return false;
    }
    std::string expected = to_lower_ascii(expected_host);
    if (!expected.empty() && expected.back() == '.') {
        expected.pop_back();
    }
    return !expected.empty() && url_host(location) == expected;
}

void add_http_facts(const tls::HttpSummary& summary, FactSet& facts, const Evidence& evidence) {
    if (summary.status == 0) {
        facts.add("http.error",
                  tls::bounded_text(summary.error.empty() ? "no HTTP answer" : summary.error),
                  evidence);
        return;
    }
    const auto add_int = [&](std::string name, long long value) {
        facts.add(std::move(name), static_cast<std::int64_t>(value), evidence);
    };
    add_int("http.status", summary.status);
    facts.add("http.status_line", summary.status_line, evidence);
    if (!summary.location.empty()) {
        facts.add("http.location", summary.location, evidence);
    }
    FactList names;
    for (const auto& [name, value] : summary.headers) {
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    }
    facts.add("http.headers", std::move(names), evidence);

    facts.add("http.hsts.present", has_header(summary, "strict-transport-security"), evidence);
    facts.add("http.hsts.valid", summary.hsts_max_age.has_value(), evidence);
    add_int("http.hsts.max_age", summary.hsts_max_age.value_or(0));
    facts.add("http.hsts.include_subdomains", summary.hsts_include_subdomains, evidence);
    facts.add("http.hsts.preload", summary.hsts_preload, evidence);

    facts.add("http.csp.present", has_header(summary, "content-security-policy"), evidence);
    facts.add("http.csp", tls::bounded_text(summary.content_security_policy), evidence);
    facts.add("http.csp.frame_ancestors",
              csp_has_frame_ancestors(summary.content_security_policy),
              evidence);
    facts.add("http.x_frame_options", to_lower_ascii(summary.x_frame_options), evidence);
    facts.add(
        "http.x_content_type_options", to_lower_ascii(summary.x_content_type_options), evidence);
    facts.add("http.referrer_policy", to_lower_ascii(summary.referrer_policy), evidence);

    facts.add("http.server", summary.server, evidence);
    facts.add("http.server.discloses_version", summary.server_discloses_version, evidence);
    const std::string powered_by = first_header(summary, "x-powered-by");
    facts.add("http.x_powered_by", powered_by, evidence);
    facts.add("http.x_powered_by.discloses_version", discloses_version(powered_by), evidence);

    add_int("http.cookies", summary.cookies);
    add_int("http.cookies.insecure", summary.cookies_without_secure);
    add_int("http.cookies.without_httponly", summary.cookies_without_httponly);
    add_int("http.cookies.without_samesite", summary.cookies_without_samesite);
}

void add_redirect_facts(const RedirectSummary& summary, FactSet& facts, const Evidence& evidence) {
    facts.add("http.status", static_cast<std::int64_t>(summary.status), evidence);
    facts.add("http.status_line", summary.status_line, evidence);
    facts.add("http.location", summary.location, evidence);
    facts.add("http.redirects_to_https", summary.redirects_to_https, evidence);
}

}  // namespace attt::http
