#include "tests/lab/loopback_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "checks/tls/openssl_handles.h"

namespace attt::lab {

namespace {

using Clock = std::chrono::steady_clock;

// A scanner probes many times per endpoint; a few dozen at once is plenty for a lab.
constexpr int kMaxConcurrentConnections = 32;
constexpr auto kHandshakeDeadline = std::chrono::seconds(5);
constexpr auto kRequestDeadline = std::chrono::seconds(2);
constexpr auto kSilentHold = std::chrono::seconds(30);
constexpr int kPollSliceMs = 100;
constexpr const char* kPlainAnswer =
    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
constexpr const char* kTlsAnswer =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

bool is_loopback(const std::string& address) {
    in_addr v4{};
    if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24U) == 127U;
    }
    in6_addr v6{};
    return inet_pton(AF_INET6, address.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

int protocol_version(const std::string& name) {
    if (name == "TLSv1") {
        return TLS1_VERSION;
    }
    if (name == "TLSv1.1") {
        return TLS1_1_VERSION;
    }
    if (name == "TLSv1.2") {
        return TLS1_2_VERSION;
    }
    if (name == "TLSv1.3") {
        return TLS1_3_VERSION;
    }
    throw std::invalid_argument("unknown protocol version '" + name + "'");
}

void fail_ssl(const char* what) {
    char buf[256];
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    ERR_clear_error();
    throw std::runtime_error(std::string("lab server: ") + what + ": " + buf);
}

tls::SslCtxPtr make_context(const ServerSpec& spec) {
    tls::SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
    if (!ctx) {
        fail_ssl("SSL_CTX_new");
    }
    // Level 0 lets the lab serve what a hardened default would refuse: that is its purpose.
    SSL_CTX_set_security_level(ctx.get(), 0);
    SSL_CTX_set_min_proto_version(ctx.get(), protocol_version(spec.min_protocol));
    SSL_CTX_set_max_proto_version(ctx.get(), protocol_version(spec.max_protocol));
    const std::string ciphers = (spec.cipher_list.empty() ? "DEFAULT" : spec.cipher_list) + ":@SECLEVEL=0";
    if (SSL_CTX_set_cipher_list(ctx.get(), ciphers.c_str()) != 1) {
        fail_ssl("cipher list");
    }
    tls::BioPtr cert_bio(BIO_new_mem_buf(spec.credentials.cert_pem.data(),
                                         static_cast<int>(spec.credentials.cert_pem.size())));
    tls::X509Ptr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    tls::BioPtr key_bio(BIO_new_mem_buf(spec.credentials.key_pem.data(),
                                        static_cast<int>(spec.credentials.key_pem.size())));
    tls::EvpPkeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!cert || !key || SSL_CTX_use_certificate(ctx.get(), cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(ctx.get(), key.get()) != 1) {
        fail_ssl("certificate or key");
    }
    return ctx;
}

/// Waits until fd is ready for `events`, the deadline passes or `stop` is set.
bool wait_for(int fd, short events, Clock::time_point deadline, const std::atomic<bool>& stop) {
    while (!stop.load() && Clock::now() < deadline) {
        pollfd p{fd, events, 0};
        const int n = poll(&p, 1, kPollSliceMs);
        if (n > 0) {
            return true;
        }
        if (n < 0 && errno != EINTR) {
            return false;
        }
    }
    return false;
}

/// Drives a non-blocking SSL call (accept, read, write, shutdown) to completion or deadline.
template <class Step>
int drive(SSL* ssl, int fd, Clock::time_point deadline, const std::atomic<bool>& stop, Step step) {
    for (;;) {
        const int rc = step();
        if (rc > 0) {
            return rc;
        }
        const int err = SSL_get_error(ssl, rc);
        const short events = err == SSL_ERROR_WANT_READ ? POLLIN : err == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
        if (events == 0 || !wait_for(fd, events, deadline, stop)) {
            return rc;
        }
    }
}

void send_all(int fd, const char* text) {
    std::size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t n = ::send(fd, text, left, MSG_NOSIGNAL);
        if (n <= 0) {
            return;
        }
        text += n;
        left -= static_cast<std::size_t>(n);
    }
}

}  // namespace

struct LoopbackServer::Impl {
    tls::SslCtxPtr ctx;
};

LoopbackServer::LoopbackServer(ServerSpec spec) : spec_(std::move(spec)), impl_(std::make_unique<Impl>()) {
    // OpenSSL writes with write(2); a scanner that hangs up mid-answer would otherwise kill the
    // lab (or the test hosting it) with SIGPIPE. Lab and tests only: the auditor uses MSG_NOSIGNAL.
    static std::once_flag ignore_sigpipe;
    std::call_once(ignore_sigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });
    if (!is_loopback(spec_.bind_address)) {
        throw std::invalid_argument("lab server: refusing to bind " + spec_.bind_address +
                                    ": only 127.0.0.0/8 and ::1 are allowed");
    }
    if (spec_.behaviour == Behaviour::Tls) {
        impl_->ctx = make_context(spec_);
    }
    const bool v6 = spec_.bind_address.find(':') != std::string::npos;
    listen_fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    const int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_storage addr{};
    socklen_t len = 0;
    if (v6) {
        auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(spec_.port);
        inet_pton(AF_INET6, spec_.bind_address.c_str(), &a->sin6_addr);
        len = sizeof *a;
    } else {
        auto* a = reinterpret_cast<sockaddr_in*>(&addr);
        a->sin_family = AF_INET;
        a->sin_port = htons(spec_.port);
        inet_pton(AF_INET, spec_.bind_address.c_str(), &a->sin_addr);
        len = sizeof *a;
    }
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(listen_fd_, 64) != 0) {
        const std::string reason = std::strerror(errno);
        ::close(listen_fd_);
        throw std::runtime_error("lab server: cannot listen on " + spec_.bind_address + ":" +
                                 std::to_string(spec_.port) + ": " + reason);
    }
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(v6 ? reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port
                     : reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

LoopbackServer::~LoopbackServer() {
    stop_ = true;
    if (acceptor_.joinable()) {
        acceptor_.join();
    }
    reap_workers(true);
    ::close(listen_fd_);
}

void LoopbackServer::accept_loop() {
    while (!stop_.load()) {
        pollfd p{listen_fd_, POLLIN, 0};
        if (poll(&p, 1, kPollSliceMs) <= 0) {
            reap_workers(false);
            continue;
        }
        const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) {
            continue;
        }
        ++connections_;
        if (active_.load() >= kMaxConcurrentConnections) {
            ::close(fd);
            continue;
        }
        ++active_;
        std::lock_guard lock(workers_mutex_);
        workers_.emplace_back([this, fd] {
            serve(fd);
            ::close(fd);
            --active_;
        });
    }
}

void LoopbackServer::reap_workers(bool all) {
    // Threads are joined when the server stops; finished ones are joined early only when no
    // worker is active, which keeps the bookkeeping simple and the list short.
    std::lock_guard lock(workers_mutex_);
    if (!all && active_.load() != 0) {
        return;
    }
    for (auto& t : workers_) {
        t.join();
    }
    workers_.clear();
}

void LoopbackServer::serve(int fd) {
    const auto start = Clock::now();
    if (spec_.behaviour == Behaviour::Plain) {
        send_all(fd, kPlainAnswer);
        return;
    }
    if (spec_.behaviour == Behaviour::Silent) {
        char sink[512];
        while (wait_for(fd, POLLIN, start + kSilentHold, stop_)) {
            if (::recv(fd, sink, sizeof sink, 0) <= 0) {
                return;  // the client gave up
            }
        }
        return;
    }
    tls::SslPtr ssl(SSL_new(impl_->ctx.get()));
    SSL_set_fd(ssl.get(), fd);
    if (drive(ssl.get(), fd, start + kHandshakeDeadline, stop_, [&] { return SSL_accept(ssl.get()); }) > 0) {
        char request[4096];
        drive(ssl.get(), fd, Clock::now() + kRequestDeadline, stop_,
              [&] { return SSL_read(ssl.get(), request, sizeof request); });
        drive(ssl.get(), fd, Clock::now() + kRequestDeadline, stop_,
              [&] { return SSL_write(ssl.get(), kTlsAnswer, static_cast<int>(std::strlen(kTlsAnswer))); });
        SSL_shutdown(ssl.get());
    }
    // Scanners abort handshakes on purpose; their errors are not the lab's to report.
    ERR_clear_error();
}

}  // namespace attt::lab
