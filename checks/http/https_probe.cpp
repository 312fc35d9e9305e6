#include "checks/http/https_probe.h"

#include <chrono>

#include <openssl/err.h>

#include "checks/http/http_headers.h"
#include "checks/http/response_head.h"
#include "checks/http/tls_stream.h"
#include "checks/tls/evidence_text.h"
#include "checks/tls/socket.h"

namespace attt::http {

namespace {

constexpr unsigned kHttpsPort = 443;

tls::Attempt<ResponseHead> fetch_head(const inventory::Endpoint& endpoint,
                                      const RunContext& context) {
    auto socket = tls::connect_tcp(endpoint.host, endpoint.port, context);
    if (!socket) {
        return tl::unexpected(std::move(socket.error()));
    }
    const std::string& name = endpoint.expected_name();
    const std::string sni = tls::is_ip_literal(name) ? std::string{} : name;
    const auto deadline = std::chrono::steady_clock::now() + context.deadlines.handshake;
    auto stream = TlsStream::open(std::move(*socket), sni, deadline, context);
    if (!stream) {
        return tl::unexpected(std::move(stream.error()));
    }
    if (auto sent =
            stream->write_all(get_root_request(host_header(name, endpoint.port, kHttpsPort)));
        !sent) {
        return tl::unexpected(std::move(sent.error()));
    }
    return read_response_head(
        [&stream](char* data, std::size_t size) { return stream->read_some(data, size); });
}

}  // namespace

tls::HttpSummary probe_https(const inventory::Endpoint& endpoint, const RunContext& context) {
    auto head = fetch_head(endpoint, context);
    ERR_clear_error();
    if (!head) {
        context.log.debug("{}: HTTPS probe: {}", endpoint.place(), head.error().detail);
        tls::HttpSummary failed;
        failed.error = tls::bounded_text(head.error().detail);
        return failed;
    }
    return analyse_response(head->status, std::move(head->status_line), head->headers);
}

}  // namespace attt::http
