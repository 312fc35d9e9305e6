#include "checks/tls/tls_handshake.h"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <openssl/err.h>

#include "checks/tls/evidence_text.h"
#include "checks/tls/openssl_errors.h"

namespace attt::tls {

namespace {

// The cipher offer of every handshake: all suites OpenSSL knows, NULL and export-grade
// included, at security level 0, so that weak servers still complete a handshake we can see.
constexpr const char* kCipherList = "ALL:COMPLEMENTOFALL:@SECLEVEL=0";
// Bytes a peer may send before the handshake is done. Real handshakes, chains included, stay
// below 100 KiB (OpenSSL's own certificate-list cap); 1 MiB stops a peer that streams forever.
constexpr std::size_t kMaxHandshakeBytes = 1U << 20U;
// SSL_connect rounds in one handshake: a real one takes under ten; each round waits on the
// socket, so the handshake deadline ends the loop long before this cap.
constexpr int kMaxRounds = 10'000;
// One socket read or write: a full TLS record.
constexpr std::size_t kIoBufferBytes = 16384;
// Bytes of the peer's first answer kept to tell TLS from another protocol.
constexpr std::size_t kPeerStartBytes = 5;

long long to_ms(std::chrono::milliseconds duration) {
    return static_cast<long long>(duration.count());
}

bool would_block(int error) {
#if EAGAIN != EWOULDBLOCK
    if (error == EWOULDBLOCK) {
        return true;
    }
#endif
    return error == EAGAIN;
}

bool is_not_tls_reason(unsigned long code) {
    if (code == 0 || ERR_GET_LIB(code) != ERR_LIB_SSL) {
        return false;
    }
    switch (ERR_GET_REASON(code)) {
        case SSL_R_WRONG_VERSION_NUMBER:
        case SSL_R_UNKNOWN_PROTOCOL:
        case SSL_R_PACKET_LENGTH_TOO_LONG:
        case SSL_R_RECORD_LENGTH_MISMATCH:
        case SSL_R_HTTP_REQUEST:
        case SSL_R_HTTPS_PROXY_REQUEST:
            return true;
        default:
            return false;
    }
}

/// Drives SSL_connect over memory BIOs, moving bytes between them and the non-blocking
/// socket ourselves: we see the peer's first bytes (to tell TLS from HTTP or SSH), and writes
/// use MSG_NOSIGNAL so a peer that hangs up cannot raise SIGPIPE in the process.
class HandshakeDriver {
public:
    HandshakeDriver(Socket& socket, SSL& ssl, const RunContext& context)
        : socket_(socket),
          ssl_(ssl),
          context_(context),
          deadline_(std::chrono::steady_clock::now() + context.deadlines.handshake) {}

    Attempt<void> run() {
        for (int round = 0; round < kMaxRounds; ++round) {
            if (context_.is_cancelled()) {
                return scan_failure(TargetStatus::Error, "cancelled");
            }
            ERR_clear_error();
            const int rc = SSL_connect(&ssl_);
            const int error = rc == 1 ? SSL_ERROR_NONE : SSL_get_error(&ssl_, rc);
            const int saved_errno = errno;
            const unsigned long code = take_first_error();
            if (auto failure = flush()) {
                return tl::unexpected(std::move(*failure));
            }
            if (rc == 1) {
                return {};
            }
            if (error == SSL_ERROR_WANT_WRITE) {
                continue;  // flushed above; memory BIOs never really block on writes
            }
            if (error == SSL_ERROR_WANT_READ && !peer_closed_) {
                if (auto failure = receive()) {
                    return tl::unexpected(std::move(*failure));
                }
                continue;
            }
            return tl::unexpected(classify(error, code, saved_errno));
        }
        return tl::unexpected(timed_out());
    }

private:
    ScanFailure timed_out() const {
        return {TargetStatus::Timeout,
                fmt::format("handshake not finished within {} ms",
                            to_ms(context_.deadlines.handshake))};
    }

    std::optional<ScanFailure> wait(short events) const {
        switch (wait_ready(socket_.fd(), events, deadline_, context_)) {
            case WaitResult::Ready:
            case WaitResult::Failed:  // the next read or write reports the cause
                return std::nullopt;
            case WaitResult::TimedOut:
                return timed_out();
            case WaitResult::Cancelled:
                return ScanFailure{TargetStatus::Error, "cancelled"};
        }
        return std::nullopt;
    }

    /// Sends what OpenSSL wrote into its output BIO. A peer that stopped reading is not an
    /// error here: what it sent before hanging up (often an alert) says more, so we go on.
    std::optional<ScanFailure> flush() {
        BIO* out = SSL_get_wbio(&ssl_);
        std::array<char, kIoBufferBytes> buffer{};
        for (int chunk = 0; chunk < kMaxRounds && BIO_ctrl_pending(out) > 0; ++chunk) {
            const int length = BIO_read(out, buffer.data(), static_cast<int>(buffer.size()));
            if (length <= 0 || write_closed_) {
                continue;  // drain and drop: the peer no longer listens
            }
            const std::span<const std::uint8_t> bytes(
                reinterpret_cast<const std::uint8_t*>(buffer.data()),
                static_cast<std::size_t>(length));
            if (!send_all(socket_.fd(), bytes, deadline_, context_)) {
                write_closed_ = true;
            }
        }
        return std::nullopt;
    }

    std::optional<ScanFailure> receive() {
        if (auto failure = wait(POLLIN)) {
            return failure;
        }
        std::array<unsigned char, kIoBufferBytes> buffer{};
        const ssize_t got = ::recv(socket_.fd(), buffer.data(), buffer.size(), 0);
        if (got > 0) {
            const auto length = static_cast<std::size_t>(got);
            for (std::size_t i = 0; i < length && peer_start_.size() < kPeerStartBytes; ++i) {
                peer_start_.push_back(buffer[i]);
            }
            received_ += length;
            if (received_ > kMaxHandshakeBytes) {
                return ScanFailure{TargetStatus::ProtocolError,
                                   fmt::format("peer sent more than {} bytes during the handshake",
                                               kMaxHandshakeBytes)};
            }
            BIO_write(SSL_get_rbio(&ssl_), buffer.data(), static_cast<int>(length));
            return std::nullopt;
        }
        if (got < 0 && (would_block(errno) || errno == EINTR)) {
            return std::nullopt;
        }
        // Orderly close (0) or reset: let OpenSSL see end of input and report on what it has.
        peer_closed_ = true;
        close_errno_ = got < 0 ? errno : 0;
        BIO_set_mem_eof_return(SSL_get_rbio(&ssl_), 0);
        return std::nullopt;
    }

    ScanFailure classify(int ssl_error, unsigned long code, int saved_errno) const {
        const bool answered = !peer_start_.empty();
        const bool record_type_tls = answered && (peer_start_[0] == 0x15 || peer_start_[0] == 0x16);
        const bool header_tls =
            record_type_tls && peer_start_.size() >= 2 && peer_start_[1] == 0x03;
        if (answered && !record_type_tls) {
            const std::string why = is_not_tls_reason(code)
                                        ? error_text(code)
                                        : fmt::format("first byte {:#04x}", peer_start_[0]);
            return {TargetStatus::NotTls, fmt::format("peer answered but not with TLS ({})", why)};
        }
        // A record that starts like TLS (alert or handshake, major version 3) is TLS, even if
        // OpenSSL objects to a version field later: that is a broken server, not another protocol.
        if (is_not_tls_reason(code) && !header_tls) {
            return {TargetStatus::NotTls,
                    fmt::format("peer answered but not with TLS ({})", error_text(code))};
        }
        const bool eof_reason = code != 0 && ERR_GET_LIB(code) == ERR_LIB_SSL &&
                                ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING;
        if (peer_closed_ && (code == 0 || eof_reason)) {
            return {TargetStatus::ProtocolError,
                    close_errno_ == ECONNRESET ? "peer reset the connection during the handshake"
                                               : "peer closed the connection during the handshake"};
        }
        if (code != 0) {
            return {TargetStatus::ProtocolError,
                    fmt::format("handshake failed: {}", error_text(code))};
        }
        if (ssl_error == SSL_ERROR_SYSCALL && saved_errno != 0) {
            return {TargetStatus::ProtocolError,
                    fmt::format("handshake failed: {}",
                                std::error_code(saved_errno, std::system_category()).message())};
        }
        return {TargetStatus::ProtocolError,
                fmt::format("handshake failed (OpenSSL error kind {})", ssl_error)};
    }

    Socket& socket_;
    SSL& ssl_;
    const RunContext& context_;
    Deadline deadline_;
    std::vector<unsigned char> peer_start_;
    std::size_t received_ = 0;
    bool peer_closed_ = false;
    bool write_closed_ = false;
    int close_errno_ = 0;
};

ScanFailure local_fault(const char* what) {
    const unsigned long code = take_first_error();
    return {TargetStatus::Error,
            code == 0 ? std::string(what) : fmt::format("{}: {}", what, error_text(code))};
}

Attempt<SslPtr> make_session(SSL_CTX& ctx,
                             const std::string& sni,
                             const HandshakeOptions& options) {
    SslPtr ssl(SSL_new(&ctx));
    if (!ssl) {
        return tl::unexpected(local_fault("cannot create a TLS session"));
    }
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    if (in == nullptr || out == nullptr) {
        BioPtr in_owner(in);
        BioPtr out_owner(out);
        return tl::unexpected(local_fault("cannot create TLS buffers"));
    }
    SSL_set_bio(ssl.get(), in, out);  // the SSL object owns both from here
    const auto& pinned = options.pinned_version;
    if (pinned && (SSL_set_min_proto_version(ssl.get(), *pinned) != 1 ||
                   SSL_set_max_proto_version(ssl.get(), *pinned) != 1)) {
        return tl::unexpected(local_fault("cannot pin the protocol version"));
    }
    if (!sni.empty() && SSL_set_tlsext_host_name(ssl.get(), sni.c_str()) != 1) {
        return tl::unexpected(local_fault("cannot set the server name"));
    }
    if (options.request_ocsp &&
        SSL_set_tlsext_status_type(ssl.get(), TLSEXT_STATUSTYPE_ocsp) != 1) {
        return tl::unexpected(local_fault("cannot request OCSP stapling"));
    }
    // Wire format: length-prefixed names, h2 first as browsers offer.
    static constexpr unsigned char kAlpn[] = {
        2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
    if (options.offer_alpn && SSL_set_alpn_protos(ssl.get(), kAlpn, sizeof kAlpn) != 0) {
        return tl::unexpected(local_fault("cannot offer ALPN"));
    }
    SSL_set_connect_state(ssl.get());
    return ssl;
}

}  // namespace

Attempt<SslCtxPtr> make_client_context() {
    ERR_clear_error();
    SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx) {
        return tl::unexpected(local_fault("cannot create a TLS context"));
    }
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_security_level(ctx.get(), 0);
    if (SSL_CTX_set_cipher_list(ctx.get(), kCipherList) != 1 ||
        SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(ctx.get(), TLS1_3_VERSION) != 1) {
        return tl::unexpected(local_fault("cannot configure the TLS context"));
    }
    // Old servers without RFC 5746 secure renegotiation must still be seen, not refused.
    SSL_CTX_set_options(ctx.get(), SSL_OP_LEGACY_SERVER_CONNECT);
    // Every handshake is a full one: a resumed session would hide what the server negotiates.
    SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
    ERR_clear_error();
    return ctx;
}

Attempt<TlsConnection> open_tls(SSL_CTX& ctx,
                                ProbeChannel& channel,
                                const HandshakeOptions& options) {
    ERR_clear_error();
    const RunContext& context = channel.context();
    auto socket = channel.open();
    if (!socket) {
        return tl::unexpected(std::move(socket.error()));
    }
    auto ssl = make_session(ctx, channel.target().sni(), options);
    if (!ssl) {
        ERR_clear_error();
        return tl::unexpected(std::move(ssl.error()));
    }
    TlsConnection connection{std::move(*socket), std::move(*ssl)};
    HandshakeDriver driver(connection.socket, *connection.ssl, context);
    auto done = driver.run();
    ERR_clear_error();
    if (!done) {
        return tl::unexpected(std::move(done.error()));
    }
    return connection;
}

void close_politely(TlsConnection& connection) {
    if (!connection.ssl || !connection.socket.valid()) {
        return;
    }
    SSL_shutdown(connection.ssl.get());
    BIO* out = SSL_get_wbio(connection.ssl.get());
    std::array<char, 512> buffer{};
    const int length = BIO_read(out, buffer.data(), static_cast<int>(buffer.size()));
    if (length > 0) {
        // Best effort: one non-blocking send; a peer that does not take it loses nothing.
        [[maybe_unused]] const ssize_t sent = ::send(connection.socket.fd(),
                                                     buffer.data(),
                                                     static_cast<std::size_t>(length),
                                                     MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    ERR_clear_error();
}

}  // namespace attt::tls
