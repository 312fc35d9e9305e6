// STARTTLS against the lab's STARTTLS servers on 127.0.0.1 (each protocol, then a real TLS
// handshake on the same socket), and against scripted peers on a socketpair (exact bytes:
// multi-line replies, hostile lengths, nothing read past the last reply line).
// NOLINTNEXTLINE(readability-identifier-naming): the name Boost.Test expects
#define BOOST_TEST_MODULE starttls
#include "checks/tls/starttls.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include <boost/test/unit_test.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include "auditor/core/clock.h"
#include "auditor/core/run_context.h"
#include "checks/tls/openssl_handles.h"
#include "tests/lab/certificate_authority.h"
#include "tests/lab/loopback_server.h"

namespace {

using attt::TargetStatus;
using attt::tls::StartTls;
using namespace std::chrono_literals;
namespace lab = attt::lab;
namespace tls = attt::tls;

struct Context {
    spdlog::logger log{"test", std::make_shared<spdlog::sinks::null_sink_mt>()};
    attt::SystemClock clock;
    attt::RunContext run{log, clock, {}, {}, nullptr};

    Context() {
        run.deadlines.connect = 2'000ms;
        run.deadlines.handshake = 3'000ms;
    }
};

const lab::Credentials& lab_credentials() {
    static const auto credentials = [] {
        const auto ca = lab::CertificateAuthority::create("ATTT STARTTLS Test CA");
        lab::CertificateSpec spec;
        spec.common_name = "mail.lab.test";
        spec.dns_names = {"mail.lab.test"};
        return ca.issue(spec);
    }();
    return credentials;
}

lab::ServerSpec starttls_spec(const std::string& protocol, bool refuse = false) {
    lab::ServerSpec spec;
    spec.behaviour = lab::Behaviour::Tls;
    spec.credentials = lab_credentials();
    spec.starttls = protocol;
    spec.starttls_refuse = refuse;
    return spec;
}

tls::Deadline in(std::chrono::milliseconds duration) {
    return std::chrono::steady_clock::now() + duration;
}

tls::Socket connect_to(const lab::LoopbackServer& server, const Context& context) {
    auto socket = tls::connect_tcp("127.0.0.1", server.port(), context.run);
    BOOST_TEST_REQUIRE(socket.has_value());
    return std::move(*socket);
}

/// Completes a TLS handshake on `fd` with OpenSSL (blocking, 3 s timeouts), sends a request
/// and returns the first bytes of the lab's answer.
std::string tls_exchange(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    const timeval timeout{3, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    tls::SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    tls::SslPtr ssl(SSL_new(ctx.get()));
    SSL_set_fd(ssl.get(), fd);
    SSL_set_tlsext_host_name(ssl.get(), "mail.lab.test");
    if (SSL_connect(ssl.get()) != 1) {
        ERR_clear_error();
        return "handshake failed";
    }
    const std::string request = "NOOP\r\n";
    SSL_write(ssl.get(), request.data(), static_cast<int>(request.size()));
    char answer[64] = {};
    const int got = SSL_read(ssl.get(), answer, sizeof answer - 1);
    ERR_clear_error();
    return got > 0 ? std::string(answer, static_cast<std::size_t>(got)) : "no answer";
}

/// A scripted peer: everything the server will say is queued up front on a socketpair, so a
/// test sees exactly what the client wrote and what it left unread.
struct ScriptedPeer {
    int client = -1;
    int server = -1;

    explicit ScriptedPeer(const std::string& script) {
        int fds[2];
        BOOST_TEST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
        client = fds[0];
        server = fds[1];
        if (!script.empty()) {
            BOOST_TEST_REQUIRE(::send(server, script.data(), script.size(), 0) ==
                               static_cast<ssize_t>(script.size()));
        }
    }

    ~ScriptedPeer() {
        ::close(client);
        ::close(server);
    }

    ScriptedPeer(const ScriptedPeer&) = delete;
    ScriptedPeer& operator=(const ScriptedPeer&) = delete;

    /// What is waiting on the socket for `from` (non-blocking).
    static std::string pending(int from) {
        std::string bytes;
        char buffer[4096];
        ssize_t got = 0;
        while ((got = ::recv(from, buffer, sizeof buffer, 0)) > 0) {
            bytes.append(buffer, static_cast<std::size_t>(got));
        }
        return bytes;
    }

    void hang_up() { ::shutdown(server, SHUT_WR); }
};

tls::Attempt<void> negotiate(int fd,
                             StartTls protocol,
                             const Context& context,
                             std::chrono::milliseconds deadline = 2'000ms) {
    return tls::negotiate_starttls(fd, protocol, "client.test", in(deadline), context.run);
}

std::string ldap_response(char result_code, const std::string& diagnostic, char message_id = 1) {
    std::string result{'\x0a', '\x01', result_code, '\x04', '\x00', '\x04'};
    result += static_cast<char>(diagnostic.size());
    result += diagnostic;
    std::string operation{'\x78', static_cast<char>(result.size())};
    operation += result;
    std::string message{
        '\x30', static_cast<char>(3 + operation.size()), '\x02', '\x01', message_id};
    return message + operation;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(names)

BOOST_AUTO_TEST_CASE(parses_every_protocol_and_submission_as_smtp) {
    BOOST_TEST((tls::parse_starttls("smtp") == StartTls::Smtp));
    BOOST_TEST((tls::parse_starttls("submission") == StartTls::Smtp));
    BOOST_TEST((tls::parse_starttls("imap") == StartTls::Imap));
    BOOST_TEST((tls::parse_starttls("pop3") == StartTls::Pop3));
    BOOST_TEST((tls::parse_starttls("ftp") == StartTls::Ftp));
    BOOST_TEST((tls::parse_starttls("ldap") == StartTls::Ldap));
    BOOST_TEST((tls::parse_starttls("") == StartTls::None));
    BOOST_TEST(!tls::parse_starttls("SMTP").has_value());
    BOOST_TEST(!tls::parse_starttls("xmpp").has_value());
    BOOST_TEST(tls::to_string(StartTls::Pop3) == "pop3");
    BOOST_TEST(tls::to_string(StartTls::None) == "");
}

BOOST_AUTO_TEST_CASE(maps_inventory_services_to_their_dialect) {
    BOOST_TEST((tls::starttls_for_service("submission") == StartTls::Smtp));
    BOOST_TEST((tls::starttls_for_service("ldap") == StartTls::Ldap));
    BOOST_TEST((tls::starttls_for_service("smtps") == StartTls::None));
    BOOST_TEST((tls::starttls_for_service("https") == StartTls::None));
    BOOST_TEST((tls::starttls_for_service("") == StartTls::None));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(lab_servers)

BOOST_AUTO_TEST_CASE(each_protocol_upgrades_and_a_tls_handshake_follows) {
    Context context;
    for (const std::string protocol : {"smtp", "imap", "pop3", "ftp", "ldap"}) {
        BOOST_TEST_CONTEXT(protocol) {
            lab::LoopbackServer server(starttls_spec(protocol));
            auto socket = connect_to(server, context);
            const auto result = negotiate(socket.fd(), *tls::parse_starttls(protocol), context);
            BOOST_TEST_REQUIRE(result.has_value(), (result ? "" : result.error().detail));
            BOOST_TEST(tls_exchange(socket.fd()).rfind("HTTP/1.1 200 OK", 0) == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(refusals_are_protocol_errors_quoting_the_server) {
    Context context;
    const std::pair<std::string, std::string> cases[] = {
        {"smtp", "STARTTLS refused: 454 4.7.0"},
        {"imap", "STARTTLS refused: a1 NO"},
        {"pop3", "STLS refused: -ERR"},
        {"ftp", "AUTH TLS refused: 534"},
        {"ldap", "StartTLS refused: LDAP resultCode 2"},
    };
    for (const auto& [protocol, expected] : cases) {
        BOOST_TEST_CONTEXT(protocol) {
            lab::LoopbackServer server(starttls_spec(protocol, true));
            auto socket = connect_to(server, context);
            const auto result = negotiate(socket.fd(), *tls::parse_starttls(protocol), context);
            BOOST_TEST_REQUIRE(!result.has_value());
            BOOST_TEST((result.error().status == TargetStatus::ProtocolError));
            BOOST_TEST(result.error().detail.rfind(expected, 0) == 0, result.error().detail);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_plain_http_server_is_not_the_protocol) {
    Context context;
    lab::ServerSpec spec;
    spec.behaviour = lab::Behaviour::Plain;
    lab::LoopbackServer server(spec);
    for (const auto& [protocol, expected] :
         {std::pair{StartTls::Smtp, "expected an SMTP greeting, got 'HTTP/1.1 400 Bad Request'"},
          std::pair{StartTls::Imap, "expected an IMAP greeting, got 'HTTP/1.1 400 Bad Request'"},
          std::pair{StartTls::Pop3, "expected a POP3 greeting, got 'HTTP/1.1 400 Bad Request'"},
          std::pair{StartTls::Ftp, "expected an FTP greeting, got 'HTTP/1.1 400 Bad Request'"},
          std::pair{StartTls::Ldap, "expected an LDAP response, got 'HT'"}}) {
        BOOST_TEST_CONTEXT(tls::to_string(protocol)) {
            auto socket = connect_to(server, context);
            const auto result = negotiate(socket.fd(), protocol, context);
            BOOST_TEST_REQUIRE(!result.has_value());
            BOOST_TEST((result.error().status == TargetStatus::NotTls));
            BOOST_TEST(result.error().detail == expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(another_protocols_greeting_is_not_tls) {
    Context context;
    lab::LoopbackServer server(starttls_spec("imap"));
    auto socket = connect_to(server, context);
    const auto result = negotiate(socket.fd(), StartTls::Smtp, context);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST((result.error().status == TargetStatus::NotTls));
    BOOST_TEST(result.error().detail.rfind("expected an SMTP greeting, got '* OK", 0) == 0);
}

BOOST_AUTO_TEST_CASE(a_silent_server_times_out_within_the_deadline) {
    Context context;
    lab::ServerSpec spec;
    spec.behaviour = lab::Behaviour::Silent;
    lab::LoopbackServer server(spec);
    for (const auto protocol : {StartTls::Smtp, StartTls::Ldap}) {
        auto socket = connect_to(server, context);
        const auto started = std::chrono::steady_clock::now();
        const auto result = negotiate(socket.fd(), protocol, context, 400ms);
        const auto elapsed = std::chrono::steady_clock::now() - started;
        BOOST_TEST_REQUIRE(!result.has_value());
        BOOST_TEST((result.error().status == TargetStatus::Timeout));
        BOOST_TEST(elapsed >= 350ms);
        BOOST_TEST(elapsed < 1'000ms);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(scripted_peers)

BOOST_AUTO_TEST_CASE(smtp_sends_ehlo_and_starttls_and_stops_at_the_last_reply_line) {
    Context context;
    ScriptedPeer peer(
        "220-mx.example ESMTP\r\n220 second greeting line\r\n"
        "250-mx.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 STARTTLS\r\n"
        "220 2.0.0 Ready\r\n\x16\x03\x01");
    const auto result = negotiate(peer.client, StartTls::Smtp, context);
    BOOST_TEST_REQUIRE(result.has_value(), (result ? "" : result.error().detail));
    BOOST_TEST(ScriptedPeer::pending(peer.server) == "EHLO client.test\r\nSTARTTLS\r\n");
    BOOST_TEST(ScriptedPeer::pending(peer.client) == "\x16\x03\x01");
}

BOOST_AUTO_TEST_CASE(ftp_multi_line_banner_with_free_text_lines) {
    Context context;
    ScriptedPeer peer("220-Welcome\r\n  any text here\r\n220-more\r\n220 ready\r\n234 go\r\nTLS");
    const auto result = negotiate(peer.client, StartTls::Ftp, context);
    BOOST_TEST_REQUIRE(result.has_value(), (result ? "" : result.error().detail));
    BOOST_TEST(ScriptedPeer::pending(peer.server) == "AUTH TLS\r\n");
    BOOST_TEST(ScriptedPeer::pending(peer.client) == "TLS");
}

BOOST_AUTO_TEST_CASE(imap_skips_untagged_lines_before_the_tagged_ok) {
    Context context;
    ScriptedPeer peer("* OK ready\r\n* CAPABILITY IMAP4rev1\r\na1 OK begin\r\nX");
    const auto result = negotiate(peer.client, StartTls::Imap, context);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(ScriptedPeer::pending(peer.server) == "a1 STARTTLS\r\n");
    BOOST_TEST(ScriptedPeer::pending(peer.client) == "X");
}

BOOST_AUTO_TEST_CASE(ldap_sends_the_extended_request_and_reads_exactly_the_response) {
    Context context;
    ScriptedPeer peer(ldap_response(0, "") + "\x16\x03");
    const auto result = negotiate(peer.client, StartTls::Ldap, context);
    BOOST_TEST_REQUIRE(result.has_value(), (result ? "" : result.error().detail));
    const std::string request = ScriptedPeer::pending(peer.server);
    const std::string expected =
        std::string("\x30\x1d\x02\x01\x01\x77\x18\x80\x16", 9) + "1.3.6.1.4.1.1466.20037";
    BOOST_TEST(request == expected);
    BOOST_TEST(ScriptedPeer::pending(peer.client) == "\x16\x03");
}

BOOST_AUTO_TEST_CASE(ldap_notice_of_disconnection_and_truncated_ber_are_protocol_errors) {
    Context context;
    {
        ScriptedPeer peer(ldap_response(52, "unavailable", 0));
        const auto result = negotiate(peer.client, StartTls::Ldap, context);
        BOOST_TEST_REQUIRE(!result.has_value());
        BOOST_TEST((result.error().status == TargetStatus::ProtocolError));
        BOOST_TEST(result.error().detail.find("notice of disconnection") != std::string::npos);
    }
    {
        // A SEQUENCE claiming 5 bytes whose content is an INTEGER claiming 100.
        ScriptedPeer peer(std::string("\x30\x05\x02\x64\x01\x01\x01", 7));
        const auto result = negotiate(peer.client, StartTls::Ldap, context);
        BOOST_TEST_REQUIRE(!result.has_value());
        BOOST_TEST((result.error().status == TargetStatus::ProtocolError));
    }
    {
        // A length over the 8 KiB budget is refused before any read of the body.
        ScriptedPeer peer(std::string("\x30\x82\xff\xff", 4));
        const auto result = negotiate(peer.client, StartTls::Ldap, context, 300ms);
        BOOST_TEST_REQUIRE(!result.has_value());
        BOOST_TEST((result.error().status == TargetStatus::ProtocolError));
    }
}

BOOST_AUTO_TEST_CASE(an_endless_multi_line_reply_stops_at_the_line_cap) {
    Context context;
    std::string script = "220 hi\r\n";
    for (int i = 0; i < 200; ++i) {
        script += "250-EXTENSION\r\n";
    }
    ScriptedPeer peer(script);
    const auto result = negotiate(peer.client, StartTls::Smtp, context);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST((result.error().status == TargetStatus::ProtocolError));
    BOOST_TEST(result.error().detail.find("more than 64 lines") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_overlong_line_is_refused_and_quoted_printably) {
    Context context;
    std::string script = "220 ";
    script += std::string(2000, 'A');
    ScriptedPeer peer(script);
    const auto result = negotiate(peer.client, StartTls::Smtp, context);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST((result.error().status == TargetStatus::ProtocolError));
    BOOST_TEST(result.error().detail.find("longer than 1024 bytes") != std::string::npos);
    BOOST_TEST(result.error().detail.size() < 200U);
}

BOOST_AUTO_TEST_CASE(binary_garbage_greeting_is_not_tls_with_printable_detail) {
    Context context;
    ScriptedPeer peer(std::string("\x16\x03\x01\x00\x05garbage\r\n", 14));
    const auto result = negotiate(peer.client, StartTls::Pop3, context);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST((result.error().status == TargetStatus::NotTls));
    BOOST_TEST(result.error().detail == "expected a POP3 greeting, got '.....garbage'");
}

BOOST_AUTO_TEST_CASE(a_peer_closing_mid_dialogue_is_a_protocol_error) {
    Context context;
    ScriptedPeer peer("220 hi\r\n250-partial\r\n");
    peer.hang_up();
    const auto result = negotiate(peer.client, StartTls::Smtp, context);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST((result.error().status == TargetStatus::ProtocolError));
    BOOST_TEST(result.error().detail.find("closed the connection") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(smtp_greeting_refusal_is_a_protocol_error) {
    Context context;
    ScriptedPeer peer("554 5.3.2 no service\r\n");
    const auto result = negotiate(peer.client, StartTls::Smtp, context);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST((result.error().status == TargetStatus::ProtocolError));
    BOOST_TEST(result.error().detail == "SMTP session refused: 554 5.3.2 no service");
}

BOOST_AUTO_TEST_CASE(a_trickling_peer_is_cut_by_the_deadline) {
    Context context;
    ScriptedPeer peer("220 hi");  // no line end, ever
    const auto started = std::chrono::steady_clock::now();
    const auto result = negotiate(peer.client, StartTls::Smtp, context, 300ms);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST((result.error().status == TargetStatus::Timeout));
    BOOST_TEST((std::chrono::steady_clock::now() - started < 1'000ms));
}

BOOST_AUTO_TEST_CASE(none_does_no_io) {
    Context context;
    ScriptedPeer peer("220 hi\r\n");
    BOOST_TEST(negotiate(peer.client, StartTls::None, context).has_value());
    BOOST_TEST(ScriptedPeer::pending(peer.client) == "220 hi\r\n");
}

BOOST_AUTO_TEST_SUITE_END()
