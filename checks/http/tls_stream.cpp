#include "checks/http/tls_stream.h"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <optional>

#include <fmt/format.h>
#include <openssl/err.h>

#include "checks/tls/openssl_errors.h"

namespace attt::http {

namespace {

// Everything the peer may send on this connection: a handshake (certificates included) stays
// under 100 KiB, the head under 64 KiB; 1 MiB stops a peer that streams forever.
constexpr std::size_t kMaxReceivedBytes = 1U << 20U;
// Rounds of one SSL call; each waits on the socket, so the deadline ends the loop first.
constexpr int kMaxRounds = 10'000;
// One socket read or write: a full TLS record.
constexpr std::size_t kIoBufferBytes = 16384;
// Every cipher and protocol OpenSSL has, at security level 0: a weak server still gets its
// headers read (judging its TLS is the prober's job, not this one's).
constexpr const char* kCipherList = "ALL:COMPLEMENTOFALL:@SECLEVEL=0";

bool not_tls_reason(unsigned long code) {
    if (code == 0 || ERR_GET_LIB(code) != ERR_LIB_SSL) {
        return false;
    }
    const int reason = ERR_GET_REASON(code);
    return reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_UNKNOWN_PROTOCOL ||
           reason == SSL_R_PACKET_LENGTH_TOO_LONG || reason == SSL_R_HTTP_REQUEST;
}

}  // namespace

TlsStream::TlsStream(tls::Socket socket,
                     tls::SslCtxPtr ctx,
                     tls::SslPtr ssl,
                     tls::Deadline deadline,
                     const RunContext& context)
    : socket_(std::move(socket)),
      ctx_(std::move(ctx)),
      ssl_(std::move(ssl)),
      deadline_(deadline),
      context_(&context) {}

tls::Attempt<TlsStream> TlsStream::open(tls::Socket socket,
                                        const std::string& server_name,
                                        tls::Deadline deadline,
                                        const RunContext& context) {
    const auto local_fault = [](std::string_view what) {
        return tls::scan_failure(
            TargetStatus::Error,
            fmt::format("{}: {}", what, tls::error_text(tls::take_first_error())));
    };
    tls::SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx) {
        return local_fault("SSL_CTX_new");
    }
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_security_level(ctx.get(), 0);
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION);
    if (SSL_CTX_set_cipher_list(ctx.get(), kCipherList) != 1) {
        return local_fault("cipher list");
    }
    tls::SslPtr ssl(SSL_new(ctx.get()));
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    if (!ssl || in == nullptr || out == nullptr) {
        BIO_free(in);
        BIO_free(out);
        return local_fault("SSL_new");
    }
    SSL_set_bio(ssl.get(), in, out);  // the SSL object owns both BIOs from here
    SSL_set_connect_state(ssl.get());
    if (!server_name.empty() && SSL_set_tlsext_host_name(ssl.get(), server_name.c_str()) != 1) {
        return local_fault("SNI");
    }
    TlsStream stream(std::move(socket), std::move(ctx), std::move(ssl), deadline, context);
    auto done =
        stream.drive([&stream] { return SSL_do_handshake(stream.ssl_.get()); }, "handshake");
    if (!done) {
        return tl::unexpected(std::move(done.error()));
    }
    return stream;
}

tls::Attempt<void> TlsStream::write_all(std::string_view bytes) {
    while (!bytes.empty()) {
        auto wrote = drive(
            [&] { return SSL_write(ssl_.get(), bytes.data(), static_cast<int>(bytes.size())); },
            "request");
        if (!wrote) {
            return tl::unexpected(std::move(wrote.error()));
        }
        if (*wrote <= 0) {
            return tls::scan_failure(TargetStatus::ProtocolError,
                                     "the server closed the connection before the request");
        }
        bytes.remove_prefix(static_cast<std::size_t>(*wrote));
    }
    return {};
}

tls::Attempt<std::size_t> TlsStream::read_some(char* data, std::size_t size) {
    auto got = drive([&] { return SSL_read(ssl_.get(), data, static_cast<int>(size)); }, "answer");
    if (!got) {
        return tl::unexpected(std::move(got.error()));
    }
    return static_cast<std::size_t>(*got);
}

template <class Call>
tls::Attempt<int> TlsStream::drive(Call call, std::string_view what) {
    for (int round = 0; round < kMaxRounds; ++round) {
        if (context_->is_cancelled()) {
            return tls::scan_failure(TargetStatus::Error, "cancelled");
        }
        ERR_clear_error();
        const int rc = call();
        const int error = rc > 0 ? SSL_ERROR_NONE : SSL_get_error(ssl_.get(), rc);
        const unsigned long code = tls::take_first_error();
        if (auto flushed = flush(); !flushed) {
            return tl::unexpected(std::move(flushed.error()));
        }
        if (rc > 0) {
            return rc;
        }
        if (error == SSL_ERROR_ZERO_RETURN) {
            return 0;  // close_notify: the peer finished
        }
        if (error == SSL_ERROR_WANT_WRITE) {
            continue;
        }
        if (error == SSL_ERROR_WANT_READ) {
            if (peer_closed_) {
                // No close_notify, but the connection is gone: for reading that is the end
                // (many servers skip close_notify); for a handshake it is a failure.
                if (what == "answer") {
                    return 0;
                }
                return tls::scan_failure(
                    TargetStatus::ProtocolError,
                    fmt::format("the server closed the connection during the TLS {}", what));
            }
            auto received = receive();
            if (!received) {
                return tl::unexpected(std::move(received.error()));
            }
            continue;
        }
        if (not_tls_reason(code)) {
            return tls::scan_failure(TargetStatus::NotTls, "the server does not answer with TLS");
        }
        return tls::scan_failure(
            TargetStatus::ProtocolError,
            fmt::format(
                "TLS {} failed: {}", what, code != 0 ? tls::error_text(code) : "unexpected end"));
    }
    return tls::scan_failure(TargetStatus::Timeout,
                             fmt::format("TLS {} not finished in time", what));
}

tls::Attempt<void> TlsStream::flush() {
    BIO* out = SSL_get_wbio(ssl_.get());
    std::array<char, kIoBufferBytes> buffer{};
    for (int chunk = 0; chunk < kMaxRounds && BIO_ctrl_pending(out) > 0; ++chunk) {
        const int length = BIO_read(out, buffer.data(), static_cast<int>(buffer.size()));
        if (length <= 0) {
            continue;
        }
        const std::span<const std::uint8_t> bytes(
            reinterpret_cast<const std::uint8_t*>(buffer.data()), static_cast<std::size_t>(length));
        if (!tls::send_all(socket_.fd(), bytes, deadline_, *context_)) {
            if (auto failure = wait(POLLOUT)) {
                return tl::unexpected(std::move(*failure));  // time ran out or cancelled
            }
            // The peer stopped reading; what it sent before (an alert) tells more.
            peer_closed_ = true;
            return {};
        }
    }
    return {};
}

tls::Attempt<TlsStream::Io> TlsStream::receive() {
    std::array<char, kIoBufferBytes> buffer{};
    for (int round = 0; round < kMaxRounds; ++round) {
        if (received_ >= kMaxReceivedBytes) {
            return tls::scan_failure(
                TargetStatus::ProtocolError,
                fmt::format("the server sent more than {} bytes", kMaxReceivedBytes));
        }
        const ssize_t got = ::recv(socket_.fd(), buffer.data(), buffer.size(), 0);
        if (got > 0) {
            received_ += static_cast<std::size_t>(got);
            BIO_write(SSL_get_rbio(ssl_.get()), buffer.data(), static_cast<int>(got));
            return Io::Done;
        }
        if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
            peer_closed_ = true;
            return Io::Closed;
        }
        if (auto failure = wait(POLLIN)) {
            return tl::unexpected(std::move(*failure));
        }
    }
    return tls::scan_failure(TargetStatus::Timeout, "no answer in time");
}

std::optional<tls::ScanFailure> TlsStream::wait(short events) const {
    switch (tls::wait_ready(socket_.fd(), events, deadline_, *context_)) {
        case tls::WaitResult::Ready:
        case tls::WaitResult::Failed:
            return std::nullopt;
        case tls::WaitResult::TimedOut:
            return tls::ScanFailure{TargetStatus::Timeout, "no HTTPS answer in time"};
        case tls::WaitResult::Cancelled:
            return tls::ScanFailure{TargetStatus::Error, "cancelled"};
    }
    return std::nullopt;
}

}  // namespace attt::http
