#include "tests/lab/loopback_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <list>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "tests/lab/openssl_handles.h"

namespace attt::lab {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A scanner probes an endpoint a few dozen times, mostly one after the other; 32 connections
// at once is plenty for a lab and bounds its threads. More wait in the listen backlog.
constexpr std::size_t kMaxConcurrentConnections = 32;
constexpr int kListenBacklog = 128;
// The accept loop wakes at least this often to reap finished workers and check the stop flag.
constexpr int kAcceptPollMs = 100;
// Every step of a connection has a deadline, so a stuck peer holds a worker for a bounded time.
constexpr auto kHandshakeDeadline = 5s;
constexpr auto kRequestDeadline = 2s;
constexpr auto kCloseDeadline = 1s;
constexpr auto kSilentHold = 30s;
// (EWOULDBLOCK is EAGAIN on Linux, so only EAGAIN is tested below.)
// One TLS record of request is enough to answer; the lab does not parse HTTP.
constexpr std::size_t kMaxRequestBytes = 4096;
// A chain of intermediates longer than this is a mistake in the test, not a set-up to serve.
constexpr int kMaxChainCertificates = 8;

constexpr std::string_view kPlainAnswer =
    "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n"
    "Connection: close\r\n\r\n";
constexpr std::string_view kTlsAnswerHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n";
constexpr std::string_view kAnswerTail = "Connection: close\r\n\r\n";
constexpr std::string_view kTlsAnswerBody = "ok";
// One line of a STARTTLS preamble: SMTP allows 512 bytes; the lab's client sends short ones.
constexpr std::size_t kMaxPreambleLineBytes = 1024;
// An HTTP request head to a redirecting lab server: a client's GET fits easily.
constexpr std::size_t kMaxRedirectRequestBytes = 4096;
// The LDAP StartTLS request the lab accepts: a few dozen bytes (short-form BER length).
constexpr std::string_view kLdapStartTlsOid = "1.3.6.1.4.1.1466.20037";

/// Owns one file descriptor.
class UniqueFd {
public:
    UniqueFd() = default;

    explicit UniqueFd(int fd) : fd_(fd) {}

    UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset(std::exchange(other.fd_, -1));
        }
        return *this;
    }

    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    ~UniqueFd() { reset(); }

    int get() const { return fd_; }

    void reset(int fd = -1) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = fd;
    }

private:
    int fd_ = -1;
};

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
    throw std::invalid_argument("lab server: unknown protocol version '" + name +
                                "' (expected TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3)");
}

[[noreturn]] void fail_ssl(const std::string& what) {
    char reason[256] = "no OpenSSL reason";
    if (const unsigned long code = ERR_get_error(); code != 0) {
        ERR_error_string_n(code, reason, sizeof reason);
    }
    ERR_clear_error();
    throw std::runtime_error("lab server: " + what + ": " + reason);
}

BioPtr read_only_bio(const std::string& text) {
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    if (!bio) {
        fail_ssl("BIO_new_mem_buf");
    }
    return bio;
}

void use_credentials(SSL_CTX* ctx, const Credentials& credentials) {
    if (credentials.cert_pem.empty() || credentials.key_pem.empty()) {
        throw std::runtime_error("lab server: a TLS server needs a certificate and a key");
    }
    auto cert_bio = read_only_bio(credentials.cert_pem);
    X509Ptr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    auto key_bio = read_only_bio(credentials.key_pem);
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!cert || !key) {
        fail_ssl("cannot read the certificate or key PEM");
    }
    if (SSL_CTX_use_certificate(ctx, cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
        fail_ssl("certificate and key do not form a usable pair");
    }
    if (credentials.chain_pem.empty()) {
        return;
    }
    auto chain_bio = read_only_bio(credentials.chain_pem);
    int count = 0;
    for (; count < kMaxChainCertificates; ++count) {
        X509Ptr intermediate(PEM_read_bio_X509(chain_bio.get(), nullptr, nullptr, nullptr));
        if (!intermediate) {
            break;
        }
        if (SSL_CTX_add1_chain_cert(ctx, intermediate.get()) != 1) {
            fail_ssl("cannot add an intermediate certificate");
        }
    }
    ERR_clear_error();  // the read that ended the loop reports "no start line"
    if (count == 0) {
        throw std::runtime_error("lab server: chain_pem holds no certificate");
    }
}

SslCtxPtr make_context(const ServerSpec& spec) {
    const int min_version = protocol_version(spec.min_protocol);
    const int max_version = protocol_version(spec.max_protocol);
    if (min_version > max_version) {
        throw std::invalid_argument("lab server: min_protocol " + spec.min_protocol +
                                    " is above max_protocol " + spec.max_protocol);
    }
    SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
    if (!ctx) {
        fail_ssl("SSL_CTX_new");
    }
    // Level 0 (overriding Debian's SECLEVEL=2 in openssl.cnf) lets the lab serve what a
    // hardened default refuses: TLS 1.0, 1024-bit keys, SHA-1. Serving them is its purpose.
    SSL_CTX_set_security_level(ctx.get(), 0);
    if (SSL_CTX_set_min_proto_version(ctx.get(), min_version) != 1 ||
        SSL_CTX_set_max_proto_version(ctx.get(), max_version) != 1) {
        fail_ssl("cannot set the protocol range");
    }
    const std::string ciphers =
        (spec.cipher_list.empty() ? std::string("DEFAULT") : spec.cipher_list) + ":@SECLEVEL=0";
    if (SSL_CTX_set_cipher_list(ctx.get(), ciphers.c_str()) != 1) {
        fail_ssl("cipher list '" + spec.cipher_list + "' selects no cipher");
    }
    use_credentials(ctx.get(), spec.credentials);
    return ctx;
}

enum class Wait {
    Ready,
    Timeout,
    Stopped
};

/// Waits until `fd` has `events`, the deadline passes, or the server is stopping (`wake_fd`
/// becomes readable). Bounded by the deadline.
Wait wait_for(int fd, short events, Clock::time_point deadline, int wake_fd) {
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return Wait::Timeout;
        }
        pollfd fds[2] = {{fd, events, 0}, {wake_fd, POLLIN, 0}};
        const int n = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (n < 0 && errno != EINTR) {
            return Wait::Stopped;
        }
        if (n > 0 && fds[1].revents != 0) {
            return Wait::Stopped;
        }
        if (n > 0 && fds[0].revents != 0) {
            return Wait::Ready;  // POLLHUP and POLLERR too: the next call reports them
        }
    }
}

enum class Step {
    Done,
    Failed,
    TimedOut
};

/// Runs one non-blocking SSL call (accept, read, write) until it succeeds, fails, or the
/// deadline passes.
template <class Call>
Step drive(SSL* ssl, int fd, Clock::time_point deadline, int wake_fd, Call call) {
    for (;;) {
        ERR_clear_error();
        const int rc = call();
        if (rc > 0) {
            return Step::Done;
        }
        const int error = SSL_get_error(ssl, rc);
        short events = 0;
        if (error == SSL_ERROR_WANT_READ) {
            events = POLLIN;
        } else if (error == SSL_ERROR_WANT_WRITE) {
            events = POLLOUT;
        } else {
            return Step::Failed;
        }
        const Wait wait = wait_for(fd, events, deadline, wake_fd);
        if (wait != Wait::Ready) {
            return wait == Wait::Timeout ? Step::TimedOut : Step::Failed;
        }
    }
}

void send_all(int fd, std::string_view text, Clock::time_point deadline, int wake_fd) {
    while (!text.empty()) {
        const ssize_t n = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
        if (n > 0) {
            text.remove_prefix(static_cast<std::size_t>(n));
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (wait_for(fd, POLLOUT, deadline, wake_fd) != Wait::Ready) {
                return;
            }
        } else {
            return;
        }
    }
}

/// Reads and discards until the peer closes, the deadline passes or the server stops.
/// Returns false if the peer closed or failed.
bool discard_input(int fd, Clock::time_point deadline, int wake_fd) {
    char sink[4096];
    while (wait_for(fd, POLLIN, deadline, wake_fd) == Wait::Ready) {
        const ssize_t n = ::recv(fd, sink, sizeof sink, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            return false;
        }
    }
    return true;
}

/// Sends FIN and drains what the peer still sends, so that closing with unread input (a
/// ClientHello the lab never read) does not turn into a reset that destroys the answer.
void close_gracefully(int fd, int wake_fd) {
    ::shutdown(fd, SHUT_WR);
    discard_input(fd, Clock::now() + kCloseDeadline, wake_fd);
}

/// The HTTP answer after the TLS handshake: the fixed head, the spec's extra headers, "ok".
std::string make_tls_answer(const ServerSpec& spec) {
    std::string answer(kTlsAnswerHead);
    for (const auto& [name, value] : spec.http_headers) {
        answer += name + ": " + value + "\r\n";
    }
    answer += kAnswerTail;
    answer += kTlsAnswerBody;
    return answer;
}

void check_spec_text(const ServerSpec& spec) {
    const auto has_line_break = [](const std::string& text) {
        return text.find_first_of("\r\n") != std::string::npos;
    };
    for (const auto& [name, value] : spec.http_headers) {
        if (name.empty() || has_line_break(name) || has_line_break(value)) {
            throw std::invalid_argument("lab server: header '" + name +
                                        "' is empty or holds a line break");
        }
    }
    if (has_line_break(spec.redirect_location)) {
        throw std::invalid_argument("lab server: redirect_location holds a line break");
    }
    const std::string& p = spec.starttls;
    if (!p.empty() && p != "smtp" && p != "imap" && p != "pop3" && p != "ftp" && p != "ldap") {
        throw std::invalid_argument("lab server: unknown starttls '" + p +
                                    "' (expected smtp, imap, pop3, ftp or ldap)");
    }
    if (!p.empty() && spec.behaviour != Behaviour::Tls) {
        throw std::invalid_argument("lab server: starttls needs Behaviour::Tls");
    }
}

/// Reads exactly `count` bytes; false on close, timeout or stop.
bool read_exact(int fd, char* data, std::size_t count, Clock::time_point deadline, int wake_fd) {
    std::size_t have = 0;
    while (have < count) {
        const ssize_t n = ::recv(fd, data + have, count - have, 0);
        if (n > 0) {
            have += static_cast<std::size_t>(n);
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (wait_for(fd, POLLIN, deadline, wake_fd) != Wait::Ready) {
                return false;
            }
        } else {
            return false;
        }
    }
    return true;
}

/// One line without CR LF, read a byte at a time so that nothing after it (the client's
/// ClientHello) is taken from the socket. Empty optional on close, timeout, stop or a line
/// over the cap.
std::optional<std::string> read_line(int fd, Clock::time_point deadline, int wake_fd) {
    std::string line;
    char c = 0;
    while (line.size() <= kMaxPreambleLineBytes) {
        if (!read_exact(fd, &c, 1, deadline, wake_fd)) {
            return std::nullopt;
        }
        if (c == '\n') {
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            return line;
        }
        line += c;
    }
    return std::nullopt;
}

/// An LDAP ExtendedResponse to messageID 1 with `result_code` and a diagnostic message.
std::string ldap_extended_response(std::uint8_t result_code, std::string_view diagnostic) {
    std::string result{'\x0a', '\x01', static_cast<char>(result_code), '\x04', '\x00', '\x04'};
    result += static_cast<char>(diagnostic.size());
    result += diagnostic;
    std::string operation{'\x78', static_cast<char>(result.size())};
    operation += result;
    std::string message{'\x30', static_cast<char>(3 + operation.size()), '\x02', '\x01', '\x01'};
    message += operation;
    return message;
}

/// The host of a request's Host header without its port: "a.b:8080" → "a.b", "[::1]:80" →
/// "::1". Empty when the request has none.
std::string request_host(std::string_view request) {
    std::size_t at = 0;
    while (at < request.size()) {
        const auto end = request.find("\r\n", at);
        const std::string_view line =
            request.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        if (line.size() > 5 && (line[0] == 'H' || line[0] == 'h') &&
            (line.substr(1, 4) == "ost:" || line.substr(1, 4) == "OST:")) {
            std::string_view host = line.substr(5);
            while (!host.empty() && host.front() == ' ') {
                host.remove_prefix(1);
            }
            if (!host.empty() && host.front() == '[') {
                return std::string(host.substr(1, host.find(']') - 1));
            }
            return std::string(host.substr(0, host.find(':')));
        }
        if (end == std::string_view::npos) {
            break;
        }
        at = end + 2;
    }
    return {};
}

}  // namespace

bool is_loopback_address(std::string_view address) {
    const std::string text(address);
    in_addr v4{};
    if (::inet_pton(AF_INET, text.c_str(), &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24U) == 127U;
    }
    in6_addr v6{};
    return ::inet_pton(AF_INET6, text.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

struct LoopbackServer::State {
    /// A connection's thread; `done` is set as its last action, so the acceptor can join it.
    struct Worker {
        std::atomic<bool> done{false};
        std::thread thread;
    };

    ServerSpec spec;
    SslCtxPtr ctx;           // one per server; SSL_CTX is safe to share between worker threads
    std::string tls_answer;  // the HTTP answer after a TLS handshake
    UniqueFd listener;
    UniqueFd wake_read;  // readable once stopping; never drained, so every poll sees it
    UniqueFd wake_write;
    std::uint16_t port = 0;
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> connections{0};
    std::list<Worker> workers;  // touched by the accept thread only, and after it is joined
    std::thread acceptor;

    void accept_loop();
    void start_worker(UniqueFd connection);
    void reap_finished_workers();
    void serve(int fd) const;
    void serve_tls(int fd) const;
    bool serve_starttls(int fd) const;
    void serve_redirect(int fd) const;
};

LoopbackServer::LoopbackServer(ServerSpec spec) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.spec = std::move(spec);
    if (!is_loopback_address(s.spec.bind_address)) {
        throw std::invalid_argument("lab server: refusing to bind '" + s.spec.bind_address +
                                    "': only 127.0.0.0/8 and ::1 are allowed");
    }
    check_spec_text(s.spec);
    if (s.spec.behaviour == Behaviour::Tls) {
        s.ctx = make_context(s.spec);
    }
    s.tls_answer = make_tls_answer(s.spec);
    const std::string place = s.spec.bind_address + ":" + std::to_string(s.spec.port);
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        throw std::runtime_error("lab server: pipe: " + std::string(std::strerror(errno)));
    }
    s.wake_read.reset(pipe_fds[0]);
    s.wake_write.reset(pipe_fds[1]);

    const bool v6 = s.spec.bind_address.find(':') != std::string::npos;
    s.listener.reset(
        ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (s.listener.get() < 0) {
        throw std::runtime_error("lab server: socket: " + std::string(std::strerror(errno)));
    }
    const int one = 1;
    // A demo restarted right after a run must get its fixed ports back despite TIME_WAIT.
    ::setsockopt(s.listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_storage address{};
    socklen_t length = 0;
    if (v6) {
        ::setsockopt(s.listener.get(), IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        sockaddr_in6 a{};
        a.sin6_family = AF_INET6;
        a.sin6_port = htons(s.spec.port);
        ::inet_pton(AF_INET6, s.spec.bind_address.c_str(), &a.sin6_addr);
        std::memcpy(&address, &a, sizeof a);
        length = sizeof a;
    } else {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(s.spec.port);
        ::inet_pton(AF_INET, s.spec.bind_address.c_str(), &a.sin_addr);
        std::memcpy(&address, &a, sizeof a);
        length = sizeof a;
    }
    if (::bind(s.listener.get(), reinterpret_cast<const sockaddr*>(&address), length) != 0 ||
        ::listen(s.listener.get(), kListenBacklog) != 0) {
        throw std::runtime_error("lab server: cannot listen on " + place + ": " +
                                 std::strerror(errno));
    }
    if (::getsockname(s.listener.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("lab server: getsockname: " + std::string(std::strerror(errno)));
    }
    if (v6) {
        sockaddr_in6 a{};
        std::memcpy(&a, &address, sizeof a);
        s.port = ntohs(a.sin6_port);
    } else {
        sockaddr_in a{};
        std::memcpy(&a, &address, sizeof a);
        s.port = ntohs(a.sin_port);
    }
    s.acceptor = std::thread([&s] { s.accept_loop(); });
}

LoopbackServer::~LoopbackServer() {
    State& s = *state_;
    s.stop.store(true);
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s.wake_write.get(), &byte, 1);
    if (s.acceptor.joinable()) {
        s.acceptor.join();
    }
    // Every worker polls wake_read, so each returns within one poll; join them all.
    for (auto& worker : s.workers) {
        if (worker.thread.joinable()) {
            worker.thread.join();
        }
    }
    s.workers.clear();
}

std::uint16_t LoopbackServer::port() const {
    return state_->port;
}

std::size_t LoopbackServer::connections() const {
    return state_->connections.load();
}

void LoopbackServer::State::accept_loop() {
    // OpenSSL writes to the socket with write(2): a peer that hangs up mid-answer would raise
    // SIGPIPE and kill the whole process. Blocked here (and so in every worker, which inherits
    // this mask), the write fails with EPIPE instead; no process-wide handler is changed.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);

    while (!stop.load()) {
        reap_finished_workers();
        const bool full = workers.size() >= kMaxConcurrentConnections;
        pollfd fds[2] = {{wake_read.get(), POLLIN, 0}, {listener.get(), POLLIN, 0}};
        const int n = ::poll(fds, full ? 1 : 2, kAcceptPollMs);
        if (n <= 0 || fds[0].revents != 0) {
            continue;  // timeout, EINTR, or stopping (the loop condition sees it)
        }
        if (full || (fds[1].revents & POLLIN) == 0) {
            continue;
        }
        UniqueFd connection(
            ::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
        if (connection.get() < 0) {
            if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED) {
                // Out of descriptors or memory: pause instead of spinning on a readable socket.
                pollfd wake{wake_read.get(), POLLIN, 0};
                ::poll(&wake, 1, kAcceptPollMs);
            }
            continue;
        }
        connections.fetch_add(1);
        start_worker(std::move(connection));
    }
}

void LoopbackServer::State::start_worker(UniqueFd connection) {
    Worker& worker = workers.emplace_back();
    try {
        worker.thread =
            std::thread([this, fd = std::move(connection), &done = worker.done]() mutable {
                try {
                    serve(fd.get());
                } catch (...) {
                    // A failing connection is the scanner's business, never the lab's crash.
                }
                ERR_clear_error();
                fd.reset();
                done.store(true, std::memory_order_release);
            });
    } catch (const std::system_error&) {
        workers.pop_back();  // no thread: the connection was closed with the lambda
    }
}

void LoopbackServer::State::reap_finished_workers() {
    for (auto it = workers.begin(); it != workers.end();) {
        if (it->done.load(std::memory_order_acquire)) {
            it->thread.join();
            it = workers.erase(it);
        } else {
            ++it;
        }
    }
}

void LoopbackServer::State::serve(int fd) const {
    switch (spec.behaviour) {
        case Behaviour::Plain:
            send_all(fd, kPlainAnswer, Clock::now() + kCloseDeadline, wake_read.get());
            close_gracefully(fd, wake_read.get());
            return;
        case Behaviour::Silent:
            discard_input(fd, Clock::now() + kSilentHold, wake_read.get());
            return;
        case Behaviour::Tls:
            if (!spec.starttls.empty() && !serve_starttls(fd)) {
                close_gracefully(fd, wake_read.get());
                return;
            }
            serve_tls(fd);
            return;
        case Behaviour::HttpRedirect:
            serve_redirect(fd);
            return;
    }
}

bool LoopbackServer::State::serve_starttls(int fd) const {
    const int wake = wake_read.get();
    const auto deadline = [] {
        return Clock::now() + kRequestDeadline;
    };
    const auto say = [&](std::string_view text) {
        send_all(fd, text, deadline(), wake);
    };
    const auto hear = [&] {
        return read_line(fd, deadline(), wake);
    };
    const bool refuse = spec.starttls_refuse;
    if (spec.starttls == "smtp") {
        say("220 lab.attt ESMTP ready\r\n");
        const auto ehlo = hear();
        if (!ehlo || ehlo->rfind("EHLO ", 0) != 0) {
            say("500 5.5.1 expected EHLO\r\n");
            return false;
        }
        say("250-lab.attt greets you\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
        if (hear() != std::optional<std::string>("STARTTLS")) {
            say("500 5.5.1 expected STARTTLS\r\n");
            return false;
        }
        say(refuse ? "454 4.7.0 TLS not available due to temporary reason\r\n"
                   : "220 2.0.0 Ready to start TLS\r\n");
        return !refuse;
    }
    if (spec.starttls == "imap") {
        say("* OK [CAPABILITY IMAP4rev1 STARTTLS] lab.attt ready\r\n");
        if (hear() != std::optional<std::string>("a1 STARTTLS")) {
            say("* BAD expected a1 STARTTLS\r\n");
            return false;
        }
        say("* CAPABILITY IMAP4rev1 STARTTLS\r\n");
        say(refuse ? "a1 NO STARTTLS disabled\r\n" : "a1 OK Begin TLS negotiation now\r\n");
        return !refuse;
    }
    if (spec.starttls == "pop3") {
        say("+OK lab.attt POP3 ready\r\n");
        if (hear() != std::optional<std::string>("STLS")) {
            say("-ERR expected STLS\r\n");
            return false;
        }
        say(refuse ? "-ERR TLS not available\r\n" : "+OK Begin TLS negotiation\r\n");
        return !refuse;
    }
    if (spec.starttls == "ftp") {
        say("220-Welcome to the lab.attt FTP service\r\n220-a multi-line banner\r\n220 ready\r\n");
        if (hear() != std::optional<std::string>("AUTH TLS")) {
            say("500 expected AUTH TLS\r\n");
            return false;
        }
        say(refuse ? "534 TLS not available\r\n" : "234 AUTH TLS successful\r\n");
        return !refuse;
    }
    // LDAP: one ExtendedRequest in a short-form BER SEQUENCE naming the StartTLS OID.
    char head[2] = {};
    if (!read_exact(fd, head, 2, deadline(), wake) || head[0] != '\x30' ||
        static_cast<unsigned char>(head[1]) > 0x7fU) {
        return false;
    }
    std::string body(static_cast<unsigned char>(head[1]), '\0');
    if (!read_exact(fd, body.data(), body.size(), deadline(), wake)) {
        return false;
    }
    if (body.find(kLdapStartTlsOid) == std::string::npos) {
        say(ldap_extended_response(2, "only StartTLS is served"));
        return false;
    }
    say(refuse ? ldap_extended_response(2, "StartTLS refused by the lab")
               : ldap_extended_response(0, ""));
    return !refuse;
}

void LoopbackServer::State::serve_redirect(int fd) const {
    const int wake = wake_read.get();
    const auto deadline = Clock::now() + kRequestDeadline;
    std::string request;
    char buffer[1024];
    while (request.find("\r\n\r\n") == std::string::npos &&
           request.size() < kMaxRedirectRequestBytes) {
        if (wait_for(fd, POLLIN, deadline, wake) != Wait::Ready) {
            break;
        }
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            break;
        }
        if (n > 0) {
            request.append(buffer, static_cast<std::size_t>(n));
        }
    }
    std::string host = request_host(request);
    if (host.empty()) {
        host = spec.bind_address;
    }
    if (host.find(':') != std::string::npos) {
        host = "[" + host + "]";
    }
    const std::string location =
        spec.redirect_location.empty() ? "https://" + host + "/" : spec.redirect_location;
    std::string answer =
        "HTTP/1.1 301 Moved Permanently\r\nLocation: " + location + "\r\nContent-Length: 0\r\n";
    for (const auto& [name, value] : spec.http_headers) {
        answer += name + ": " + value + "\r\n";
    }
    answer += kAnswerTail;
    send_all(fd, answer, Clock::now() + kCloseDeadline, wake);
    close_gracefully(fd, wake);
}

void LoopbackServer::State::serve_tls(int fd) const {
    const int wake = wake_read.get();
    SslPtr ssl(SSL_new(ctx.get()));
    if (!ssl || SSL_set_fd(ssl.get(), fd) != 1) {
        return;
    }
    // Handshake failures are normal here: scanners offer versions and ciphers on purpose to
    // be refused. They are swallowed without a word; the caller clears the error queue.
    const Step handshake = drive(ssl.get(), fd, Clock::now() + kHandshakeDeadline, wake, [&] {
        return SSL_accept(ssl.get());
    });
    if (handshake != Step::Done) {
        close_gracefully(fd, wake);
        return;
    }
    char request[kMaxRequestBytes];
    const Step read = drive(ssl.get(), fd, Clock::now() + kRequestDeadline, wake, [&] {
        return SSL_read(ssl.get(), request, static_cast<int>(sizeof request));
    });
    if (read == Step::Failed) {
        close_gracefully(fd, wake);  // the peer closed after the handshake: nothing to answer
        return;
    }
    const Step write = drive(ssl.get(), fd, Clock::now() + kRequestDeadline, wake, [&] {
        return SSL_write(ssl.get(), tls_answer.data(), static_cast<int>(tls_answer.size()));
    });
    if (write == Step::Done) {
        ERR_clear_error();
        SSL_shutdown(ssl.get());  // sends close_notify; the peer's reply is not awaited
    }
    close_gracefully(fd, wake);
}

}  // namespace attt::lab
