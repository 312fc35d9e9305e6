// The HTTPS probe and the plain-HTTP collector against the loopback lab on 127.0.0.1: headers
// configured on a TLS server come back as a summary in exactly one connection; redirects,
// plain answers, silence and refusals give the right facts or status within the deadline.
// NOLINTNEXTLINE(readability-identifier-naming): the name Boost.Test expects
#define BOOST_TEST_MODULE http_probe
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>

#include <boost/test/unit_test.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include "auditor/core/clock.h"
#include "auditor/core/run_context.h"
#include "auditor/plan/target.h"
#include "checks/http/http_collector.h"
#include "checks/http/https_probe.h"
#include "tests/lab/certificate_authority.h"
#include "tests/lab/loopback_server.h"

namespace {

using attt::TargetStatus;
using attt::inventory::Endpoint;
using namespace std::chrono_literals;
namespace lab = attt::lab;
namespace http = attt::http;

struct Context {
    spdlog::logger log{"test", std::make_shared<spdlog::sinks::null_sink_mt>()};
    attt::SystemClock clock;
    attt::RunContext run{log, clock, {}, {}, nullptr};

    Context() {
        run.deadlines.connect = 2'000ms;
        run.deadlines.handshake = 1'000ms;
    }
};

const lab::Credentials& lab_credentials() {
    static const auto credentials = [] {
        const auto ca = lab::CertificateAuthority::create("ATTT HTTP Test CA");
        lab::CertificateSpec spec;
        spec.common_name = "portal.lab.test";
        spec.dns_names = {"portal.lab.test"};
        spec.ip_addresses = {"127.0.0.1"};
        return ca.issue(spec);
    }();
    return credentials;
}

Endpoint endpoint_at(std::uint16_t port, std::string service, std::string sni = {}) {
    Endpoint endpoint;
    endpoint.host = "127.0.0.1";
    endpoint.port = port;
    endpoint.service = std::move(service);
    endpoint.sni = std::move(sni);
    return endpoint;
}

lab::ServerSpec spec_of(lab::Behaviour behaviour) {
    lab::ServerSpec spec;
    spec.behaviour = behaviour;
    if (behaviour == lab::Behaviour::Tls) {
        spec.credentials = lab_credentials();
    }
    return spec;
}

attt::collect::CollectionResult collect_http(const Endpoint& endpoint, const Context& context) {
    attt::plan::Target target;
    target.kind = attt::TargetKind::HttpEndpoint;
    target.endpoint = endpoint;
    return http::HttpCollector{}.collect(target, context.run);
}

const attt::FactValue& value_of(const attt::collect::CollectionResult& result,
                                const std::string& name) {
    const attt::Fact* fact = result.facts.find(name);
    BOOST_TEST_REQUIRE(fact != nullptr, "fact " << name << " is missing");
    return fact->value;
}

/// A port on 127.0.0.1 nobody listens on: bound, then closed.
std::uint16_t closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(https_probe)

BOOST_AUTO_TEST_CASE(reads_configured_headers_in_one_connection) {
    auto spec = spec_of(lab::Behaviour::Tls);
    spec.http_headers = {{"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
                         {"Server", "nginx/1.18.0"},
                         {"Set-Cookie", "sid=abc; Secure; HttpOnly; SameSite=Strict"},
                         {"Set-Cookie", "theme=dark"},
                         {"X-Frame-Options", "SAMEORIGIN"},
                         {"X-Content-Type-Options", "nosniff"},
                         {"Referrer-Policy", "strict-origin"},
                         {"Content-Security-Policy", "default-src 'self'"}};
    lab::LoopbackServer server(spec);
    Context context;

    const auto summary =
        http::probe_https(endpoint_at(server.port(), "https", "portal.lab.test"), context.run);

    BOOST_TEST_REQUIRE(summary.error.empty(), summary.error);
    BOOST_TEST(summary.status == 200);
    BOOST_TEST(summary.status_line == "HTTP/1.1 200 OK");
    BOOST_TEST_REQUIRE(summary.hsts_max_age.has_value());
    BOOST_TEST(*summary.hsts_max_age == 31536000L);
    BOOST_TEST(summary.hsts_include_subdomains);
    BOOST_TEST(summary.server == "nginx/1.18.0");
    BOOST_TEST(summary.server_discloses_version);
    BOOST_TEST(summary.cookies == 2);
    BOOST_TEST(summary.cookies_without_secure == 1);
    BOOST_TEST(summary.x_frame_options == "SAMEORIGIN");
    BOOST_TEST(summary.x_content_type_options == "nosniff");
    BOOST_TEST(summary.referrer_policy == "strict-origin");
    BOOST_TEST(summary.content_security_policy == "default-src 'self'");
    BOOST_TEST(server.connections() == 1U);
}

BOOST_AUTO_TEST_CASE(a_bare_server_has_no_security_headers) {
    lab::LoopbackServer server(spec_of(lab::Behaviour::Tls));
    Context context;
    const auto summary = http::probe_https(endpoint_at(server.port(), "https"), context.run);
    BOOST_TEST_REQUIRE(summary.error.empty(), summary.error);
    BOOST_TEST(summary.status == 200);
    BOOST_TEST(!summary.hsts_max_age.has_value());
    BOOST_TEST(summary.server.empty());
    BOOST_TEST(summary.cookies == 0);
    BOOST_TEST(summary.headers.size() == 3U);  // content-type, content-length, connection
}

BOOST_AUTO_TEST_CASE(a_plain_server_gives_an_error_not_a_status) {
    lab::LoopbackServer server(spec_of(lab::Behaviour::Plain));
    Context context;
    const auto summary = http::probe_https(endpoint_at(server.port(), "https"), context.run);
    BOOST_TEST(summary.status == 0);
    BOOST_TEST(!summary.error.empty());
    BOOST_TEST(server.connections() == 1U);
}

BOOST_AUTO_TEST_CASE(a_silent_server_ends_at_the_deadline) {
    lab::LoopbackServer server(spec_of(lab::Behaviour::Silent));
    Context context;
    const auto started = std::chrono::steady_clock::now();
    const auto summary = http::probe_https(endpoint_at(server.port(), "https"), context.run);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    BOOST_TEST(summary.status == 0);
    BOOST_TEST(summary.error.find("in time") != std::string::npos, summary.error);
    BOOST_TEST(elapsed >= 900ms);
    BOOST_TEST(elapsed < 2'000ms);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(http_collector)

BOOST_AUTO_TEST_CASE(is_registered_for_http_endpoints) {
    const http::HttpCollector collector;
    BOOST_TEST(attt::to_string(collector.kind()) == "http-endpoint");
    BOOST_TEST(collector.name() == "http");
}

BOOST_AUTO_TEST_CASE(a_redirect_to_https_on_the_same_host_is_recorded) {
    lab::LoopbackServer server(spec_of(lab::Behaviour::HttpRedirect));
    Context context;
    for (const std::string sni : {"", "portal.lab.test"}) {
        BOOST_TEST_CONTEXT("sni '" << sni << "'") {
            const auto result = collect_http(endpoint_at(server.port(), "http", sni), context);
            BOOST_TEST_REQUIRE((result.status == TargetStatus::Ok), result.detail);
            const std::string host = sni.empty() ? "127.0.0.1" : sni;
            BOOST_TEST(std::get<std::int64_t>(value_of(result, "http.status")) == 301);
            BOOST_TEST(std::get<std::string>(value_of(result, "http.location")) ==
                       "https://" + host + "/");
            BOOST_TEST(std::get<bool>(value_of(result, "http.redirects_to_https")));
        }
    }
    BOOST_TEST(server.connections() == 2U);
}

BOOST_AUTO_TEST_CASE(a_redirect_to_another_host_does_not_count) {
    auto spec = spec_of(lab::Behaviour::HttpRedirect);
    spec.redirect_location = "https://login.elsewhere.test/";
    lab::LoopbackServer server(spec);
    Context context;
    const auto result = collect_http(endpoint_at(server.port(), "http"), context);
    BOOST_TEST_REQUIRE((result.status == TargetStatus::Ok), result.detail);
    BOOST_TEST(!std::get<bool>(value_of(result, "http.redirects_to_https")));
}

BOOST_AUTO_TEST_CASE(a_plain_answer_without_redirect_is_recorded) {
    lab::LoopbackServer server(spec_of(lab::Behaviour::Plain));
    Context context;
    const auto result = collect_http(endpoint_at(server.port(), "http"), context);
    BOOST_TEST_REQUIRE((result.status == TargetStatus::Ok), result.detail);
    BOOST_TEST(std::get<std::int64_t>(value_of(result, "http.status")) == 400);
    BOOST_TEST(std::get<std::string>(value_of(result, "http.location")).empty());
    BOOST_TEST(!std::get<bool>(value_of(result, "http.redirects_to_https")));
}

BOOST_AUTO_TEST_CASE(failures_are_statuses) {
    Context context;
    {
        lab::LoopbackServer server(spec_of(lab::Behaviour::Silent));
        const auto started = std::chrono::steady_clock::now();
        const auto result = collect_http(endpoint_at(server.port(), "http"), context);
        BOOST_TEST((result.status == TargetStatus::Timeout), result.detail);
        BOOST_TEST((std::chrono::steady_clock::now() - started < 2'000ms));
        BOOST_TEST(result.facts.empty());
    }
    {
        const auto result = collect_http(endpoint_at(closed_port(), "http"), context);
        BOOST_TEST((result.status == TargetStatus::Unreachable), result.detail);
    }
    {
        // A TLS server reads our GET as a bad ClientHello and hangs up: not an HTTP answer.
        lab::LoopbackServer server(spec_of(lab::Behaviour::Tls));
        const auto result = collect_http(endpoint_at(server.port(), "http"), context);
        BOOST_TEST((result.status == TargetStatus::ProtocolError), result.detail);
    }
}

BOOST_AUTO_TEST_SUITE_END()
