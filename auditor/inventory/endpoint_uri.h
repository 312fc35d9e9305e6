// The compact endpoint notation of inventory files: "https://127.0.0.1:8443?sni=dvc.gov.vn".
// One string per endpoint keeps a CSV row per system readable in a spreadsheet.
#pragma once

#include <string>
#include <string_view>

#include "auditor/core/error.h"
#include "auditor/inventory/endpoint.h"

namespace attt::inventory {

/// Services the auditor knows. TLS from the first byte: https, tls, smtps, imaps, pop3s, ldaps,
/// ftps. Plain text upgraded with STARTTLS: smtp, submission, imap, pop3, ftp, ldap. Plain
/// HTTP, checked for its redirect to HTTPS and never for TLS: http.
bool is_known_service(std::string_view service);
std::string known_services();

/// True for "http": the one service read without TLS (an HttpEndpoint target).
bool is_plain_http_service(std::string_view service);

/// Parses "service://host:port[?sni=name]"; IPv6 hosts in brackets. Errors say what is wrong
/// without a place (the caller adds file:line).
Result<Endpoint> parse_endpoint_uri(std::string_view text);

std::string format_endpoint_uri(const Endpoint& endpoint);

}  // namespace attt::inventory
