#include "checks/tls/socket.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "checks/tls/evidence_text.h"

namespace attt::tls {

namespace {

// One poll slice: short enough that a cancelled run stops within a fifth of a second.
constexpr std::chrono::milliseconds kPollSlice{200};
// Addresses tried for one name: a host has one or two (IPv4, IPv6); a long list is a
// misconfigured or hostile resolver and must not multiply the connect deadline's work.
constexpr int kMaxAddresses = 8;

struct AddrInfoDeleter {
    void operator()(addrinfo* list) const { freeaddrinfo(list); }
};

using AddrInfoPtr = std::unique_ptr<addrinfo, AddrInfoDeleter>;

std::string errno_text(int error) {
    switch (error) {
        case ECONNREFUSED:
            return "connection refused";
        case EHOSTUNREACH:
            return "no route to host";
        case ENETUNREACH:
            return "network unreachable";
        case ECONNRESET:
            return "connection reset by peer";
        case EADDRNOTAVAIL:
            return "address not available";
        default:
            return bounded_text(std::error_code(error, std::system_category()).message());
    }
}

long long to_ms(std::chrono::milliseconds duration) {
    return static_cast<long long>(duration.count());
}

}  // namespace

Socket::~Socket() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

Socket& Socket::operator=(Socket&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = other.release();
    }
    return *this;
}

int Socket::release() noexcept {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

WaitResult wait_ready(int fd, short events, Deadline deadline, const RunContext& context) {
    using std::chrono::steady_clock;
    // Bounded by the deadline; the round cap only guards against a clock that stands still.
    constexpr int kMaxRounds = 1'000'000;
    for (int round = 0; round < kMaxRounds; ++round) {
        if (context.is_cancelled()) {
            return WaitResult::Cancelled;
        }
        const auto now = steady_clock::now();
        if (now >= deadline) {
            return WaitResult::TimedOut;
        }
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
        const auto slice = std::min(left, kPollSlice);
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, static_cast<int>(slice.count()));
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            return WaitResult::Failed;
        }
        if (ready > 0) {
            // Errors and hang-ups count as ready: the next read or write reports what happened.
            return WaitResult::Ready;
        }
    }
    return WaitResult::TimedOut;
}

bool send_all(int fd,
              std::span<const std::uint8_t> bytes,
              Deadline deadline,
              const RunContext& context) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t wrote = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (wrote > 0) {
            sent += static_cast<std::size_t>(wrote);
            continue;
        }
        if (wrote < 0 && errno == EINTR) {
            continue;
        }
        if (wrote < 0 && errno == EAGAIN &&
            wait_ready(fd, POLLOUT, deadline, context) == WaitResult::Ready) {
            continue;
        }
        return false;
    }
    return true;
}

bool is_ip_literal(const std::string& host) {
    in6_addr v6{};
    in_addr v4{};
    return inet_pton(AF_INET, host.c_str(), &v4) == 1 ||
           inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

Attempt<Socket> connect_tcp(const std::string& host,
                            std::uint16_t port,
                            const RunContext& context) {
    const auto timeout = context.deadlines.connect;
    const Deadline deadline = std::chrono::steady_clock::now() + timeout;

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    // getaddrinfo has no deadline of its own; the system resolver's timeouts bound it.
    const int resolved = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
    AddrInfoPtr addresses(found);
    if (resolved != 0) {
        return scan_failure(
            TargetStatus::Unreachable,
            fmt::format("cannot resolve {}: {}",
                        bounded_text(host, 255),
                        resolved == EAI_SYSTEM ? errno_text(errno) : ::gai_strerror(resolved)));
    }

    int last_error = EHOSTUNREACH;
    int tried = 0;
    for (const addrinfo* address = addresses.get(); address != nullptr && tried < kMaxAddresses;
         address = address->ai_next, ++tried) {
        Socket socket(::socket(address->ai_family,
                               address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                               address->ai_protocol));
        if (!socket.valid()) {
            last_error = errno;
            continue;
        }
        if (::connect(socket.fd(), address->ai_addr, address->ai_addrlen) == 0) {
            return socket;
        }
        if (errno != EINPROGRESS) {
            last_error = errno;
            continue;
        }
        switch (wait_ready(socket.fd(), POLLOUT, deadline, context)) {
            case WaitResult::Ready:
                break;
            case WaitResult::TimedOut:
                return scan_failure(TargetStatus::Timeout,
                                    fmt::format("no answer within {} ms", to_ms(timeout)));
            case WaitResult::Cancelled:
                return scan_failure(TargetStatus::Error, "cancelled");
            case WaitResult::Failed:
                last_error = errno;
                continue;
        }
        int error = 0;
        socklen_t length = sizeof(error);
        if (::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
            error = errno;
        }
        if (error == 0) {
            return socket;
        }
        last_error = error;
    }
    if (last_error == ETIMEDOUT) {
        return scan_failure(TargetStatus::Timeout,
                            fmt::format("no answer within {} ms", to_ms(timeout)));
    }
    return scan_failure(TargetStatus::Unreachable, errno_text(last_error));
}

}  // namespace attt::tls
