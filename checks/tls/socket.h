// TCP to one endpoint for the TLS collector: an owned, non-blocking socket, a connect bounded by
// the run's connect deadline, and waits cut into short slices so cancellation is seen quickly.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include "auditor/core/run_context.h"
#include "checks/tls/scan_failure.h"

namespace attt::tls {

using Deadline = std::chrono::steady_clock::time_point;

/// Owns one file descriptor; closes it when destroyed. Move-only.
class Socket {
public:
    Socket() = default;

    explicit Socket(int fd) : fd_(fd) {}

    ~Socket();

    Socket(Socket&& other) noexcept : fd_(other.release()) {}

    Socket& operator=(Socket&& other) noexcept;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    int fd() const { return fd_; }

    bool valid() const { return fd_ >= 0; }

private:
    int release() noexcept;

    int fd_ = -1;
};

enum class WaitResult {
    Ready,
    TimedOut,
    Cancelled,
    Failed,
};

/// Waits until `fd` is ready for `events` (POLLIN/POLLOUT), the deadline passes or the run is
/// cancelled; polls in slices of at most 200 ms so a cancel is noticed promptly.
WaitResult wait_ready(int fd, short events, Deadline deadline, const RunContext& context);

/// Sends all of `bytes` (MSG_NOSIGNAL: a peer that hung up cannot raise SIGPIPE) within the
/// deadline; false if the peer is gone, time ran out or the run was cancelled.
bool send_all(int fd,
              std::span<const std::uint8_t> bytes,
              Deadline deadline,
              const RunContext& context);

/// True for "127.0.0.1" or "::1": such names are not sent as SNI and match IP SANs.
bool is_ip_literal(const std::string& host);

/// Resolves `host` and connects to the first address that answers, within
/// context.deadlines.connect overall. Refused, unreachable or unresolvable → Unreachable;
/// deadline → Timeout; cancelled → Error. The socket is left non-blocking.
Attempt<Socket> connect_tcp(const std::string& host, std::uint16_t port, const RunContext& context);

}  // namespace attt::tls
