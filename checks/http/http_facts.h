// The http.* facts: what an HTTPS endpoint's answer to "GET /" says (from an HttpSummary,
// added by the TLS collector) and where a plain-HTTP endpoint redirects (the http collector).
// Every fact is listed in docs/facts-http.md.
#pragma once

#include <string>

#include "auditor/core/fact_set.h"
#include "checks/tls/tls_scan.h"

namespace attt::http {

/// What a plain "http://" endpoint answered to "GET /".
struct RedirectSummary {
    int status = 0;
    std::string status_line;
    std::string location;             ///< the Location header, cut to the evidence cap
    bool redirects_to_https = false;  ///< see redirects_to_https()
};

/// True for a 301, 302, 303, 307 or 308 whose Location is an absolute "https://" URL on
/// `expected_host` (compared case-insensitively, without port, userinfo or a trailing dot).
/// A relative Location or one to another host is false.
bool redirects_to_https(int status, std::string_view location, std::string_view expected_host);

/// http.status, http.hsts.*, http.csp.*, http.server, http.cookies.* ... for an HTTPS
/// endpoint. When the probe failed (status 0) only http.error is added, so rules that need
/// an answer are not applicable rather than failed.
void add_http_facts(const tls::HttpSummary& summary, FactSet& facts, const Evidence& evidence);

/// http.status, http.status_line, http.location, http.redirects_to_https for a plain-HTTP
/// endpoint.
void add_redirect_facts(const RedirectSummary& summary, FactSet& facts, const Evidence& evidence);

}  // namespace attt::http
