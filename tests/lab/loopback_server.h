// A TLS (or deliberately not-TLS, or silent) server on a loopback address, run on its own
// threads, for tests and the demo lab. It refuses to bind anything but 127.0.0.0/8 or ::1.
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "tests/lab/certificate_authority.h"

namespace attt::lab {

enum class Behaviour {
    Tls,     ///< completes the handshake and answers a small HTTP response
    Plain,   ///< answers "HTTP/1.1 400" in clear text: the auditor must say not-tls
    Silent,  ///< accepts and never sends a byte: the auditor must time out
};

struct ServerSpec {
    Behaviour behaviour = Behaviour::Tls;
    Credentials credentials;
    std::string min_protocol = "TLSv1.2";  ///< "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"
    std::string max_protocol = "TLSv1.3";
    std::string cipher_list;               ///< TLS <= 1.2; empty = "DEFAULT"; @SECLEVEL=0 is appended
    std::uint16_t port = 0;                ///< 0 = kernel-chosen ephemeral port
    std::string bind_address = "127.0.0.1";
};

class LoopbackServer {
public:
    /// Binds, listens and starts serving; throws std::invalid_argument for a non-loopback
    /// address and std::runtime_error (with the reason) when the port cannot be used.
    explicit LoopbackServer(ServerSpec spec);
    ~LoopbackServer();
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    std::uint16_t port() const { return port_; }
    std::size_t connections() const { return connections_.load(); }

private:
    struct Impl;
    void accept_loop();
    void serve(int fd);
    void reap_workers(bool all);

    ServerSpec spec_;
    std::unique_ptr<Impl> impl_;
    int listen_fd_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<std::size_t> connections_{0};
    std::atomic<int> active_{0};
    std::mutex workers_mutex_;
    std::list<std::thread> workers_;
    std::thread acceptor_;
};

}  // namespace attt::lab
