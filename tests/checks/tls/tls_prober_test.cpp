// The prober against real servers on 127.0.0.1: OpenSSL servers (in-process and
// `openssl s_server`) for what OpenSSL 3 serves, and the scripted lab server for what it
// cannot (SSLv2, SSLv3, export, RC4, NULL, anonymous) and for servers that misbehave. Each test
// asserts the exact protocol set, suite list and order the server was configured with.
// NOLINTNEXTLINE(readability-identifier-naming): the name Boost.Test expects
#define BOOST_TEST_MODULE tls_prober
#include "checks/tls/tls_prober.h"

#include <chrono>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "auditor/inventory/endpoint_uri.h"
#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/named_groups.h"
#include "checks/tls/tls_collector.h"
#include "checks/tls/trust_store.h"
#include "tests/checks/tls/tls_test_fixtures.h"
#include "tests/lab/scripted_tls_server.h"
#include "tests/support/temp_dir.h"

namespace {

using namespace attt::test;
using attt::TargetStatus;
using attt::tls::Protocol;
using attt::tls::TlsScan;
using Names = std::vector<std::string>;

std::string show(const std::optional<bool>& value) {
    return value ? (*value ? "true" : "false") : "unknown";
}

attt::tls::ProbeTarget target_at(std::uint16_t port,
                                 std::string sni = {},
                                 std::string service = "tls") {
    Endpoint endpoint = loopback(port);
    endpoint.service = std::move(service);
    endpoint.sni = std::move(sni);
    return attt::tls::probe_target(endpoint);
}

TlsScan probe(const attt::tls::ProbeTarget& target,
              const attt::RunContext& context,
              const attt::tls::ProbeSettings& settings = {}) {
    auto trust = attt::tls::load_trust_store({});
    BOOST_TEST_REQUIRE(trust.has_value());
    return attt::tls::probe_endpoint(target, **trust, context, settings);
}

TlsScan probe_ok(std::uint16_t port,
                 const attt::RunContext& context,
                 const attt::tls::ProbeSettings& settings = {}) {
    TlsScan scan = probe(target_at(port), context, settings);
    BOOST_TEST_REQUIRE((scan.status == TargetStatus::Ok),
                       "status " << attt::to_string(scan.status) << ": " << scan.detail);
    return scan;
}

/// OpenSSL names of the suites accepted for `protocol`, in the reported order.
Names openssl_names(const TlsScan& scan, Protocol protocol) {
    Names names;
    for (const auto code : scan.protocol(protocol).suites) {
        const auto* suite = attt::tls::find_cipher_suite(code);
        names.emplace_back(suite != nullptr && !suite->openssl_name.empty()
                               ? std::string(suite->openssl_name)
                               : std::string(suite->iana_name));
    }
    return names;
}

std::vector<std::string> accepted(const TlsScan& scan) {
    std::vector<std::string> out;
    for (const auto& support : scan.protocols) {
        if (support.accepted) {
            out.emplace_back(attt::tls::protocol_label(support.protocol));
        }
    }
    return out;
}

Names group_names(const TlsScan& scan) {
    Names names;
    for (const auto code : scan.key_exchange.groups) {
        names.push_back(attt::tls::group_name(code));
    }
    return names;
}

/// Σ over versions of (accepted suites + 1): the fewest connections elimination can use.
int elimination_minimum(const TlsScan& scan) {
    int minimum = 0;
    for (const auto& support : scan.protocols) {
        minimum += static_cast<int>(support.suites.size() + support.sslv2_cipher_specs.size()) + 1;
    }
    return minimum;
}

attt::lab::ScriptedSpec scripted(std::vector<std::uint16_t> versions,
                                 std::vector<std::uint16_t> suites) {
    attt::lab::ScriptedSpec spec;
    spec.versions = std::move(versions);
    spec.suites = std::move(suites);
    return spec;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// OpenSSL servers: exact suites per version, client and server order

BOOST_AUTO_TEST_CASE(openssl_server_in_client_order_gives_exact_suites_per_version) {
    Context context;
    LabServer server(
        lab_ca().issue(localhost_spec()),
        "TLSv1",
        "TLSv1.2",
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-SHA:ECDHE-ECDSA-CHACHA20-POLY1305");

    const TlsScan scan = probe_ok(server.server.port(), context.run);

    BOOST_TEST(accepted(scan) == (Names{"TLSv1.0", "TLSv1.1", "TLSv1.2"}),
               boost::test_tools::per_element());
    // Registry (code) order, since the server follows the client.
    BOOST_TEST(openssl_names(scan, Protocol::Tls12) == (Names{"ECDHE-ECDSA-AES256-SHA",
                                                              "ECDHE-ECDSA-AES128-GCM-SHA256",
                                                              "ECDHE-ECDSA-CHACHA20-POLY1305"}),
               boost::test_tools::per_element());
    BOOST_TEST(openssl_names(scan, Protocol::Tls11) == Names{"ECDHE-ECDSA-AES256-SHA"},
               boost::test_tools::per_element());
    BOOST_TEST(openssl_names(scan, Protocol::Tls10) == Names{"ECDHE-ECDSA-AES256-SHA"},
               boost::test_tools::per_element());
    BOOST_TEST(show(scan.protocol(Protocol::Tls12).server_preference) == "false");
    BOOST_TEST(show(scan.features.fallback_scsv) == "true");
    BOOST_TEST(show(scan.features.secure_renegotiation) == "true");
    BOOST_TEST(!scan.features.compression);
    BOOST_TEST(scan.vulnerabilities.beast);  // TLS 1.0 with a CBC suite
    BOOST_TEST(!scan.vulnerabilities.sweet32);
    BOOST_TEST(scan.negotiated_protocol == "TLSv1.2");
    BOOST_TEST_REQUIRE(scan.certificates.size() == 1U);
    BOOST_TEST(scan.certificates[0].key_type == "EC");
    BOOST_TEST(scan.connections <= elimination_minimum(scan) + 10,
               scan.connections << " connections");
    BOOST_TEST(scan.connections == static_cast<int>(server.server.connections()));
}

BOOST_AUTO_TEST_CASE(s_server_with_its_own_order_is_reported_in_that_order) {
    TempDir dir;
    const auto credentials = lab_ca().issue([] {
        auto spec = localhost_spec();
        spec.key = attt::lab::KeyKind::Rsa2048;
        return spec;
    }());
    const auto cert = dir.write("cert.pem", credentials.cert_pem);
    const auto key = dir.write("key.pem", credentials.key_pem);
    SServer server(cert,
                   key,
                   {"-serverpref",
                    "-tls1_2",
                    "-cipher",
                    "AES256-SHA:ECDHE-RSA-AES256-GCM-SHA384:AES128-SHA256:ECDHE-RSA-AES128-GCM-"
                    "SHA256:@SECLEVEL=0"});
    Context context;

    const TlsScan scan = probe_ok(server.port(), context.run);

    BOOST_TEST(accepted(scan) == Names{"TLSv1.2"}, boost::test_tools::per_element());
    BOOST_TEST(openssl_names(scan, Protocol::Tls12) == (Names{"AES256-SHA",
                                                              "ECDHE-RSA-AES256-GCM-SHA384",
                                                              "AES128-SHA256",
                                                              "ECDHE-RSA-AES128-GCM-SHA256"}),
               boost::test_tools::per_element());
    BOOST_TEST(show(scan.protocol(Protocol::Tls12).server_preference) == "true");
    BOOST_TEST(!scan.vulnerabilities.sweet32);  // Debian's OpenSSL 3 has no 3DES to offer
    BOOST_TEST(show(scan.features.fallback_scsv) ==
               "unknown");  // one version: nothing to fall back to
    BOOST_TEST(scan.connections <= elimination_minimum(scan) + 10,
               scan.connections << " connections");
}

BOOST_AUTO_TEST_CASE(tls13_server_order_and_groups_are_found) {
    TempDir dir;
    const auto credentials = lab_ca().issue(localhost_spec());
    const auto cert = dir.write("cert.pem", credentials.cert_pem);
    const auto key = dir.write("key.pem", credentials.key_pem);
    SServer server(cert,
                   key,
                   {"-serverpref",
                    "-tls1_3",
                    "-ciphersuites",
                    "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256",
                    "-groups",
                    "P-384:X25519:ffdhe3072"});
    Context context;

    const TlsScan scan = probe_ok(server.port(), context.run);

    BOOST_TEST(accepted(scan) == Names{"TLSv1.3"}, boost::test_tools::per_element());
    BOOST_TEST(openssl_names(scan, Protocol::Tls13) ==
                   (Names{"TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"}),
               boost::test_tools::per_element());
    BOOST_TEST(show(scan.protocol(Protocol::Tls13).server_preference) == "true");
    BOOST_TEST(group_names(scan) == (Names{"secp384r1", "x25519", "ffdhe3072"}),
               boost::test_tools::per_element());
    BOOST_TEST(scan.negotiated_protocol == "TLSv1.3");
    BOOST_TEST(show(scan.features.secure_renegotiation) == "unknown");
    BOOST_TEST(!scan.vulnerabilities.insecure_renegotiation);
    BOOST_TEST(scan.connections <= elimination_minimum(scan) + 10,
               scan.connections << " connections");
}

BOOST_AUTO_TEST_CASE(splitting_the_offer_into_small_hellos_finds_the_same_suites) {
    Context context;
    LabServer server(
        lab_ca().issue(localhost_spec()),
        "TLSv1.2",
        "TLSv1.3",
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA");
    const TlsScan whole = probe_ok(server.server.port(), context.run);
    attt::tls::ProbeSettings small;
    small.limits.max_suites_per_hello = 16;

    const TlsScan split = probe_ok(server.server.port(), context.run, small);

    BOOST_TEST(openssl_names(split, Protocol::Tls12) == openssl_names(whole, Protocol::Tls12),
               boost::test_tools::per_element());
    BOOST_TEST(openssl_names(split, Protocol::Tls13) == openssl_names(whole, Protocol::Tls13),
               boost::test_tools::per_element());
    BOOST_TEST(openssl_names(whole, Protocol::Tls12).size() == 3U);
    BOOST_TEST(split.connections > whole.connections);  // one refusal per chunk
}

BOOST_AUTO_TEST_CASE(dual_rsa_and_ecdsa_certificates_are_both_read) {
    TempDir dir;
    auto rsa_spec = localhost_spec();
    rsa_spec.key = attt::lab::KeyKind::Rsa2048;
    const auto rsa = lab_ca().issue(rsa_spec);
    const auto ec = lab_ca().issue(localhost_spec());
    SServer server(dir.write("rsa.pem", rsa.cert_pem),
                   dir.write("rsa.key", rsa.key_pem),
                   {"-dcert",
                    dir.write("ec.pem", ec.cert_pem),
                    "-dkey",
                    dir.write("ec.key", ec.key_pem),
                    "-tls1_2"});
    Context context;
    context.run.ca_file = dir.write("ca.pem", lab_ca().certificate_pem());

    const TlsScan scan = probe_ok(server.port(), context.run);

    BOOST_TEST_REQUIRE(scan.certificates.size() == 2U);
    std::vector<std::string> types{scan.certificates[0].key_type, scan.certificates[1].key_type};
    std::sort(types.begin(), types.end());
    BOOST_TEST(types == (Names{"EC", "RSA"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_chain_without_its_issuer_is_incomplete_and_untrusted) {
    Context context;  // no --ca-file: the lab CA is unknown, its issuer cannot be found
    LabServer server(lab_ca().issue(localhost_spec()));

    const TlsScan scan = probe_ok(server.server.port(), context.run);

    BOOST_TEST_REQUIRE(!scan.certificates.empty());
    BOOST_TEST(!scan.certificates[0].chain_trusted);
    BOOST_TEST(!scan.certificates[0].chain_complete);
    BOOST_TEST(scan.grade->letter == "T");
}

BOOST_AUTO_TEST_CASE(an_internationalised_name_matches_its_ascii_san) {
    auto spec = localhost_spec();
    spec.dns_names = {"xn--dchvcng-x0a0689dsha.vinhphuc.gov.vn"};
    LabServer server(lab_ca().issue(spec));
    Context context;
    auto endpoint = attt::inventory::parse_endpoint_uri(
        "https://127.0.0.1:" + std::to_string(server.server.port()) +
        "?sni=dịchvụcông.vinhphuc.gov.vn");
    BOOST_TEST_REQUIRE(endpoint.has_value());

    const TlsScan scan = probe(attt::tls::probe_target(*endpoint), context.run);

    BOOST_TEST_REQUIRE((scan.status == TargetStatus::Ok));
    BOOST_TEST(scan.sni == "xn--dchvcng-x0a0689dsha.vinhphuc.gov.vn");
    BOOST_TEST_REQUIRE(!scan.certificates.empty());
    BOOST_TEST(scan.certificates[0].hostname_match);
}

// ---------------------------------------------------------------------------------------------
// The scripted server: what OpenSSL 3 cannot serve

BOOST_AUTO_TEST_CASE(legacy_server_with_sslv2_sslv3_export_rc4_null_and_anonymous_suites) {
    auto spec = scripted({attt::lab::kVersionSsl2, 0x0300, 0x0301},
                         {0x0005, 0x0003, 0x0009, 0x000a, 0x0002, 0x0018});
    spec.sslv2_cipher_specs = {0x010080, 0x020080, 0x0700c0};
    attt::lab::ScriptedTlsServer server(spec);
    Context context;

    const TlsScan scan = probe_ok(server.port(), context.run);

    BOOST_TEST(accepted(scan) == (Names{"SSLv2", "SSLv3", "TLSv1.0"}),
               boost::test_tools::per_element());
    const std::vector<std::uint16_t> order{0x0005, 0x0003, 0x0009, 0x000a, 0x0002, 0x0018};
    BOOST_TEST(scan.protocol(Protocol::Ssl3).suites == order, boost::test_tools::per_element());
    BOOST_TEST(scan.protocol(Protocol::Tls10).suites == order, boost::test_tools::per_element());
    BOOST_TEST(show(scan.protocol(Protocol::Tls10).server_preference) == "true");
    const std::vector<std::uint32_t> sslv2{0x010080, 0x020080, 0x0700c0};
    BOOST_TEST(scan.protocol(Protocol::Ssl2).sslv2_cipher_specs == sslv2,
               boost::test_tools::per_element());
    const auto& v = scan.vulnerabilities;
    BOOST_TEST(v.drown);
    BOOST_TEST(v.rc4);
    BOOST_TEST(v.freak);
    BOOST_TEST(v.poodle);
    BOOST_TEST(v.sweet32);
    BOOST_TEST(v.beast);
    BOOST_TEST(scan.key_exchange.export_rsa_bits == 512);
    BOOST_TEST(scan.grade->letter == "F");
    // OpenSSL cannot finish a handshake with it; the chain comes from our own flight reader.
    BOOST_TEST_REQUIRE(scan.certificates.size() == 1U);
    BOOST_TEST(scan.certificates[0].key_type == "RSA");
    BOOST_TEST(scan.connections == static_cast<int>(server.connections()));
}

BOOST_AUTO_TEST_CASE(client_order_server_is_recognised_from_its_picks) {
    auto spec = scripted({0x0303}, {0xc02f, 0xc030, 0x009c, 0x002f});
    spec.server_preference = false;
    attt::lab::ScriptedTlsServer server(spec);
    Context context;

    const TlsScan scan = probe_ok(server.port(), context.run);

    BOOST_TEST(show(scan.protocol(Protocol::Tls12).server_preference) == "false");
    const std::vector<std::uint16_t> registry_order{0x002f, 0x009c, 0xc02f, 0xc030};
    BOOST_TEST(scan.protocol(Protocol::Tls12).suites == registry_order,
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(compression_insecure_renegotiation_missing_scsv_and_heartbleed) {
    auto spec = scripted({0x0301, 0x0302, 0x0303}, {0xc02f, 0x002f});
    spec.compression = true;
    spec.secure_renegotiation = false;
    spec.fallback_scsv = false;
    spec.heartbeat = true;
    spec.heartbleed = true;
    attt::lab::ScriptedTlsServer server(spec);
    Context context;

    const TlsScan scan = probe_ok(server.port(), context.run);

    BOOST_TEST(scan.features.compression);
    BOOST_TEST(show(scan.features.secure_renegotiation) == "false");
    BOOST_TEST(show(scan.features.fallback_scsv) == "false");
    BOOST_TEST(scan.features.heartbeat);
    BOOST_TEST(show(scan.features.heartbleed) == "true");
    const auto& v = scan.vulnerabilities;
    BOOST_TEST(v.crime);
    BOOST_TEST(v.insecure_renegotiation);
    BOOST_TEST(v.no_fallback_scsv);
    BOOST_TEST(v.heartbleed);
    BOOST_TEST(scan.grade->letter == "F");
}

BOOST_AUTO_TEST_CASE(patched_heartbeat_server_is_not_heartbleed) {
    auto spec = scripted({0x0303}, {0xc02f});
    spec.heartbeat = true;
    attt::lab::ScriptedTlsServer server(spec);
    Context context;

    const TlsScan scan = probe_ok(server.port(), context.run);

    BOOST_TEST(scan.features.heartbeat);
    BOOST_TEST(show(scan.features.heartbleed) == "false");
    BOOST_TEST(!scan.vulnerabilities.heartbleed);
}

BOOST_AUTO_TEST_CASE(small_dh_parameters_are_logjam) {
    auto spec = scripted({0x0303}, {0x009e, 0xc02f});
    spec.dh_bits = 1024;
    attt::lab::ScriptedTlsServer server(spec);
    Context context;

    const TlsScan scan = probe_ok(server.port(), context.run);

    BOOST_TEST(scan.key_exchange.smallest_dh_bits == 1024);
    BOOST_TEST(scan.vulnerabilities.logjam);
}

BOOST_AUTO_TEST_CASE(tls12_groups_come_from_the_server_key_exchange) {
    auto spec = scripted({0x0303}, {0xc02f});
    spec.groups = {0x0018, 0x0017};
    attt::lab::ScriptedTlsServer server(spec);
    Context context;

    const TlsScan scan = probe_ok(server.port(), context.run);

    auto names = group_names(scan);
    std::sort(names.begin(), names.end());
    BOOST_TEST(names == (Names{"secp256r1", "secp384r1"}), boost::test_tools::per_element());
}

// ---------------------------------------------------------------------------------------------
// Servers that misbehave: a status within the deadline, never a hang

struct Misbehaving {
    attt::lab::Misbehaviour misbehaviour;
    TargetStatus status;
};

BOOST_AUTO_TEST_CASE(misbehaving_servers_give_a_status_within_the_deadline) {
    using attt::lab::Misbehaviour;
    const std::vector<Misbehaving> cases{
        {Misbehaviour::Garbage, TargetStatus::NotTls},
        {Misbehaviour::Reset, TargetStatus::ProtocolError},
        {Misbehaviour::Silent, TargetStatus::Timeout},
        {Misbehaviour::Trickle, TargetStatus::Timeout},
        {Misbehaviour::OversizedRecord, TargetStatus::ProtocolError},
        {Misbehaviour::TruncatedRecord, TargetStatus::ProtocolError},
    };
    for (const auto& c : cases) {
        auto spec = scripted({0x0303}, {0xc02f});
        spec.misbehaviour = c.misbehaviour;
        attt::lab::ScriptedTlsServer server(spec);
        Context context;
        context.run.deadlines.handshake = 1'000ms;
        const auto started = std::chrono::steady_clock::now();

        const TlsScan scan = probe(target_at(server.port()), context.run);

        const auto took = std::chrono::steady_clock::now() - started;
        BOOST_TEST(attt::to_string(scan.status) == attt::to_string(c.status),
                   "misbehaviour " << static_cast<int>(c.misbehaviour) << ": " << scan.detail);
        BOOST_TEST(!scan.detail.empty());
        BOOST_TEST((took < 4s), "misbehaviour " << static_cast<int>(c.misbehaviour));
    }
}

BOOST_AUTO_TEST_CASE(many_extensions_and_endless_retries_end_in_bounded_time) {
    using attt::lab::Misbehaviour;
    for (const auto misbehaviour :
         {Misbehaviour::ManyExtensions, Misbehaviour::EndlessHelloRetry}) {
        auto spec = scripted({0x0303, 0x0304}, {0xc02f, 0x1301});
        spec.misbehaviour = misbehaviour;
        attt::lab::ScriptedTlsServer server(spec);
        Context context;
        context.run.deadlines.handshake = 1'000ms;
        const auto started = std::chrono::steady_clock::now();

        const TlsScan scan = probe(target_at(server.port()), context.run);

        BOOST_TEST((std::chrono::steady_clock::now() - started < 30s));
        BOOST_TEST((scan.status == TargetStatus::Ok || !scan.detail.empty()));
        // The many-extensions server takes whatever is offered first: the budget stops it.
        BOOST_TEST(scan.connections <= attt::tls::kMaxConnectionsPerScan);
    }
}

BOOST_AUTO_TEST_CASE(closed_port_is_unreachable_after_one_connection) {
    Context context;

    const TlsScan scan = probe(target_at(closed_port()), context.run);

    BOOST_TEST(attt::to_string(scan.status) == "unreachable");
    BOOST_TEST(scan.connections == 1);
    BOOST_TEST(!scan.grade.has_value());
}
