// The TLS collector as a user sees it: real handshakes with servers on 127.0.0.1 only (the
// in-process lab, and one openssl s_server process), checked through the facts and statuses.
// NOLINTNEXTLINE(readability-identifier-naming): the name Boost.Test expects
#define BOOST_TEST_MODULE tls_collector
#include "checks/tls/tls_collector.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include "auditor/core/clock.h"
#include "auditor/core/fact.h"
#include "auditor/core/run_context.h"
#include "auditor/core/time_format.h"
#include "tests/checks/tls/tls_test_fixtures.h"
#include "tests/lab/certificate_authority.h"
#include "tests/lab/loopback_server.h"
#include "tests/support/temp_dir.h"

namespace {

using namespace attt::test;
using attt::FactList;
using attt::collect::CollectionResult;
using attt::inventory::Endpoint;
using attt::test::TempDir;
using namespace std::chrono_literals;
namespace lab = attt::lab;

// ---------------------------------------------------------------------------------------------
// Helpers

const attt::FactValue& value_of(const CollectionResult& result, const std::string& name) {
    const attt::Fact* fact = result.facts.find(name);
    BOOST_TEST_REQUIRE(fact != nullptr, "fact " << name << " is missing");
    return fact->value;
}

bool flag(const CollectionResult& result, const std::string& name) {
    return std::get<bool>(value_of(result, name));
}

std::int64_t integer(const CollectionResult& result, const std::string& name) {
    return std::get<std::int64_t>(value_of(result, name));
}

std::string text(const CollectionResult& result, const std::string& name) {
    return std::get<std::string>(value_of(result, name));
}

FactList list(const CollectionResult& result, const std::string& name) {
    return std::get<FactList>(value_of(result, name));
}

CollectionResult scan_ok(const Endpoint& endpoint, const attt::RunContext& context) {
    CollectionResult result = attt::tls::scan_endpoint(attt::tls::probe_target(endpoint), context);
    BOOST_TEST_REQUIRE(attt::to_string(result.status) == "ok",
                       "status " << attt::to_string(result.status) << ": " << result.detail);
    return result;
}

/// Fact names from the table of docs/facts-tls.md.
/// The names documented in docs/facts-tls.md, with `<protocol>` and `<name>` expanded.
std::set<std::string> documented_facts() {
    std::ifstream doc(std::string(ATTT_SOURCE_DIR) + "/docs/facts-tls.md");
    BOOST_TEST_REQUIRE(doc.good(), "docs/facts-tls.md is missing");
    const std::regex row(R"(^\| `(tls\.[a-z0-9_.<>]+)` \|)");
    const std::vector<std::string> protocols{
        "ssl2", "ssl3", "tls1_0", "tls1_1", "tls1_2", "tls1_3"};
    const std::vector<std::string> weaknesses{"heartbleed",
                                              "poodle",
                                              "sweet32",
                                              "freak",
                                              "logjam",
                                              "drown",
                                              "crime",
                                              "beast",
                                              "rc4",
                                              "insecure_renegotiation",
                                              "no_fallback_scsv"};
    std::set<std::string> names;
    std::string line;
    for (int i = 0; i < 1000 && std::getline(doc, line); ++i) {
        std::smatch match;
        if (!std::regex_search(line, match, row)) {
            continue;
        }
        const std::string name = match[1].str();
        const auto expand = [&](const std::string& placeholder,
                                const std::vector<std::string>& values) {
            const auto at = name.find(placeholder);
            for (const auto& value : values) {
                names.insert(std::string(name).replace(at, placeholder.size(), value));
            }
        };
        if (name.find("<protocol>") != std::string::npos) {
            expand("<protocol>", protocols);
        } else if (name.find("<name>") != std::string::npos) {
            expand("<name>", weaknesses);
        } else {
            names.insert(name);
        }
    }
    return names;
}

}  // namespace

// SIGPIPE keeps its default action here: the collector sends with MSG_NOSIGNAL and the lab
// blocks SIGPIPE in its own threads, so a hang-up that raised it would kill this test.

// ---------------------------------------------------------------------------------------------
// Certificates

BOOST_AUTO_TEST_CASE(trusts_a_lab_certificate_when_the_lab_ca_is_given) {
    TempDir dir;
    Context context;
    context.run.ca_file = dir.write("ca.pem", lab_ca().certificate_pem());
    LabServer server(lab_ca().issue(localhost_spec()));

    const auto result = scan_ok(server.endpoint("portal.lab.test"), context.run);

    BOOST_TEST(flag(result, "tls.cert.trusted"));
    BOOST_TEST(text(result, "tls.cert.verify_error") == "ok");
    BOOST_TEST(!flag(result, "tls.cert.self_signed"));
    BOOST_TEST(!flag(result, "tls.cert.expired"));
    BOOST_TEST(!flag(result, "tls.cert.not_yet_valid"));
    BOOST_TEST(text(result, "tls.cert.subject").rfind("CN=localhost,", 0) == 0);
    BOOST_TEST(text(result, "tls.cert.issuer").find("ATTT Test CA") != std::string::npos);
    BOOST_TEST(
        list(result, "tls.cert.san") == (FactList{"localhost", "portal.lab.test", "127.0.0.1"}),
        boost::test_tools::per_element());
    BOOST_TEST(text(result, "tls.cert.key_type") == "EC");
    BOOST_TEST(integer(result, "tls.cert.key_bits") == 256);
    BOOST_TEST(text(result, "tls.cert.signature_hash") == "SHA256");
    BOOST_TEST(text(result, "tls.cert.signature_algorithm") == "ecdsa-with-SHA256");
    BOOST_TEST(integer(result, "tls.cert.chain_length") >= 1);
    BOOST_TEST(std::regex_match(text(result, "tls.cert.sha256_fingerprint"),
                                std::regex("([0-9A-F]{2}:){31}[0-9A-F]{2}")));
    BOOST_TEST(std::regex_match(text(result, "tls.cert.serial"), std::regex("[0-9A-F]+")));
    BOOST_TEST(attt::parse_utc(text(result, "tls.cert.not_before")).has_value());
    BOOST_TEST(attt::parse_utc(text(result, "tls.cert.not_after")).has_value());
    BOOST_TEST(text(result, "tls.negotiated.protocol") == "TLSv1.3");
    BOOST_TEST(text(result, "tls.negotiated.cipher").rfind("TLS_", 0) == 0);
}

BOOST_AUTO_TEST_CASE(lab_certificate_is_untrusted_without_the_lab_ca) {
    Context context;
    LabServer server(lab_ca().issue(localhost_spec()));

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(!flag(result, "tls.cert.trusted"));
    BOOST_TEST(text(result, "tls.cert.verify_error") == "unable to get local issuer certificate");
}

BOOST_AUTO_TEST_CASE(hostname_match_follows_the_sni_name) {
    Context context;
    LabServer server(lab_ca().issue(localhost_spec()));

    const auto listed = scan_ok(server.endpoint("portal.lab.test"), context.run);
    BOOST_TEST(text(listed, "tls.cert.checked_name") == "portal.lab.test");
    BOOST_TEST(flag(listed, "tls.cert.hostname_match"));

    const auto other = scan_ok(server.endpoint("other.lab.test"), context.run);
    BOOST_TEST(text(other, "tls.cert.checked_name") == "other.lab.test");
    BOOST_TEST(!flag(other, "tls.cert.hostname_match"));
}

BOOST_AUTO_TEST_CASE(ip_literal_host_matches_an_ip_san_only) {
    Context context;
    LabServer with_ip(lab_ca().issue(localhost_spec()));
    const auto matched = scan_ok(with_ip.endpoint(), context.run);
    BOOST_TEST(text(matched, "tls.cert.checked_name") == "127.0.0.1");
    BOOST_TEST(flag(matched, "tls.cert.hostname_match"));

    auto spec = localhost_spec();
    spec.ip_addresses.clear();
    LabServer without_ip(lab_ca().issue(spec));
    BOOST_TEST(!flag(scan_ok(without_ip.endpoint(), context.run), "tls.cert.hostname_match"));
}

BOOST_AUTO_TEST_CASE(wildcard_matches_one_label_only) {
    Context context;
    auto spec = localhost_spec();
    spec.dns_names = {"*.lab.test"};
    LabServer server(lab_ca().issue(spec));

    BOOST_TEST(
        flag(scan_ok(server.endpoint("a.lab.test"), context.run), "tls.cert.hostname_match"));
    BOOST_TEST(
        !flag(scan_ok(server.endpoint("a.b.lab.test"), context.run), "tls.cert.hostname_match"));
}

BOOST_AUTO_TEST_CASE(expired_certificate_has_negative_days_left) {
    TempDir dir;
    Context context;
    context.run.ca_file = dir.write("ca.pem", lab_ca().certificate_pem());
    auto spec = localhost_spec();
    spec.not_before_days = -30;
    spec.not_after_days = -2;
    LabServer server(lab_ca().issue(spec));

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(flag(result, "tls.cert.expired"));
    BOOST_TEST(!flag(result, "tls.cert.not_yet_valid"));
    BOOST_TEST(integer(result, "tls.cert.days_left") < 0);
    // Expiry is its own fact; the chain itself is still trusted.
    BOOST_TEST(flag(result, "tls.cert.trusted"));
    BOOST_TEST(text(result, "tls.cert.verify_error") == "ok");
}

BOOST_AUTO_TEST_CASE(certificate_from_the_future_is_not_yet_valid) {
    Context context;
    auto spec = localhost_spec();
    spec.not_before_days = 10;
    spec.not_after_days = 40;
    LabServer server(lab_ca().issue(spec));

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(flag(result, "tls.cert.not_yet_valid"));
    BOOST_TEST(!flag(result, "tls.cert.expired"));
    BOOST_TEST(integer(result, "tls.cert.days_left") > 30);
}

BOOST_AUTO_TEST_CASE(self_signed_certificate_is_reported_and_untrusted) {
    TempDir dir;
    Context context;
    context.run.ca_file = dir.write("ca.pem", lab_ca().certificate_pem());
    auto spec = localhost_spec();
    spec.self_signed = true;
    LabServer server(lab_ca().issue(spec));

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(flag(result, "tls.cert.self_signed"));
    BOOST_TEST(!flag(result, "tls.cert.trusted"));
    const std::string error = text(result, "tls.cert.verify_error");
    BOOST_TEST(error.find("self") != std::string::npos);
    BOOST_TEST(error.find("signed") != std::string::npos);
    BOOST_TEST(integer(result, "tls.cert.chain_length") == 1);
}

BOOST_AUTO_TEST_CASE(weak_rsa_key_size_is_reported) {
    Context context;
    auto spec = localhost_spec();
    spec.key = lab::KeyKind::Rsa1024;
    LabServer server(lab_ca().issue(spec));

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(text(result, "tls.cert.key_type") == "RSA");
    BOOST_TEST(integer(result, "tls.cert.key_bits") == 1024);
}

BOOST_AUTO_TEST_CASE(ec_p384_key_is_reported_with_its_curve_size) {
    Context context;
    auto spec = localhost_spec();
    spec.key = lab::KeyKind::EcP384;
    spec.hash = lab::SignatureHash::Sha384;
    LabServer server(lab_ca().issue(spec));

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(text(result, "tls.cert.key_type") == "EC");
    BOOST_TEST(integer(result, "tls.cert.key_bits") == 384);
    BOOST_TEST(text(result, "tls.cert.signature_hash") == "SHA384");
}

BOOST_AUTO_TEST_CASE(sha1_signature_is_reported_but_still_trusted) {
    TempDir dir;
    Context context;
    context.run.ca_file = dir.write("ca.pem", lab_ca().certificate_pem());
    auto spec = localhost_spec();
    spec.hash = lab::SignatureHash::Sha1;
    LabServer server(lab_ca().issue(spec));

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(text(result, "tls.cert.signature_hash") == "SHA1");
    BOOST_TEST(text(result, "tls.cert.signature_algorithm") == "ecdsa-with-SHA1");
    BOOST_TEST(flag(result, "tls.cert.trusted"));
}

BOOST_AUTO_TEST_CASE(fixed_clock_sets_days_left_exactly) {
    TempDir dir;
    Context context;
    LabServer server(lab_ca().issue(localhost_spec()));
    const auto first = scan_ok(server.endpoint(), context.run);
    const auto not_after = attt::parse_utc(text(first, "tls.cert.not_after"));
    BOOST_TEST_REQUIRE(not_after.has_value());

    const attt::FixedClock ten_days_before(*not_after - std::chrono::days{10} - 1h);
    attt::RunContext before{context.log, ten_days_before, {}, {}, nullptr};
    const auto early = scan_ok(server.endpoint(), before);
    BOOST_TEST(integer(early, "tls.cert.days_left") == 10);
    BOOST_TEST(!flag(early, "tls.cert.expired"));
    BOOST_TEST(
        (early.facts.find("tls.cert.days_left")->evidence.observed_at == ten_days_before.now()));

    const attt::FixedClock just_after(*not_after + 1s);
    attt::RunContext after{context.log, just_after, {}, {}, nullptr};
    after.ca_file = dir.write("ca.pem", lab_ca().certificate_pem());
    const auto late = scan_ok(server.endpoint(), after);
    BOOST_TEST(integer(late, "tls.cert.days_left") == -1);
    BOOST_TEST(flag(late, "tls.cert.expired"));
    BOOST_TEST(text(late, "tls.cert.verify_error") == "ok");
}

// ---------------------------------------------------------------------------------------------
// Protocols

BOOST_AUTO_TEST_CASE(tls12_only_server_does_not_accept_tls13) {
    Context context;
    LabServer server(lab_ca().issue(localhost_spec()), "TLSv1.2", "TLSv1.2");

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(text(result, "tls.negotiated.protocol") == "TLSv1.2");
    BOOST_TEST(flag(result, "tls.protocol.tls1_2"));
    BOOST_TEST(!flag(result, "tls.protocol.tls1_3"));
    BOOST_TEST(!flag(result, "tls.protocol.tls1_1"));
    BOOST_TEST(!flag(result, "tls.protocol.tls1_0"));
    BOOST_TEST(list(result, "tls.protocols.accepted") == FactList{"TLSv1.2"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(modern_server_accepts_tls12_and_tls13) {
    Context context;
    LabServer server(lab_ca().issue(localhost_spec()), "TLSv1.2", "TLSv1.3");

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(list(result, "tls.protocols.accepted") == (FactList{"TLSv1.2", "TLSv1.3"}),
               boost::test_tools::per_element());
    BOOST_TEST(!flag(result, "tls.protocol.tls1_0"));
}

BOOST_AUTO_TEST_CASE(legacy_lab_server_accepting_tls10_is_seen) {
    Context context;
    LabServer server(lab_ca().issue(localhost_spec()), "TLSv1", "TLSv1.2");

    const auto result = scan_ok(server.endpoint(), context.run);

    BOOST_TEST(text(result, "tls.negotiated.protocol") == "TLSv1.2");
    BOOST_TEST(flag(result, "tls.protocol.tls1_0"));
    BOOST_TEST(flag(result, "tls.protocol.tls1_1"));
    BOOST_TEST(flag(result, "tls.protocol.tls1_2"));
    BOOST_TEST(!flag(result, "tls.protocol.tls1_3"));
}

BOOST_AUTO_TEST_CASE(openssl_s_server_speaking_only_tls10_is_seen) {
    TempDir dir;
    const auto credentials = lab_ca().issue(localhost_spec());
    const auto cert_file = dir.write("cert.pem", credentials.cert_pem);
    const auto key_file = dir.write("key.pem", credentials.key_pem);
    SServer server(cert_file, key_file, {"-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"});
    Context context;

    const auto result = scan_ok(loopback(server.port()), context.run);

    BOOST_TEST(text(result, "tls.negotiated.protocol") == "TLSv1.0");
    BOOST_TEST(flag(result, "tls.protocol.tls1_0"));
    BOOST_TEST(!flag(result, "tls.protocol.tls1_1"));
    BOOST_TEST(!flag(result, "tls.protocol.tls1_2"));
    BOOST_TEST(!flag(result, "tls.protocol.tls1_3"));
    BOOST_TEST(list(result, "tls.protocols.accepted") == FactList{"TLSv1.0"},
               boost::test_tools::per_element());
    BOOST_TEST(text(result, "tls.cert.subject").rfind("CN=localhost,", 0) == 0);
}

// ---------------------------------------------------------------------------------------------
// Statuses

BOOST_AUTO_TEST_CASE(closed_port_is_unreachable) {
    Context context;
    const auto result =
        attt::tls::scan_endpoint(attt::tls::probe_target(loopback(closed_port())), context.run);

    BOOST_TEST(attt::to_string(result.status) == "unreachable");
    BOOST_TEST(result.detail == "connection refused");
    BOOST_TEST(result.facts.empty());
}

BOOST_AUTO_TEST_CASE(silent_server_times_out_at_the_handshake_deadline) {
    lab::ServerSpec spec;
    spec.behaviour = lab::Behaviour::Silent;
    lab::LoopbackServer server(spec);
    Context context;
    context.run.deadlines.handshake = 500ms;

    const auto started = std::chrono::steady_clock::now();
    const auto result =
        attt::tls::scan_endpoint(attt::tls::probe_target(loopback(server.port())), context.run);
    const auto took = std::chrono::steady_clock::now() - started;

    BOOST_TEST(attt::to_string(result.status) == "timeout");
    BOOST_TEST(result.detail == "no answer to the ClientHello within 500 ms");
    BOOST_TEST(took >= 450ms);
    BOOST_TEST(took < 1'500ms);
    BOOST_TEST(result.duration >= 450ms);
    BOOST_TEST(result.facts.empty());
}

BOOST_AUTO_TEST_CASE(plain_server_is_not_tls) {
    lab::ServerSpec spec;
    spec.behaviour = lab::Behaviour::Plain;
    lab::LoopbackServer server(spec);
    Context context;

    const auto result =
        attt::tls::scan_endpoint(attt::tls::probe_target(loopback(server.port())), context.run);

    BOOST_TEST(attt::to_string(result.status) == "not-tls");
    BOOST_TEST(result.detail.find("not with TLS") != std::string::npos);
    BOOST_TEST(result.facts.empty());
}

BOOST_AUTO_TEST_CASE(missing_ca_file_is_an_error_naming_the_file) {
    Context context;
    context.run.ca_file = "/nonexistent/attt/ca.pem";
    LabServer server(lab_ca().issue(localhost_spec()));

    const auto result =
        attt::tls::scan_endpoint(attt::tls::probe_target(server.endpoint()), context.run);

    BOOST_TEST(attt::to_string(result.status) == "error");
    BOOST_TEST(result.detail.find("/nonexistent/attt/ca.pem") != std::string::npos);
    BOOST_TEST(result.facts.empty());
}

BOOST_AUTO_TEST_CASE(ca_file_without_certificates_is_an_error_naming_the_file) {
    TempDir dir;
    Context context;
    context.run.ca_file = dir.write("not-a-ca.pem", "this is not PEM\n");

    const auto result =
        attt::tls::scan_endpoint(attt::tls::probe_target(loopback(closed_port())), context.run);

    BOOST_TEST(attt::to_string(result.status) == "error");
    BOOST_TEST(result.detail.find("not-a-ca.pem") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cancelled_run_stops_without_waiting_for_the_deadline) {
    lab::ServerSpec spec;
    spec.behaviour = lab::Behaviour::Silent;
    lab::LoopbackServer server(spec);
    Context context;
    std::atomic<bool> cancelled{true};
    context.run.cancelled = &cancelled;

    const auto result =
        attt::tls::scan_endpoint(attt::tls::probe_target(loopback(server.port())), context.run);

    BOOST_TEST(attt::to_string(result.status) == "error");
    BOOST_TEST(result.detail == "cancelled");
    BOOST_TEST(result.duration < 1'000ms);
}

// ---------------------------------------------------------------------------------------------
// The collector as the engine uses it

BOOST_AUTO_TEST_CASE(collector_is_registered_for_tls_endpoints) {
    const attt::tls::TlsCollector collector;
    BOOST_TEST(attt::to_string(collector.kind()) == "tls-endpoint");
    BOOST_TEST(collector.name() == "tls");

    Context context;
    LabServer server(lab_ca().issue(localhost_spec()));
    attt::plan::Target target;
    target.kind = attt::TargetKind::TlsEndpoint;
    target.endpoint = server.endpoint();
    const auto result = collector.collect(target, context.run);
    BOOST_TEST(attt::to_string(result.status) == "ok");

    const auto no_endpoint = collector.collect(attt::plan::Target{}, context.run);
    BOOST_TEST(attt::to_string(no_endpoint.status) == "error");
}

BOOST_AUTO_TEST_CASE(facts_carry_the_endpoint_as_evidence) {
    Context context;
    LabServer server(lab_ca().issue(localhost_spec()));
    const auto endpoint = server.endpoint();

    const auto result = scan_ok(endpoint, context.run);

    for (const auto& fact : result.facts.all()) {
        BOOST_TEST(fact.evidence.source == endpoint.place(), fact.name);
    }
}

BOOST_AUTO_TEST_CASE(emits_only_documented_facts_and_every_core_one) {
    Context context;
    LabServer server(lab_ca().issue(localhost_spec()));

    const auto result = scan_ok(server.endpoint(), context.run);

    std::set<std::string> emitted;
    for (const auto& fact : result.facts.all()) {
        emitted.insert(fact.name);
    }
    const auto documented = documented_facts();
    for (const auto& name : emitted) {
        BOOST_TEST(documented.count(name) == 1, name << " is emitted but not documented");
    }
    // A modern TLS 1.2 + 1.3 server with a certificate gives every fact that is not tied to
    // a feature it lacks (DH, export RSA) or a version it refuses.
    for (const auto& name : documented) {
        const bool optional =
            name.rfind("tls.suites.ssl", 0) == 0 || name.rfind("tls.suites.tls1_0", 0) == 0 ||
            name.rfind("tls.suites.tls1_1", 0) == 0 || name == "tls.dh.min_bits" ||
            name == "tls.export_rsa.bits" || name.find(".server_preference") != std::string::npos;
        if (!optional) {
            BOOST_TEST(emitted.count(name) == 1, name << " is documented but missing");
        }
    }
}

BOOST_AUTO_TEST_CASE(concurrent_scans_do_not_interfere) {
    Context context;
    LabServer good(lab_ca().issue(localhost_spec()));
    const auto closed = closed_port();
    constexpr int kScans = 6;
    std::vector<CollectionResult> results(kScans);
    std::vector<std::thread> threads;
    threads.reserve(kScans);
    for (int i = 0; i < kScans; ++i) {
        threads.emplace_back([&, i] {
            const Endpoint endpoint = i % 2 == 0 ? good.endpoint() : loopback(closed);
            results[static_cast<std::size_t>(i)] =
                attt::tls::scan_endpoint(attt::tls::probe_target(endpoint), context.run);
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (int i = 0; i < kScans; ++i) {
        const auto& result = results[static_cast<std::size_t>(i)];
        BOOST_TEST(attt::to_string(result.status) == (i % 2 == 0 ? "ok" : "unreachable"));
        if (i % 2 == 0) {
            BOOST_TEST(text(result, "tls.cert.sha256_fingerprint") ==
                       text(results[0], "tls.cert.sha256_fingerprint"));
        }
    }
}
