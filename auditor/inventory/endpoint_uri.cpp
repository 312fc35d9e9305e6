#include "auditor/inventory/endpoint_uri.h"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "auditor/inventory/host_name.h"

namespace attt::inventory {

namespace {

constexpr std::array<std::string_view, 14> kServices{
    // TLS from the first byte
    "https",
    "tls",
    "smtps",
    "imaps",
    "pop3s",
    "ldaps",
    "ftps",
    // plain text, upgraded with STARTTLS (checks/tls/starttls.h)
    "smtp",
    "submission",
    "imap",
    "pop3",
    "ftp",
    "ldap",
    // plain HTTP, checked for a redirect to HTTPS (checks/http)
    "http"};

bool is_host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == ':' || c == '_';
}

Result<std::uint16_t> parse_port(std::string_view text) {
    unsigned value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < 1 || value > 65535) {
        return fail(fmt::format("port '{}' is not a number from 1 to 65535", text));
    }
    return static_cast<std::uint16_t>(value);
}

Result<std::string> parse_sni(std::string_view query) {
    if (query.empty()) {
        return std::string{};
    }
    if (query.substr(0, 4) != "sni=" || query.size() == 4) {
        return fail(fmt::format("unknown endpoint option '{}' (only sni=NAME is accepted)", query));
    }
    auto ascii = ascii_host_name(query.substr(4));
    if (!ascii) {
        return tl::unexpected(ascii.error());
    }
    std::string sni = std::move(*ascii);
    if (!std::all_of(sni.begin(), sni.end(), is_host_char)) {
        return fail(fmt::format("server name '{}' has characters a host name cannot have", sni));
    }
    return sni;
}

}  // namespace

bool is_known_service(std::string_view service) {
    return std::find(kServices.begin(), kServices.end(), service) != kServices.end();
}

bool is_plain_http_service(std::string_view service) {
    return service == "http";
}

std::string known_services() {
    return fmt::format("{}", fmt::join(kServices, ", "));
}

Result<Endpoint> parse_endpoint_uri(std::string_view text) {
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) {
        return fail(fmt::format("endpoint '{}' is not of the form service://host:port", text));
    }
    Endpoint endpoint;
    endpoint.service = std::string(text.substr(0, scheme_end));
    if (!is_known_service(endpoint.service)) {
        return fail(
            fmt::format("unknown service '{}' (known: {})", endpoint.service, known_services()));
    }
    std::string_view rest = text.substr(scheme_end + 3);
    const auto query_at = rest.find('?');
    const std::string_view query =
        query_at == std::string_view::npos ? "" : rest.substr(query_at + 1);
    rest = rest.substr(0, query_at);
    std::string_view host;
    std::string_view port;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find("]:");
        if (close == std::string_view::npos) {
            return fail(fmt::format("endpoint '{}': IPv6 host needs the form [addr]:port", text));
        }
        host = rest.substr(1, close - 1);
        port = rest.substr(close + 2);
    } else {
        const auto colon = rest.rfind(':');
        if (colon == std::string_view::npos) {
            return fail(fmt::format("endpoint '{}' has no port", text));
        }
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    auto ascii_host = ascii_host_name(host);
    if (!ascii_host) {
        return fail(fmt::format("endpoint '{}': {}", text, ascii_host.error().message));
    }
    if (ascii_host->empty() || !std::all_of(ascii_host->begin(), ascii_host->end(), is_host_char)) {
        return fail(fmt::format("endpoint '{}' has an invalid host", text));
    }
    auto port_value = parse_port(port);
    auto sni = parse_sni(query);
    if (!port_value) {
        return tl::unexpected(port_value.error());
    }
    if (!sni) {
        return tl::unexpected(sni.error());
    }
    endpoint.host = std::move(*ascii_host);
    endpoint.port = *port_value;
    endpoint.sni = *sni;
    return endpoint;
}

std::string format_endpoint_uri(const Endpoint& endpoint) {
    std::string uri = fmt::format("{}://{}", endpoint.service, endpoint.place());
    if (!endpoint.sni.empty()) {
        uri += "?sni=" + endpoint.sni;
    }
    return uri;
}

}  // namespace attt::inventory
