// Reading one HTTP/1.x response head from a byte stream, bounded: Boost.Beast's parser does
// the HTTP syntax, this file feeds it at most 64 KiB and stops at the end of the head (the
// body is never read). Shared by the HTTPS probe and the plain-HTTP collector.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "checks/http/http_headers.h"
#include "checks/tls/scan_failure.h"

namespace attt::http {

/// The status line and header fields of a response, values as sent (not yet cut).
struct ResponseHead {
    int status = 0;
    std::string status_line;  ///< "HTTP/1.1 301 Moved Permanently"
    HeaderList headers;       ///< names as sent, at most kMaxHeaders
};

/// Reads up to `size` bytes into `data`; returns how many (0 = the peer closed), or why not.
using ReadSome = std::function<tls::Attempt<std::size_t>(char* data, std::size_t size)>;

/// A response head can be this long: real ones are 1-8 KiB; a server stuffing cookies or a
/// long CSP stays far below. Past it the answer is a protocol error, never more memory.
inline constexpr std::size_t kMaxHeadBytes = 64U << 10U;

/// Reads until the head is complete, then stops (bytes of the body already read are
/// dropped). Not HTTP → ProtocolError "not an HTTP answer: '...'"; the peer closing early →
/// ProtocolError; the head over kMaxHeadBytes → ProtocolError; read failures as given.
tls::Attempt<ResponseHead> read_response_head(const ReadSome& read_some);

/// "GET / HTTP/1.1" with Host `host_header`, "Connection: close", no body.
std::string get_root_request(const std::string& host_header);

/// The Host header value for an endpoint: the name ("[::1]" for IPv6), with ":port" unless
/// the port is the scheme's default (443 for https, 80 for http).
std::string host_header(const std::string& name, unsigned port, unsigned default_port);

}  // namespace attt::http
