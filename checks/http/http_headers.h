// Pure analysis of an HTTP response head: what its security headers say (HSTS, CSP, framing,
// MIME sniffing, referrer policy, the Server header's version, cookie flags). No I/O: the
// HTTPS probe (https_probe.h) reads the head, this file judges it, http_facts.h names it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/tls/tls_scan.h"

namespace attt::http {

/// Header fields in the order received, names lower-cased, values as sent.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// A Strict-Transport-Security value under RFC 6797 6.1: directives separated by ';', names
/// case-insensitive, values a token or a quoted string. A value without max-age, with a
/// max-age that is not digits, or with a directive given twice is invalid (a browser ignores
/// it); unknown directives are ignored.
struct HstsPolicy {
    bool valid = false;
    long max_age = 0;  ///< seconds; saturates at the largest long; 0 when invalid
    bool include_subdomains = false;
    bool preload = false;
};

HstsPolicy parse_hsts(std::string_view value);

/// The flags of one Set-Cookie value (RFC 6265 5.2): attribute names case-insensitive; a
/// "secure" inside the cookie's own name or value does not count.
struct CookieFlags {
    bool secure = false;
    bool http_only = false;
    std::string same_site;  ///< "strict", "lax", "none" (lower-cased) or "" (absent/invalid)
};

CookieFlags parse_set_cookie(std::string_view value);

/// True when the Server (or X-Powered-By) value names a version: a product token whose
/// version holds a digit ("nginx/1.18.0", "Apache/2.4.41 (Ubuntu)", "Microsoft-IIS/10.0") or
/// a dotted number anywhere ("Jetty(9.4.43)"). "nginx", "Apache" or "cloudflare" → false.
bool discloses_version(std::string_view server);

/// True when a Content-Security-Policy value has a frame-ancestors directive.
bool csp_has_frame_ancestors(std::string_view policy);

/// Lower-cases ASCII; the HTTP header names and tokens this file compares are ASCII.
std::string to_lower_ascii(std::string_view text);

/// Fills an HttpSummary from a response head. Header names are lower-cased here. Of several
/// Strict-Transport-Security, X-Frame-Options, X-Content-Type-Options, Referrer-Policy or
/// Server fields the first counts (RFC 6797 8.1 for HSTS); several Content-Security-Policy
/// fields are joined with ", " (each is enforced). Every Set-Cookie is counted. At most
/// `kMaxHeaders` fields are kept and each kept value is cut to the evidence cap; the analysis
/// sees them before the cut.
tls::HttpSummary analyse_response(int status, std::string status_line, const HeaderList& headers);

/// Fields of one response the summary keeps: real responses send 10-30.
inline constexpr std::size_t kMaxHeaders = 100;

}  // namespace attt::http
