#include "checks/http/http_collector.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <exception>

#include <fmt/format.h>

#include "checks/http/response_head.h"
#include "checks/tls/evidence_text.h"
#include "checks/tls/socket.h"

namespace attt::http {

namespace {

constexpr unsigned kHttpPort = 80;
// Send and receive attempts on one socket call: each waits for readiness, so the deadline
// ends the loop long before this cap.
constexpr int kMaxRounds = 10'000;

class PlainStream {
public:
    PlainStream(tls::Socket socket, tls::Deadline deadline, const RunContext& context)
        : socket_(std::move(socket)), deadline_(deadline), context_(context) {}

    tls::Attempt<void> write_all(std::string_view bytes) {
        for (int round = 0; round < kMaxRounds && !bytes.empty(); ++round) {
            const ssize_t sent = ::send(socket_.fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent > 0) {
                bytes.remove_prefix(static_cast<std::size_t>(sent));
            } else if (sent < 0 && (errno == EAGAIN || errno == EINTR)) {
                if (auto failure = wait(POLLOUT)) {
                    return tl::unexpected(std::move(*failure));
                }
            } else {
                return tls::scan_failure(TargetStatus::ProtocolError,
                                         "the server closed the connection before the request");
            }
        }
        return {};
    }

    tls::Attempt<std::size_t> read_some(char* data, std::size_t size) {
        for (int round = 0; round < kMaxRounds; ++round) {
            const ssize_t got = ::recv(socket_.fd(), data, size, 0);
            if (got >= 0) {
                return static_cast<std::size_t>(got);
            }
            if (errno != EAGAIN && errno != EINTR) {
                return std::size_t{0};  // reset: the head reader reports the early close
            }
            if (auto failure = wait(POLLIN)) {
                return tl::unexpected(std::move(*failure));
            }
        }
        return tls::scan_failure(TargetStatus::Timeout, "no HTTP answer in time");
    }

private:
    std::optional<tls::ScanFailure> wait(short events) const {
        switch (tls::wait_ready(socket_.fd(), events, deadline_, context_)) {
            case tls::WaitResult::Ready:
            case tls::WaitResult::Failed:
                return std::nullopt;
            case tls::WaitResult::TimedOut:
                return tls::ScanFailure{TargetStatus::Timeout,
                                        fmt::format("no HTTP answer within {} ms",
                                                    context_.deadlines.handshake.count())};
            case tls::WaitResult::Cancelled:
                return tls::ScanFailure{TargetStatus::Error, "cancelled"};
        }
        return std::nullopt;
    }

    tls::Socket socket_;
    tls::Deadline deadline_;
    const RunContext& context_;
};

}  // namespace

tls::Attempt<RedirectSummary> probe_http_redirect(const inventory::Endpoint& endpoint,
                                                  const RunContext& context) {
    auto socket = tls::connect_tcp(endpoint.host, endpoint.port, context);
    if (!socket) {
        return tl::unexpected(std::move(socket.error()));
    }
    PlainStream stream(std::move(*socket),
                       std::chrono::steady_clock::now() + context.deadlines.handshake,
                       context);
    const std::string& name = endpoint.expected_name();
    if (auto sent = stream.write_all(get_root_request(host_header(name, endpoint.port, kHttpPort)));
        !sent) {
        return tl::unexpected(std::move(sent.error()));
    }
    auto head = read_response_head(
        [&stream](char* data, std::size_t size) { return stream.read_some(data, size); });
    if (!head) {
        return tl::unexpected(std::move(head.error()));
    }
    RedirectSummary summary;
    summary.status = head->status;
    summary.status_line = tls::bounded_text(head->status_line);
    for (const auto& [field, value] : head->headers) {
        if (to_lower_ascii(field) == "location") {
            summary.location = tls::bounded_text(value);
            break;
        }
    }
    summary.redirects_to_https = redirects_to_https(summary.status, summary.location, name);
    return summary;
}

TargetKind HttpCollector::kind() const {
    return TargetKind::HttpEndpoint;
}

std::string_view HttpCollector::name() const {
    return "http";
}

collect::CollectionResult HttpCollector::collect(const plan::Target& target,
                                                 const RunContext& context) const {
    const auto started = std::chrono::steady_clock::now();
    collect::CollectionResult result;
    if (!target.endpoint) {
        result.status = TargetStatus::Error;
        result.detail = "target has no endpoint";
        return result;
    }
    const inventory::Endpoint& endpoint = *target.endpoint;
    try {
        auto summary = probe_http_redirect(endpoint, context);
        if (summary) {
            add_redirect_facts(
                *summary, result.facts, Evidence{endpoint.place(), context.clock.now()});
        } else {
            context.log.debug("{}: {} ({})",
                              endpoint.place(),
                              summary.error().detail,
                              to_string(summary.error().status));
            result.status = summary.error().status;
            result.detail = tls::bounded_text(summary.error().detail);
        }
    } catch (const std::exception& error) {
        result.status = TargetStatus::Error;
        result.detail = tls::bounded_text(fmt::format("internal error: {}", error.what()));
    }
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    return result;
}

}  // namespace attt::http
