#include "checks/tls/probe_channel.h"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>

#include <fmt/format.h>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/evidence_text.h"
#include "checks/tls/record_reader.h"

namespace attt::tls {

namespace {

constexpr std::size_t kReadChunk = 16384;
/// The first answer plus, for TLS <= 1.2, the rest of the flight (certificates included).
constexpr std::size_t kMaxAnswerBytes = kMaxFlightBytes + kMaxRecordLength;

long long to_ms(std::chrono::milliseconds duration) {
    return static_cast<long long>(duration.count());
}

bool is_tls12_or_older_hello(const ServerReply& reply) {
    return reply.kind == ReplyKind::ServerHello && !reply.server_hello.hello_retry_request &&
           reply.server_hello.version <= 0x0303;
}

KeyExchangeKind flight_layout(const ServerReply& reply) {
    const CipherSuite* suite = find_cipher_suite(reply.server_hello.cipher_suite);
    return suite != nullptr ? key_exchange_kind(*suite) : KeyExchangeKind::None;
}

/// Reads the answer to one ClientHello. Owns the growing buffer and the deadline.
class AnswerReader {
public:
    AnswerReader(int fd, const RunContext& context, bool read_flight)
        : fd_(fd),
          context_(context),
          read_flight_(read_flight),
          deadline_(std::chrono::steady_clock::now() + context.deadlines.handshake) {}

    Attempt<HelloAnswer> run() {
        while (true) {
            auto received = receive();
            if (!received && answer_ && received.error().status == TargetStatus::Timeout) {
                // The ServerHello came; only the rest of the flight is late. Keep what we have.
                answer_->flight_complete = false;
                answer_->stalled = true;
                return std::move(*answer_);
            }
            if (!received) {
                return tl::unexpected(std::move(received.error()));
            }
            const bool closed = !*received;
            auto done = interpret(closed);
            if (done) {
                return std::move(*done);
            }
        }
    }

private:
    /// True when bytes arrived, false when the peer closed (or reset) the connection.
    Attempt<bool> receive() {
        if (buffer_.size() >= kMaxAnswerBytes) {
            return scan_failure(TargetStatus::ProtocolError,
                                fmt::format("answer longer than {} bytes", kMaxAnswerBytes));
        }
        switch (wait_ready(fd_, POLLIN, deadline_, context_)) {
            case WaitResult::Ready:
            case WaitResult::Failed:
                break;
            case WaitResult::TimedOut:
                return timed_out();
            case WaitResult::Cancelled:
                return scan_failure(TargetStatus::Error, "cancelled");
        }
        std::array<std::uint8_t, kReadChunk> chunk{};
        const std::size_t room = std::min(chunk.size(), kMaxAnswerBytes - buffer_.size());
        const ssize_t got = ::recv(fd_, chunk.data(), room, 0);
        if (got > 0) {
            buffer_.insert(buffer_.end(), chunk.begin(), chunk.begin() + got);
            return true;
        }
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) {
            return true;  // spurious wake-up: nothing new, parse again and wait
        }
        return false;
    }

    tl::unexpected<ScanFailure> timed_out() const {
        return scan_failure(TargetStatus::Timeout,
                            fmt::format("no answer to the ClientHello within {} ms",
                                        to_ms(context_.deadlines.handshake)));
    }

    /// A finished answer, or nullopt to read on.
    std::optional<Attempt<HelloAnswer>> interpret(bool closed) {
        if (!answer_) {
            if (buffer_.empty()) {
                if (closed) {
                    HelloAnswer refused;
                    refused.kind = AnswerKind::Closed;
                    return refused;
                }
                return std::nullopt;
            }
            auto reply = parse_server_reply(buffer_);
            switch (reply.kind) {
                case ReplyKind::Incomplete:
                    if (closed) {
                        return scan_failure(
                            TargetStatus::ProtocolError,
                            fmt::format("connection closed after {} bytes of an incomplete answer",
                                        buffer_.size()));
                    }
                    return std::nullopt;
                case ReplyKind::NotTls:
                    return scan_failure(TargetStatus::NotTls,
                                        fmt::format("peer answered but not with TLS ({})",
                                                    bounded_text(reply.error, 120)));
                case ReplyKind::Malformed:
                    return scan_failure(
                        TargetStatus::ProtocolError,
                        fmt::format("malformed answer: {}", bounded_text(reply.error, 120)));
                case ReplyKind::Alert:
                case ReplyKind::Sslv2ServerHello:
                case ReplyKind::ServerHello:
                    break;
            }
            answer_ = HelloAnswer{};
            answer_->reply = std::move(reply);
            answer_->kind = answer_->reply.kind == ReplyKind::Alert ? AnswerKind::Alert
                            : answer_->reply.kind == ReplyKind::Sslv2ServerHello
                                ? AnswerKind::Sslv2ServerHello
                                : AnswerKind::ServerHello;
            if (!read_flight_ || !is_tls12_or_older_hello(answer_->reply)) {
                return std::move(*answer_);
            }
        }
        auto flight = read_server_flight(buffer_, flight_layout(answer_->reply));
        answer_->flight = std::move(flight.flight);
        if (flight.status == FlightStatus::Incomplete && !closed) {
            return std::nullopt;
        }
        // A malformed or cut-off flight after a good ServerHello still answers the question
        // the probe asked (which suite); the flight facts are simply missing.
        answer_->flight_complete = flight.status == FlightStatus::Complete;
        return std::move(*answer_);
    }

    int fd_;
    const RunContext& context_;
    bool read_flight_;
    Deadline deadline_;
    std::vector<std::uint8_t> buffer_;
    std::optional<HelloAnswer> answer_;
};

}  // namespace

std::string ProbeTarget::sni() const {
    const std::string& name = endpoint.expected_name();
    return is_ip_literal(name) ? std::string{} : name;
}

ProbeChannel::ProbeChannel(ProbeTarget target, const RunContext& context)
    : target_(std::move(target)), context_(context) {}

Attempt<Socket> ProbeChannel::open() {
    if (connections_ >= kMaxConnectionsPerScan) {
        budget_exhausted_ = true;
        return scan_failure(TargetStatus::ProtocolError,
                            fmt::format("stopped after {} connections", kMaxConnectionsPerScan));
    }
    ++connections_;
    auto socket = connect_tcp(target_.endpoint.host, target_.endpoint.port, context_);
    if (!socket || target_.starttls == StartTls::None) {
        return socket;
    }
    const Deadline deadline = std::chrono::steady_clock::now() + context_.deadlines.handshake;
    auto upgraded = negotiate_starttls(
        socket->fd(), target_.starttls, "attt-auditor.invalid", deadline, context_);
    if (!upgraded) {
        return tl::unexpected(std::move(upgraded.error()));
    }
    return socket;
}

Attempt<HelloAnswer> exchange_hello(ProbeChannel& channel,
                                    std::span<const std::uint8_t> hello,
                                    bool read_flight,
                                    Socket* keep) {
    auto socket = channel.open();
    if (!socket) {
        return tl::unexpected(std::move(socket.error()));
    }
    const auto& context = channel.context();
    const Deadline deadline = std::chrono::steady_clock::now() + context.deadlines.handshake;
    // A server may close before reading the whole hello (that is how some refuse): what it
    // sent before closing still answers, so a failed send is not the end.
    send_all(socket->fd(), hello, deadline, context);
    AnswerReader reader(socket->fd(), context, read_flight && channel.reads_flights());
    auto answer = reader.run();
    if (answer && answer->stalled) {
        channel.note_stalled_flight();
    }
    if (answer && keep != nullptr) {
        *keep = std::move(*socket);
    }
    return answer;
}

}  // namespace attt::tls
