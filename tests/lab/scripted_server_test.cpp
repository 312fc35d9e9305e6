// The scripted lab server answers hellos the way old and odd servers do and misbehaves on
// demand: driven with raw sockets, our own ClientHello builder and our own reply parsers.
#define BOOST_TEST_MODULE scripted_server
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/client_hello.h"
#include "checks/tls/record_reader.h"
#include "checks/tls/server_flight.h"
#include "checks/tls/server_hello.h"
#include "tests/lab/client_hello_parser.h"
#include "tests/lab/lab_config.h"
#include "tests/lab/scripted_tls_server.h"
#include "tests/lab/server_flight.h"

using namespace attt::lab;
namespace tls = attt::tls;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

/// One self-signed RSA 2048 leaf for every server of this test (key generation is slow).
const std::vector<std::vector<std::uint8_t>>& test_chain() {
    static const std::vector<std::vector<std::uint8_t>> chain{
        make_self_signed_der("scripted.test")};
    return chain;
}

ScriptedSpec spec_with(std::vector<std::uint16_t> versions, std::vector<std::uint16_t> suites) {
    ScriptedSpec spec;
    spec.versions = std::move(versions);
    spec.suites = std::move(suites);
    spec.certificate_chain = test_chain();
    return spec;
}

class Connection {
public:
    explicit Connection(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("cannot connect to the scripted server");
        }
    }

    ~Connection() { ::close(fd_); }

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void send(const std::vector<std::uint8_t>& bytes) const {
        BOOST_REQUIRE(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
                      static_cast<ssize_t>(bytes.size()));
    }

    /// Reads until `enough(received)` holds, the peer closes or resets, or `timeout` passes.
    template <class Enough>
    std::vector<std::uint8_t> read(Enough enough, std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        while (!enough(received_) && !closed_ && !reset_) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) {
                break;
            }
            pollfd poll_fd{fd_, POLLIN, 0};
            if (::poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) {
                continue;
            }
            std::uint8_t chunk[65536];
            const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n > 0) {
                received_.insert(received_.end(), chunk, chunk + n);
            } else if (n == 0) {
                closed_ = true;
            } else if (errno == ECONNRESET) {
                reset_ = true;
            } else if (errno != EINTR && errno != EAGAIN) {
                closed_ = true;
            }
        }
        return received_;
    }

    /// Reads until the first reply can be classified (or the peer stops).
    tls::ServerReply reply(std::chrono::milliseconds timeout = 3000ms) {
        const auto bytes = read(
            [](const std::vector<std::uint8_t>& b) {
                return tls::parse_server_reply(b).kind != tls::ReplyKind::Incomplete;
            },
            timeout);
        return tls::parse_server_reply(bytes);
    }

    bool closed() const { return closed_; }

    bool reset() const { return reset_; }

    int fd() const { return fd_; }

private:
    int fd_;
    std::vector<std::uint8_t> received_;
    bool closed_ = false;
    bool reset_ = false;
};

tls::ServerReply ask(const ScriptedTlsServer& server, const std::vector<std::uint8_t>& hello) {
    Connection connection(server.port());
    connection.send(hello);
    return connection.reply();
}

tls::ClientHelloSpec hello_spec(std::uint16_t version, std::vector<std::uint16_t> suites) {
    tls::ClientHelloSpec spec;
    spec.version = version;
    spec.cipher_suites = std::move(suites);
    return spec;
}

/// The whole first flight (up to ServerHelloDone) of a TLS <= 1.2 answer.
tls::FlightRead flight_for(const ScriptedTlsServer& server,
                           const tls::ClientHelloSpec& spec,
                           tls::ServerReply& reply) {
    Connection connection(server.port());
    connection.send(tls::build_client_hello(spec));
    reply = connection.reply();
    if (reply.kind != tls::ReplyKind::ServerHello) {
        return {};
    }
    const auto* suite = tls::find_cipher_suite(reply.server_hello.cipher_suite);
    const auto kind = suite ? tls::key_exchange_kind(*suite) : tls::KeyExchangeKind::None;
    const auto bytes = connection.read(
        [kind](const std::vector<std::uint8_t>& b) {
            return tls::read_server_flight(b, kind).status != tls::FlightStatus::Incomplete;
        },
        3000ms);
    return tls::read_server_flight(bytes, kind);
}

}  // namespace

BOOST_AUTO_TEST_CASE(parses_its_own_client_hello_builder_output) {
    auto spec = hello_spec(tls::kTls12, {0xc02f, 0x0005});
    spec.offer_tls13 = true;
    spec.server_name = "a.lab.test";
    spec.fallback_scsv = true;
    spec.offer_compression = true;
    const auto bytes = tls::build_client_hello(spec);
    const auto read = parse_client_hello(bytes);
    BOOST_TEST_REQUIRE(to_string(read.status) == "complete");
    BOOST_TEST(read.consumed == bytes.size());
    BOOST_TEST(read.hello.client_version == 0x0303);
    BOOST_TEST(read.hello.cipher_suites == (std::vector<std::uint16_t>{0xc02f, 0x0005, 0x5600}),
               boost::test_tools::per_element());
    BOOST_TEST(read.hello.supported_versions == (std::vector<std::uint16_t>{0x0304, 0x0303}),
               boost::test_tools::per_element());
    BOOST_TEST(read.hello.key_share_groups == (std::vector<std::uint16_t>{0x001d}),
               boost::test_tools::per_element());
    BOOST_TEST(read.hello.server_name == "a.lab.test");
    BOOST_TEST(read.hello.compression_methods.size() == 2U);
    // Every proper prefix is incomplete, never an error.
    for (std::size_t cut = 1; cut < bytes.size(); cut += 7) {
        const auto prefix = parse_client_hello(std::span(bytes).first(cut));
        BOOST_TEST(to_string(prefix.status) == "incomplete");
    }
    const std::vector<std::uint8_t> http{'G', 'E', 'T', ' ', '/'};
    BOOST_TEST(to_string(parse_client_hello(http).status) == "not a ClientHello");
}

BOOST_AUTO_TEST_CASE(parses_sslv2_client_hello) {
    const std::vector<std::uint32_t> kinds{0x010080, 0x0700c0};
    const auto read = parse_client_hello(tls::build_sslv2_client_hello(kinds));
    BOOST_TEST_REQUIRE(to_string(read.status) == "complete");
    BOOST_TEST((read.hello.format == HelloFormat::Sslv2));
    BOOST_TEST(read.hello.sslv2_cipher_specs == kinds, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sslv2_hello_gets_server_hello_with_the_common_specs_in_server_order) {
    auto spec = spec_with({kVersionSsl2}, {});
    spec.sslv2_cipher_specs = {0x010080, 0x020080, 0x0700c0};
    ScriptedTlsServer server(spec);
    const std::vector<std::uint32_t> offered{0x0700c0, 0x060040, 0x010080};
    const auto reply = ask(server, tls::build_sslv2_client_hello(offered));
    BOOST_TEST_REQUIRE(tls::to_string(reply.kind) == "SSLv2 SERVER-HELLO");
    BOOST_TEST(reply.sslv2.cipher_specs == (std::vector<std::uint32_t>{0x010080, 0x0700c0}),
               boost::test_tools::per_element());

    spec.server_preference = false;
    ScriptedTlsServer client_order(spec);
    const auto second = ask(client_order, tls::build_sslv2_client_hello(offered));
    BOOST_TEST(second.sslv2.cipher_specs == (std::vector<std::uint32_t>{0x0700c0, 0x010080}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(server_without_sslv2_closes_on_an_sslv2_hello) {
    ScriptedTlsServer server(spec_with({tls::kTls12}, {0x002f}));
    Connection connection(server.port());
    const std::vector<std::uint32_t> offered{0x010080};
    connection.send(tls::build_sslv2_client_hello(offered));
    const auto bytes = connection.read([](const auto&) { return false; }, 3000ms);
    BOOST_TEST(bytes.empty());
    BOOST_TEST(connection.closed());
}

BOOST_AUTO_TEST_CASE(sslv3_only_server_answers_sslv3_and_refuses_tls12_with_alert_70) {
    ScriptedTlsServer server(spec_with({tls::kSsl3}, {0x0005, 0x000a}));
    const auto tls12 = ask(server, tls::build_client_hello(hello_spec(tls::kTls12, {0x0005})));
    BOOST_TEST_REQUIRE(tls::to_string(tls12.kind) == "Alert");
    BOOST_TEST(tls12.alert.description == 70);
    const auto ssl3 =
        ask(server, tls::build_client_hello(hello_spec(tls::kSsl3, {0x000a, 0x0005})));
    BOOST_TEST_REQUIRE(tls::to_string(ssl3.kind) == "ServerHello");
    BOOST_TEST(ssl3.server_hello.version == tls::kSsl3);
    BOOST_TEST(ssl3.server_hello.cipher_suite == 0x0005);
    BOOST_TEST(server.connections() == 2U);
}

BOOST_AUTO_TEST_CASE(downgrade_option_answers_with_the_highest_version_below_the_client) {
    auto spec = spec_with({tls::kTls10}, {0x002f});
    spec.downgrade_to_lower_version = true;
    ScriptedTlsServer server(spec);
    const auto reply = ask(server, tls::build_client_hello(hello_spec(tls::kTls12, {0x002f})));
    BOOST_TEST_REQUIRE(tls::to_string(reply.kind) == "ServerHello");
    BOOST_TEST(reply.server_hello.version == tls::kTls10);
}

BOOST_AUTO_TEST_CASE(server_preference_decides_between_server_and_client_order) {
    const std::vector<std::uint16_t> server_order{0x0005, 0x000a, 0x002f};
    const auto hello = tls::build_client_hello(hello_spec(tls::kTls12, {0x002f, 0x000a, 0x0005}));
    ScriptedTlsServer preferring(spec_with({tls::kTls12}, server_order));
    BOOST_TEST(ask(preferring, hello).server_hello.cipher_suite == 0x0005);
    auto spec = spec_with({tls::kTls12}, server_order);
    spec.server_preference = false;
    ScriptedTlsServer following(spec);
    BOOST_TEST(ask(following, hello).server_hello.cipher_suite == 0x002f);
    // No common suite: handshake_failure.
    const auto none = ask(following, tls::build_client_hello(hello_spec(tls::kTls12, {0x009c})));
    BOOST_TEST_REQUIRE(tls::to_string(none.kind) == "Alert");
    BOOST_TEST(none.alert.description == 40);
}

BOOST_AUTO_TEST_CASE(legacy_suites_are_chosen_with_their_key_exchange) {
    // RC4, EXPORT (RSA_EXPORT key exchange), NULL and anonymous DH, one at a time.
    auto spec = spec_with({tls::kTls10}, {0x0005, 0x0003, 0x0002, 0x0018, 0x0014});
    spec.export_rsa_bits = 512;
    spec.dh_bits = 1024;
    ScriptedTlsServer server(spec);
    tls::ServerReply reply;

    auto rc4 = flight_for(server, hello_spec(tls::kTls10, {0x0005}), reply);
    BOOST_TEST(reply.server_hello.cipher_suite == 0x0005);
    BOOST_TEST_REQUIRE((rc4.status == tls::FlightStatus::Complete));
    BOOST_TEST(rc4.flight.certificates.size() == 1U);
    BOOST_TEST((rc4.flight.certificates.front() == test_chain().front()));

    auto export_flight = flight_for(server, hello_spec(tls::kTls10, {0x0003}), reply);
    BOOST_TEST(reply.server_hello.cipher_suite == 0x0003);
    BOOST_TEST_REQUIRE((export_flight.status == tls::FlightStatus::Complete));
    BOOST_TEST(export_flight.flight.export_rsa_bits == 512);

    flight_for(server, hello_spec(tls::kTls10, {0x0002}), reply);
    BOOST_TEST(reply.server_hello.cipher_suite == 0x0002);

    auto anon = flight_for(server, hello_spec(tls::kTls10, {0x0018}), reply);
    BOOST_TEST(reply.server_hello.cipher_suite == 0x0018);
    BOOST_TEST_REQUIRE((anon.status == tls::FlightStatus::Complete));
    BOOST_TEST(anon.flight.certificates.empty());  // anonymous: no Certificate message
    BOOST_TEST(anon.flight.dh_prime_bits == 1024);

    auto dhe_export = flight_for(server, hello_spec(tls::kTls10, {0x0014}), reply);
    BOOST_TEST_REQUIRE((dhe_export.status == tls::FlightStatus::Complete));
    BOOST_TEST(dhe_export.flight.dh_prime_bits == 1024);
}

BOOST_AUTO_TEST_CASE(aead_and_sha256_suites_only_from_tls12) {
    ScriptedTlsServer server(spec_with({tls::kTls11, tls::kTls12}, {0x009c, 0x003c, 0x002f}));
    const auto tls11 =
        ask(server, tls::build_client_hello(hello_spec(tls::kTls11, {0x009c, 0x003c, 0x002f})));
    BOOST_TEST(tls11.server_hello.version == tls::kTls11);
    BOOST_TEST(tls11.server_hello.cipher_suite == 0x002f);
    const auto tls12 =
        ask(server, tls::build_client_hello(hello_spec(tls::kTls12, {0x002f, 0x003c, 0x009c})));
    BOOST_TEST(tls12.server_hello.cipher_suite == 0x009c);
}

BOOST_AUTO_TEST_CASE(ecdhe_needs_a_common_group) {
    auto spec = spec_with({tls::kTls12}, {0xc013, 0x002f});
    spec.groups = {0x0018};
    ScriptedTlsServer server(spec);
    auto hello = hello_spec(tls::kTls12, {0xc013, 0x002f});
    hello.supported_groups = {0x001d};
    BOOST_TEST(ask(server, tls::build_client_hello(hello)).server_hello.cipher_suite == 0x002f);
    hello.supported_groups = {0x001d, 0x0018};
    tls::ServerReply reply;
    const auto flight = flight_for(server, hello, reply);
    BOOST_TEST(reply.server_hello.cipher_suite == 0xc013);
    BOOST_TEST(flight.flight.ecdh_group == 0x0018);
}

BOOST_AUTO_TEST_CASE(tls13_server_hello_or_hello_retry_request) {
    auto spec = spec_with({tls::kTls12, tls::kTls13}, {0x1302, 0x1301, 0xc02f});
    ScriptedTlsServer x25519_first(spec);
    auto hello = hello_spec(tls::kTls12, {0x1301, 0x1302, 0xc02f});
    hello.offer_tls13 = true;
    const auto direct = ask(x25519_first, tls::build_client_hello(hello));
    BOOST_TEST_REQUIRE(tls::to_string(direct.kind) == "ServerHello");
    BOOST_TEST(direct.server_hello.version == tls::kTls13);
    BOOST_TEST(direct.server_hello.cipher_suite == 0x1302);
    BOOST_TEST(direct.server_hello.key_share_group == 0x001d);
    BOOST_TEST(!direct.server_hello.hello_retry_request);

    spec.groups = {0x0018, 0x0017};
    ScriptedTlsServer p384_first(spec);
    const auto retry = ask(p384_first, tls::build_client_hello(hello));
    BOOST_TEST_REQUIRE(tls::to_string(retry.kind) == "ServerHello");
    BOOST_TEST(retry.server_hello.hello_retry_request);
    BOOST_TEST(retry.server_hello.key_share_group == 0x0018);

    spec.server_preference = false;
    ScriptedTlsServer client_order(spec);
    hello.supported_groups = {0x001d, 0x0017, 0x0018};
    hello.key_share = false;
    const auto retry_client = ask(client_order, tls::build_client_hello(hello));
    BOOST_TEST(retry_client.server_hello.hello_retry_request);
    BOOST_TEST(retry_client.server_hello.key_share_group == 0x0017);
    BOOST_TEST(retry_client.server_hello.cipher_suite == 0x1301);

    // TLS 1.3 suites only in TLS 1.3, and nothing else there, whatever the preference.
    ScriptedTlsServer mixed(spec_with({tls::kTls12, tls::kTls13}, {0xc02f, 0x1301}));
    auto both = hello_spec(tls::kTls12, {0xc02f, 0x1301});
    both.offer_tls13 = true;
    const auto mixed13 = ask(mixed, tls::build_client_hello(both));
    BOOST_TEST(mixed13.server_hello.version == tls::kTls13);
    BOOST_TEST(mixed13.server_hello.cipher_suite == 0x1301);
    ScriptedTlsServer mixed12(spec_with({tls::kTls12}, {0x1301, 0xc02f}));
    const auto only12 =
        ask(mixed12, tls::build_client_hello(hello_spec(tls::kTls12, {0x1301, 0xc02f})));
    BOOST_TEST(only12.server_hello.cipher_suite == 0xc02f);

    // A TLS 1.2-only server answers the same hello with TLS 1.2.
    ScriptedTlsServer tls12(spec_with({tls::kTls12}, {0xc02f}));
    hello.supported_groups = tls::default_supported_groups();
    const auto old = ask(tls12, tls::build_client_hello(hello));
    BOOST_TEST(old.server_hello.version == tls::kTls12);
    BOOST_TEST(old.server_hello.cipher_suite == 0xc02f);
}

BOOST_AUTO_TEST_CASE(fallback_scsv_below_the_highest_version_gets_alert_86) {
    ScriptedTlsServer server(spec_with({tls::kTls11, tls::kTls12}, {0x002f}));
    auto hello = hello_spec(tls::kTls11, {0x002f});
    hello.fallback_scsv = true;
    const auto fallback = ask(server, tls::build_client_hello(hello));
    BOOST_TEST_REQUIRE(tls::to_string(fallback.kind) == "Alert");
    BOOST_TEST(fallback.alert.description == 86);
    hello.version = tls::kTls12;
    BOOST_TEST(tls::to_string(ask(server, tls::build_client_hello(hello)).kind) == "ServerHello");

    auto spec = spec_with({tls::kTls11, tls::kTls12}, {0x002f});
    spec.fallback_scsv = false;
    ScriptedTlsServer ignoring(spec);
    hello.version = tls::kTls11;
    BOOST_TEST(ask(ignoring, tls::build_client_hello(hello)).server_hello.version == tls::kTls11);
}

BOOST_AUTO_TEST_CASE(extensions_follow_the_spec) {
    auto spec = spec_with({tls::kTls12}, {0x002f});
    spec.compression = true;
    spec.session_ticket = true;
    spec.status_request = true;
    spec.heartbeat = true;
    ScriptedTlsServer server(spec);
    auto hello = hello_spec(tls::kTls12, {0x002f});
    hello.offer_compression = true;
    hello.session_ticket = true;
    hello.status_request = true;
    hello.heartbeat = true;
    hello.empty_renegotiation_info_scsv = true;
    const auto reply = ask(server, tls::build_client_hello(hello));
    BOOST_TEST_REQUIRE(tls::to_string(reply.kind) == "ServerHello");
    BOOST_TEST(reply.server_hello.compression_method == 1);
    BOOST_TEST(reply.server_hello.secure_renegotiation);
    BOOST_TEST(reply.server_hello.has_extension(tls::kExtSessionTicketId));
    BOOST_TEST(reply.server_hello.has_extension(tls::kExtStatusRequestId));
    BOOST_TEST(reply.server_hello.has_extension(tls::kExtHeartbeatId));
    BOOST_TEST(reply.server_hello.session_id.size() == 32U);

    auto plain = spec_with({tls::kTls12}, {0x002f});
    plain.secure_renegotiation = false;
    plain.session_id = false;
    ScriptedTlsServer bare(plain);
    const auto second = ask(bare, tls::build_client_hello(hello));
    BOOST_TEST(second.server_hello.compression_method == 0);
    BOOST_TEST(!second.server_hello.secure_renegotiation);
    BOOST_TEST(second.server_hello.extensions.empty());
    BOOST_TEST(second.server_hello.session_id.empty());
}

namespace {

/// Sends a TLS 1.0 hello, reads the flight, then a heartbeat request claiming `claimed` bytes
/// with one byte of payload; returns the bytes of heartbeat records received within 2 s.
std::size_t heartbeat_bytes(const ScriptedTlsServer& server, std::uint16_t claimed) {
    Connection connection(server.port());
    auto hello = hello_spec(tls::kTls10, {0x002f});
    hello.heartbeat = true;
    connection.send(tls::build_client_hello(hello));
    const auto flight = connection.read(
        [](const std::vector<std::uint8_t>& b) {
            return tls::read_server_flight(b, tls::KeyExchangeKind::None).status !=
                   tls::FlightStatus::Incomplete;
        },
        3000ms);
    const std::size_t flight_size = flight.size();
    const std::vector<std::uint8_t> request{24,
                                            0x03,
                                            0x01,
                                            0x00,
                                            0x04,
                                            0x01,
                                            static_cast<std::uint8_t>(claimed >> 8U),
                                            static_cast<std::uint8_t>(claimed & 0xffU),
                                            'x'};
    connection.send(request);
    const auto all = connection.read(
        [&](const std::vector<std::uint8_t>& b) {
            return b.size() >= flight_size + 5U + 3U + claimed + 16U;
        },
        2000ms);
    std::size_t heartbeat = 0;
    std::span<const std::uint8_t> rest = std::span(all).subspan(flight_size);
    while (!rest.empty()) {
        const auto record = tls::read_record(rest);
        if (record.status != tls::ReadStatus::Complete) {
            break;
        }
        if (record.record.type == tls::ContentType::Heartbeat) {
            heartbeat += record.record.fragment.size();
        }
        rest = rest.subspan(record.consumed);
    }
    return heartbeat;
}

}  // namespace

BOOST_AUTO_TEST_CASE(heartbleed_server_answers_an_overlong_heartbeat_with_the_claimed_length) {
    auto spec = spec_with({tls::kTls10}, {0x002f});
    spec.heartbeat = true;
    spec.heartbleed = true;
    ScriptedTlsServer bleeding(spec);
    BOOST_TEST(heartbeat_bytes(bleeding, 0x4000) == 3U + 0x4000U + 16U);

    spec.heartbleed = false;
    ScriptedTlsServer patched(spec);
    BOOST_TEST(heartbeat_bytes(patched, 0x4000) == 0U);
}

BOOST_AUTO_TEST_CASE(misbehaviour_garbage_reset_silent_are_observable) {
    const auto hello = tls::build_client_hello(hello_spec(tls::kTls12, {0x002f}));
    auto spec = spec_with({tls::kTls12}, {0x002f});
    spec.misbehaviour = Misbehaviour::Garbage;
    {
        ScriptedTlsServer server(spec);
        Connection connection(server.port());
        connection.send(hello);
        const auto bytes = connection.read([](const auto&) { return false; }, 3000ms);
        BOOST_TEST(bytes.size() == 64U);
        BOOST_TEST(tls::to_string(tls::parse_server_reply(bytes).kind) == "not TLS");
    }
    spec.misbehaviour = Misbehaviour::Reset;
    {
        ScriptedTlsServer server(spec);
        Connection connection(server.port());
        connection.send(hello);
        const auto bytes = connection.read([](const auto&) { return false; }, 3000ms);
        BOOST_TEST(bytes.empty());
        BOOST_TEST(connection.reset());
    }
    spec.misbehaviour = Misbehaviour::Silent;
    {
        auto server = std::make_unique<ScriptedTlsServer>(spec);
        Connection connection(server->port());
        connection.send(hello);
        const auto bytes = connection.read([](const auto&) { return false; }, 700ms);
        BOOST_TEST(bytes.empty());
        BOOST_TEST(!connection.closed());
        const auto start = Clock::now();
        server.reset();  // stops a worker that is holding a silent connection
        BOOST_TEST((Clock::now() - start < 1s));
    }
}

BOOST_AUTO_TEST_CASE(misbehaviour_trickle_sends_one_byte_every_100_ms) {
    auto spec = spec_with({tls::kTls12}, {0x002f});
    spec.misbehaviour = Misbehaviour::Trickle;
    ScriptedTlsServer server(spec);
    Connection connection(server.port());
    connection.send(tls::build_client_hello(hello_spec(tls::kTls12, {0x002f})));
    const auto bytes = connection.read([](const auto&) { return false; }, 1000ms);
    BOOST_TEST(bytes.size() >= 5U);
    BOOST_TEST(bytes.size() <= 14U);
    BOOST_TEST(tls::to_string(tls::parse_server_reply(bytes).kind) == "incomplete");
}

BOOST_AUTO_TEST_CASE(misbehaviour_oversized_and_truncated_records) {
    const auto hello = tls::build_client_hello(hello_spec(tls::kTls12, {0x002f}));
    auto spec = spec_with({tls::kTls12}, {0x002f});
    spec.misbehaviour = Misbehaviour::OversizedRecord;
    {
        ScriptedTlsServer server(spec);
        Connection connection(server.port());
        connection.send(hello);
        const auto bytes = connection.read([](const auto&) { return false; }, 3000ms);
        BOOST_TEST_REQUIRE(bytes.size() >= 5U);
        BOOST_TEST(bytes[3] == 0xff);
        BOOST_TEST(bytes[4] == 0xff);
        BOOST_TEST(bytes.size() == 5U + 0xffffU);
        BOOST_TEST(tls::to_string(tls::parse_server_reply(bytes).kind) == "malformed");
    }
    spec.misbehaviour = Misbehaviour::TruncatedRecord;
    {
        ScriptedTlsServer server(spec);
        Connection connection(server.port());
        connection.send(hello);
        const auto bytes = connection.read([](const auto&) { return false; }, 3000ms);
        BOOST_TEST(bytes.size() == 25U);
        BOOST_TEST(bytes[4] == 200);
        BOOST_TEST(connection.closed());
        BOOST_TEST(tls::to_string(tls::parse_server_reply(bytes).kind) == "incomplete");
    }
}

BOOST_AUTO_TEST_CASE(misbehaviour_many_extensions_is_framed_across_records) {
    auto spec = spec_with({tls::kTls12}, {0x002f});
    spec.misbehaviour = Misbehaviour::ManyExtensions;
    ScriptedTlsServer server(spec);
    Connection connection(server.port());
    connection.send(tls::build_client_hello(hello_spec(tls::kTls12, {0x002f})));
    const auto reply = connection.reply();
    BOOST_TEST_REQUIRE(tls::to_string(reply.kind) == "ServerHello");
    BOOST_TEST(reply.server_hello.extensions.size() == 5000U);
    BOOST_TEST(reply.server_hello.cipher_suite == 0x002f);
}

BOOST_AUTO_TEST_CASE(misbehaviour_endless_hello_retry_repeats_until_the_client_leaves) {
    auto spec = spec_with({tls::kTls12, tls::kTls13}, {0x1301});
    spec.misbehaviour = Misbehaviour::EndlessHelloRetry;
    ScriptedTlsServer server(spec);
    Connection connection(server.port());
    auto hello = hello_spec(tls::kTls12, {0x1301});
    hello.offer_tls13 = true;
    connection.send(tls::build_client_hello(hello));
    const auto bytes = connection.read([](const auto&) { return false; }, 500ms);
    std::size_t retries = 0;
    std::span<const std::uint8_t> rest(bytes);
    while (!rest.empty()) {
        const auto record = tls::read_record(rest);
        if (record.status != tls::ReadStatus::Complete) {
            break;
        }
        const auto body = record.record.fragment.subspan(4);
        if (tls::parse_server_hello_body(body).server_hello.hello_retry_request) {
            ++retries;
        }
        rest = rest.subspan(record.consumed);
    }
    BOOST_TEST(retries >= 10U);
    BOOST_TEST(retries <= 60U);
}

BOOST_AUTO_TEST_CASE(counts_connections_and_binds_loopback_only) {
    ScriptedTlsServer server(spec_with({tls::kTls12}, {0x002f}));
    for (int i = 0; i < 3; ++i) {
        ask(server, tls::build_client_hello(hello_spec(tls::kTls12, {0x002f})));
    }
    { Connection idle(server.port()); }
    const auto deadline = Clock::now() + 2s;
    while (server.connections() < 4U && Clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    BOOST_TEST(server.connections() == 4U);

    for (const char* address : {"0.0.0.0", "192.0.2.1", "::", "localhost"}) {
        auto spec = spec_with({tls::kTls12}, {0x002f});
        spec.bind_address = address;
        BOOST_CHECK_THROW(ScriptedTlsServer refused(spec), std::invalid_argument);
    }
    BOOST_CHECK_THROW(ScriptedTlsServer no_suites(spec_with({tls::kTls12}, {})),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(built_in_certificate_is_sent_when_no_chain_is_given) {
    ScriptedSpec spec;
    spec.versions = {tls::kTls12};
    spec.suites = {0x002f};
    ScriptedTlsServer server(spec);
    tls::ServerReply reply;
    const auto flight = flight_for(server, hello_spec(tls::kTls12, {0x002f}), reply);
    BOOST_TEST_REQUIRE((flight.status == tls::FlightStatus::Complete));
    BOOST_TEST(flight.flight.certificates.size() == 1U);
}

namespace {

struct TempFile {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("attt-scripted-" + std::to_string(::getpid()) + ".json");

    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }

    std::string load_error(const std::string& text) const {
        std::ofstream(path, std::ios::binary) << text;
        try {
            load_lab_config(path.string());
        } catch (const std::exception& e) {
            return e.what();
        }
        return {};
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(lab_json_reads_a_scripted_endpoint) {
    TempFile file;
    std::ofstream(file.path, std::ios::binary) << R"({"endpoints": [{
        "name": "legacy.lab.test", "port": 4433, "behaviour": "scripted",
        "certificate": {"key": "rsa2048"},
        "scripted": {"protocols": ["SSLv2", "SSLv3", "TLSv1"],
                     "suites": ["TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "AES128-SHA", "0x000A"],
                     "sslv2_cipher_specs": ["SSL_CK_RC4_128_WITH_MD5", "0x0700C0"],
                     "groups": ["secp256r1", "0x001d"],
                     "server_preference": false, "compression": true, "heartbleed": true,
                     "heartbeat": true, "dh_bits": 1024, "misbehaviour": "none"}}]})";
    const auto config = load_lab_config(file.path.string());
    BOOST_TEST_REQUIRE(config.endpoints.size() == 1U);
    const auto& endpoint = config.endpoints.front();
    BOOST_TEST(endpoint.scripted);
    const auto& script = endpoint.script;
    BOOST_TEST(script.versions == (std::vector<std::uint16_t>{0x0002, 0x0300, 0x0301}),
               boost::test_tools::per_element());
    BOOST_TEST(script.suites == (std::vector<std::uint16_t>{0x0004, 0x0003, 0x002f, 0x000a}),
               boost::test_tools::per_element());
    BOOST_TEST(script.sslv2_cipher_specs == (std::vector<std::uint32_t>{0x010080, 0x0700c0}),
               boost::test_tools::per_element());
    BOOST_TEST(script.groups == (std::vector<std::uint16_t>{0x0017, 0x001d}),
               boost::test_tools::per_element());
    BOOST_TEST(!script.server_preference);
    BOOST_TEST(script.compression);
    BOOST_TEST(script.heartbleed);
    BOOST_TEST(script.dh_bits == 1024);
}

BOOST_AUTO_TEST_CASE(lab_json_rejects_bad_scripted_endpoints) {
    TempFile file;
    const std::string head =
        R"({"endpoints": [{"name": "x.lab.test", "port": 4433, "behaviour": "scripted", )";
    BOOST_TEST(
        file.load_error(
                head +
                R"("scripted": {"protocols": ["TLSv1.2"], "suites": ["0x002f"], "colour": 1}}]})")
            .find("unknown key 'colour'") != std::string::npos);
    BOOST_TEST(
        file.load_error(head +
                        R"("scripted": {"protocols": ["TLSv1.2"], "suites": ["TLS_NO_SUCH"]}}]})")
            .find("unknown cipher suite 'TLS_NO_SUCH'") != std::string::npos);
    BOOST_TEST(file.load_error(head + R"("scripted": {"protocols": ["TLSv1.2"]}}]})")
                   .find("needs at least one suite") != std::string::npos);
    BOOST_TEST(
        file.load_error(
                head +
                R"("scripted": {"protocols": ["TLSv1.2"], "suites": ["0x002f"], "misbehaviour": "rude"}}]})")
            .find("unknown value 'rude'") != std::string::npos);
    BOOST_TEST(file.load_error(head + "\"port\": 1}]}").find("") != std::string::npos);
    BOOST_TEST(file.load_error(R"({"endpoints": [{"name": "x", "port": 1, "scripted": {}}]})")
                   .find("only for behaviour") != std::string::npos);
    BOOST_TEST(
        file.load_error(head + R"("scripted": {"protocols": ["SSLv2"], "suites": ["0x002f"]}}]})")
            .find("SSLv2 needs at least one cipher spec") != std::string::npos);
}
