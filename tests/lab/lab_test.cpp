// The lab serves what it claims: its certificates, protocol ranges and not-TLS behaviours are
// checked with a plain OpenSSL client, so a collector test that fails blames the collector.
#define BOOST_TEST_MODULE lab
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "tests/lab/certificate_authority.h"
#include "tests/lab/lab_config.h"
#include "tests/lab/loopback_server.h"
#include "tests/lab/openssl_handles.h"

using namespace attt::lab;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

/// One CA for the whole suite: key generation is the slow part of every test.
const CertificateAuthority& test_ca() {
    static const auto ca = CertificateAuthority::create("ATTT Lab Test CA");
    return ca;
}

CertificateSpec leaf(const std::string& name, int not_before_days = -1, int not_after_days = 90) {
    CertificateSpec spec;
    spec.common_name = name;
    spec.dns_names = {name};
    spec.not_before_days = not_before_days;
    spec.not_after_days = not_after_days;
    return spec;
}

ServerSpec tls_server(const CertificateSpec& certificate,
                      const std::string& min_protocol = "TLSv1.2",
                      const std::string& max_protocol = "TLSv1.3") {
    ServerSpec spec;
    spec.credentials = test_ca().issue(certificate);
    spec.min_protocol = min_protocol;
    spec.max_protocol = max_protocol;
    return spec;
}

X509Ptr parse_certificate(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

X509StorePtr store_with_ca() {
    X509StorePtr store(X509_STORE_new());
    auto ca = parse_certificate(test_ca().certificate_pem());
    X509_STORE_add_cert(store.get(), ca.get());
    return store;
}

/// Days from now to `time` (negative = in the past).
int days_from_now(const ASN1_TIME* time) {
    int days = 0;
    int seconds = 0;
    ASN1_TIME_diff(&days, &seconds, nullptr, time);
    return days;
}

/// A client socket with 3 s send and receive timeouts, so no test can hang.
struct ClientSocket {
    int fd = -1;

    explicit ClientSocket(std::uint16_t port, const char* address = "127.0.0.1") {
        const bool v6 = std::strchr(address, ':') != nullptr;
        fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        BOOST_TEST_REQUIRE(fd >= 0);
        timeval timeout{3, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        int rc = -1;
        if (v6) {
            sockaddr_in6 a{};
            a.sin6_family = AF_INET6;
            a.sin6_port = htons(port);
            ::inet_pton(AF_INET6, address, &a.sin6_addr);
            rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a);
        } else {
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_port = htons(port);
            ::inet_pton(AF_INET, address, &a.sin_addr);
            rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a);
        }
        BOOST_TEST_REQUIRE(rc == 0);
    }

    ~ClientSocket() { ::close(fd); }

    ClientSocket(const ClientSocket&) = delete;
    ClientSocket& operator=(const ClientSocket&) = delete;

    /// True if a byte (or EOF) arrives within `wait`.
    bool readable_within(std::chrono::milliseconds wait) const {
        pollfd p{fd, POLLIN, 0};
        return ::poll(&p, 1, static_cast<int>(wait.count())) > 0;
    }

    std::string read_all() const {
        std::string text;
        char buffer[1024];
        for (int i = 0; i < 64; ++i) {
            const auto n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                break;
            }
            text.append(buffer, static_cast<std::size_t>(n));
        }
        return text;
    }
};

struct Handshake {
    bool ok = false;
    int version = 0;
    X509Ptr peer;
    long verify_result = X509_V_OK;
    std::string response;
};

struct ClientOptions {
    int min_version = TLS1_VERSION;
    int max_version = TLS1_3_VERSION;
    std::string sni;  ///< also the name checked against the certificate
    bool verify = false;
    bool request = false;  ///< send a GET and read the answer
};

/// A plain OpenSSL client that accepts anything (security level 0), for looking at what the
/// server presents.
Handshake handshake(std::uint16_t port, const ClientOptions& options) {
    SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    SSL_CTX_set_security_level(ctx.get(), 0);
    SSL_CTX_set_cipher_list(ctx.get(), "ALL:@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(ctx.get(), options.min_version);
    SSL_CTX_set_max_proto_version(ctx.get(), options.max_version);
    if (options.verify) {
        SSL_CTX_set_cert_store(ctx.get(), store_with_ca().release());  // the ctx owns it now
    }
    SslPtr ssl(SSL_new(ctx.get()));
    ClientSocket socket(port);
    SSL_set_fd(ssl.get(), socket.fd);
    if (!options.sni.empty()) {
        SSL_set_tlsext_host_name(ssl.get(), options.sni.c_str());
        SSL_set1_host(ssl.get(), options.sni.c_str());
    }
    Handshake result;
    if (SSL_connect(ssl.get()) == 1) {
        result.ok = true;
        result.version = SSL_version(ssl.get());
        result.peer.reset(SSL_get1_peer_certificate(ssl.get()));
        result.verify_result = SSL_get_verify_result(ssl.get());
        if (options.request) {
            const std::string get = "GET / HTTP/1.1\r\nHost: lab\r\n\r\n";
            SSL_write(ssl.get(), get.data(), static_cast<int>(get.size()));
            char buffer[1024];
            for (int i = 0; i < 16; ++i) {
                const int n = SSL_read(ssl.get(), buffer, sizeof buffer);
                if (n <= 0) {
                    break;
                }
                result.response.append(buffer, static_cast<std::size_t>(n));
            }
        }
        SSL_shutdown(ssl.get());
    }
    ERR_clear_error();
    return result;
}

Handshake handshake_only(std::uint16_t port, int version) {
    ClientOptions options;
    options.min_version = version;
    options.max_version = version;
    return handshake(port, options);
}

long long elapsed_ms(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

/// Polls `condition` every 10 ms for at most `limit`.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = 2000ms) {
    const auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(10ms);
    }
    return condition();
}

/// A scratch directory removed at the end of the test.
struct TempDir {
    std::filesystem::path path;

    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("attt-lab-test-" + std::to_string(::getpid()) + "-" +
                std::to_string(Clock::now().time_since_epoch().count()));
        std::filesystem::create_directories(path);
    }

    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }

    std::string write(const std::string& name, const std::string& text) const {
        const auto file = path / name;
        std::ofstream(file, std::ios::binary) << text;
        return file.string();
    }
};

/// The message load_lab_config throws for `text`, or "" if it loads.
std::string config_error(const std::string& text) {
    TempDir dir;
    const auto path = dir.write("lab.json", text);
    try {
        load_lab_config(path);
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        BOOST_TEST(message.rfind(path + ": ", 0) == 0U,
                   "message starts with the path: " << message);
        return message;
    }
    return "";
}

/// Splits one RFC 4180 line (no embedded line breaks, which the seed inventory does not use).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::string endpoint_json(const std::string& fields) {
    return R"({"ca": {"common_name": "CA"}, "endpoints": [)" + fields + "]}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(certificates)

BOOST_AUTO_TEST_CASE(ca_is_an_ec_p256_root_valid_for_ten_years) {
    auto ca = parse_certificate(test_ca().certificate_pem());
    BOOST_TEST_REQUIRE(ca != nullptr);
    EVP_PKEY* key = X509_get0_pubkey(ca.get());
    BOOST_TEST(EVP_PKEY_is_a(key, "EC") == 1);
    BOOST_TEST(EVP_PKEY_get_bits(key) == 256);
    BOOST_TEST(X509_get_signature_nid(ca.get()) == NID_ecdsa_with_SHA256);
    BOOST_TEST(X509_check_ca(ca.get()) == 1);
    BOOST_TEST((X509_get_key_usage(ca.get()) & KU_KEY_CERT_SIGN) != 0U);
    BOOST_TEST(X509_check_issued(ca.get(), ca.get()) == X509_V_OK);
    BOOST_TEST(X509_self_signed(ca.get(), 1) == 1);
    BOOST_TEST(days_from_now(X509_get0_notBefore(ca.get())) == -1);
    BOOST_TEST(days_from_now(X509_get0_notAfter(ca.get())) >= 3649);
    BOOST_TEST(days_from_now(X509_get0_notAfter(ca.get())) <= 3650);
}

BOOST_AUTO_TEST_CASE(leaf_chains_to_the_ca_with_its_names_and_server_auth) {
    auto spec = leaf("portal.lab.test");
    spec.dns_names.push_back("www.portal.lab.test");
    spec.ip_addresses = {"127.0.0.1", "::1"};
    const auto credentials = test_ca().issue(spec);
    BOOST_TEST(credentials.chain_pem.empty());
    auto cert = parse_certificate(credentials.cert_pem);
    BOOST_TEST_REQUIRE(cert != nullptr);

    auto store = store_with_ca();
    std::unique_ptr<X509_STORE_CTX, OpenSslFree<X509_STORE_CTX_free>> verify(X509_STORE_CTX_new());
    X509_STORE_CTX_init(verify.get(), store.get(), cert.get(), nullptr);
    BOOST_TEST(X509_verify_cert(verify.get()) == 1);

    BOOST_TEST(X509_check_host(cert.get(), "portal.lab.test", 0, 0, nullptr) == 1);
    BOOST_TEST(X509_check_host(cert.get(), "www.portal.lab.test", 0, 0, nullptr) == 1);
    BOOST_TEST(X509_check_host(cert.get(), "other.lab.test", 0, 0, nullptr) == 0);
    BOOST_TEST(X509_check_ip_asc(cert.get(), "127.0.0.1", 0) == 1);
    BOOST_TEST(X509_check_ip_asc(cert.get(), "::1", 0) == 1);
    BOOST_TEST(X509_check_ca(cert.get()) == 0);
    BOOST_TEST((X509_get_extended_key_usage(cert.get()) & XKU_SSL_SERVER) != 0U);

    auto other = parse_certificate(test_ca().issue(spec).cert_pem);
    BOOST_TEST(ASN1_INTEGER_cmp(X509_get0_serialNumber(cert.get()),
                                X509_get0_serialNumber(other.get())) != 0,
               "serials are random");
}

BOOST_AUTO_TEST_CASE(self_signed_leaf_is_its_own_issuer_and_does_not_chain) {
    auto spec = leaf("self.lab.test");
    spec.self_signed = true;
    auto cert = parse_certificate(test_ca().issue(spec).cert_pem);
    BOOST_TEST_REQUIRE(cert != nullptr);
    BOOST_TEST(X509_self_signed(cert.get(), 1) == 1);  // issuer = subject, own key verifies
    auto ca = parse_certificate(test_ca().certificate_pem());
    BOOST_TEST(X509_check_issued(ca.get(), cert.get()) != X509_V_OK);
    BOOST_TEST(X509_check_ca(cert.get()) == 0);
}

BOOST_AUTO_TEST_CASE(key_kinds_and_hashes_are_what_the_spec_asks) {
    auto spec = leaf("kinds.lab.test");
    spec.key = KeyKind::EcP384;
    spec.hash = SignatureHash::Sha384;
    auto ec = parse_certificate(test_ca().issue(spec).cert_pem);
    BOOST_TEST(EVP_PKEY_get_bits(X509_get0_pubkey(ec.get())) == 384);
    BOOST_TEST(X509_get_signature_nid(ec.get()) == NID_ecdsa_with_SHA384);
    spec.key = KeyKind::Rsa1024;
    spec.hash = SignatureHash::Sha1;
    spec.self_signed = true;  // an RSA signer, so the signature is sha1WithRSAEncryption
    auto rsa = parse_certificate(test_ca().issue(spec).cert_pem);
    BOOST_TEST(EVP_PKEY_is_a(X509_get0_pubkey(rsa.get()), "RSA") == 1);
    BOOST_TEST(EVP_PKEY_get_bits(X509_get0_pubkey(rsa.get())) == 1024);
    BOOST_TEST(X509_get_signature_nid(rsa.get()) == NID_sha1WithRSAEncryption);
}

BOOST_AUTO_TEST_CASE(rejects_specs_that_cannot_be_certificates) {
    auto spec = leaf("bad.lab.test");
    spec.ip_addresses = {"not-an-ip"};
    BOOST_CHECK_THROW(test_ca().issue(spec), std::invalid_argument);
    spec = leaf("bad.lab.test", 10, 5);
    BOOST_CHECK_THROW(test_ca().issue(spec), std::invalid_argument);
    spec = leaf(std::string(65, 'a'));
    BOOST_CHECK_THROW(test_ca().issue(spec), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(servers)

BOOST_AUTO_TEST_CASE(default_server_speaks_tls13_with_a_verifiable_chain_and_answers_ok) {
    LoopbackServer server(tls_server(leaf("good.lab.test")));
    ClientOptions options;
    options.sni = "good.lab.test";
    options.verify = true;
    options.request = true;
    const auto result = handshake(server.port(), options);
    BOOST_TEST_REQUIRE(result.ok);
    BOOST_TEST(result.version == TLS1_3_VERSION);
    BOOST_TEST(result.verify_result == X509_V_OK);
    BOOST_TEST(result.response.rfind("HTTP/1.1 200 OK\r\n", 0) == 0U, result.response);
    BOOST_TEST(result.response.substr(result.response.size() - 4) == "\r\nok");
    BOOST_TEST(server.connections() == 1U);
}

BOOST_AUTO_TEST_CASE(expired_certificate_is_served_with_not_after_in_the_past) {
    LoopbackServer server(tls_server(leaf("expired.lab.test", -400, -3)));
    ClientOptions options;
    options.sni = "expired.lab.test";
    options.verify = true;
    const auto result = handshake(server.port(), options);
    BOOST_TEST_REQUIRE(result.ok);
    BOOST_TEST(X509_cmp_current_time(X509_get0_notAfter(result.peer.get())) < 0);
    BOOST_TEST(days_from_now(X509_get0_notAfter(result.peer.get())) == -3);
    BOOST_TEST(result.verify_result == X509_V_ERR_CERT_HAS_EXPIRED);
}

BOOST_AUTO_TEST_CASE(not_yet_valid_certificate_is_served_with_not_before_in_the_future) {
    LoopbackServer server(tls_server(leaf("future.lab.test", 7, 300)));
    ClientOptions options;
    options.verify = true;
    const auto result = handshake(server.port(), options);
    BOOST_TEST_REQUIRE(result.ok);
    BOOST_TEST(X509_cmp_current_time(X509_get0_notBefore(result.peer.get())) > 0);
    BOOST_TEST(result.verify_result == X509_V_ERR_CERT_NOT_YET_VALID);
}

BOOST_AUTO_TEST_CASE(wrong_hostname_chains_to_the_ca_but_fails_the_name_check) {
    auto spec = leaf("old-portal.example.vn");
    LoopbackServer server(tls_server(spec));
    ClientOptions options;
    options.sni = "portal.lab.test";
    options.verify = true;
    const auto result = handshake(server.port(), options);
    BOOST_TEST_REQUIRE(result.ok);
    BOOST_TEST(result.verify_result == X509_V_ERR_HOSTNAME_MISMATCH);
}

BOOST_AUTO_TEST_CASE(tls10_only_server_accepts_tls10_and_refuses_tls12_and_tls13) {
    auto spec = leaf("legacy.lab.test");
    spec.key = KeyKind::Rsa1024;
    spec.hash = SignatureHash::Sha1;
    LoopbackServer server(tls_server(spec, "TLSv1", "TLSv1"));
    const auto tls10 = handshake_only(server.port(), TLS1_VERSION);
    BOOST_TEST_REQUIRE(tls10.ok);
    BOOST_TEST(tls10.version == TLS1_VERSION);
    BOOST_TEST(EVP_PKEY_get_bits(X509_get0_pubkey(tls10.peer.get())) == 1024);
    // The lab CA has an EC key, so a SHA-1 leaf it signs carries ecdsa-with-SHA1.
    BOOST_TEST(X509_get_signature_nid(tls10.peer.get()) == NID_ecdsa_with_SHA1);
    BOOST_TEST(!handshake_only(server.port(), TLS1_2_VERSION).ok);
    BOOST_TEST(!handshake_only(server.port(), TLS1_3_VERSION).ok);
    BOOST_TEST(server.connections() == 3U);
}

BOOST_AUTO_TEST_CASE(tls12_only_server_refuses_tls13_and_tls11) {
    LoopbackServer server(tls_server(leaf("tls12.lab.test"), "TLSv1.2", "TLSv1.2"));
    BOOST_TEST(handshake_only(server.port(), TLS1_2_VERSION).ok);
    BOOST_TEST(!handshake_only(server.port(), TLS1_3_VERSION).ok);
    BOOST_TEST(!handshake_only(server.port(), TLS1_1_VERSION).ok);
}

BOOST_AUTO_TEST_CASE(plain_server_answers_http_in_clear_text_even_to_a_client_hello) {
    ServerSpec spec;
    spec.behaviour = Behaviour::Plain;
    LoopbackServer server(spec);
    {
        ClientSocket socket(server.port());
        // The start of a TLS record: the lab must still answer cleanly, not reset.
        const char hello[] = "\x16\x03\x01\x00\x05hello";
        ::send(socket.fd, hello, sizeof hello - 1, MSG_NOSIGNAL);
        const auto text = socket.read_all();
        BOOST_TEST(text.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0U, text);
    }
    BOOST_TEST(!handshake_only(server.port(), TLS1_2_VERSION).ok);
    BOOST_TEST(server.connections() == 2U);
}

BOOST_AUTO_TEST_CASE(silent_server_sends_nothing_and_stops_within_a_second) {
    auto server = std::make_unique<LoopbackServer>([] {
        ServerSpec spec;
        spec.behaviour = Behaviour::Silent;
        return spec;
    }());
    ClientSocket socket(server->port());
    ::send(socket.fd, "\x16\x03\x01", 3, MSG_NOSIGNAL);
    BOOST_TEST(!socket.readable_within(300ms));
    BOOST_TEST(server->connections() == 1U);
    const auto start = Clock::now();
    server.reset();  // the connection is still open: stopping must not wait for it
    BOOST_TEST(elapsed_ms(start) < 1000);
    BOOST_TEST(socket.readable_within(1000ms), "the lab closed the connection");
    BOOST_TEST(socket.read_all().empty());
}

BOOST_AUTO_TEST_CASE(a_stuck_client_does_not_block_the_next_one) {
    LoopbackServer server(tls_server(leaf("busy.lab.test")));
    ClientSocket stuck(server.port());  // connects and never sends a ClientHello
    const auto start = Clock::now();
    BOOST_TEST(handshake_only(server.port(), TLS1_3_VERSION).ok);
    BOOST_TEST(elapsed_ms(start) < 2000);
}

BOOST_AUTO_TEST_CASE(bounds_concurrent_connections_and_accepts_more_as_they_finish) {
    ServerSpec spec;
    spec.behaviour = Behaviour::Silent;
    LoopbackServer server(spec);
    std::vector<std::unique_ptr<ClientSocket>> clients;
    for (int i = 0; i < 40; ++i) {
        clients.push_back(std::make_unique<ClientSocket>(server.port()));  // backlog takes them
    }
    BOOST_TEST(eventually([&] { return server.connections() >= 32U; }));
    std::this_thread::sleep_for(300ms);
    BOOST_TEST(server.connections() == 32U, "at most 32 connections are served at once");
    clients.erase(clients.begin(), clients.begin() + 10);  // their workers see EOF and finish
    BOOST_TEST(eventually([&] { return server.connections() == 40U; }));
}

BOOST_AUTO_TEST_CASE(port_zero_gives_a_real_port_and_a_busy_port_is_a_clear_error) {
    ServerSpec spec;
    spec.behaviour = Behaviour::Plain;
    std::uint16_t port = 0;
    {
        LoopbackServer first(spec);
        port = first.port();
        BOOST_TEST(port != 0);
        ClientSocket socket(port);  // really listening
        spec.port = port;
        try {
            LoopbackServer second(spec);
            BOOST_FAIL("a second server on a busy port must throw");
        } catch (const std::runtime_error& e) {
            const std::string message = e.what();
            BOOST_TEST(message.find("127.0.0.1:" + std::to_string(port)) != std::string::npos,
                       message);
        }
    }
    LoopbackServer again(spec);  // a stopped server gives its port back at once
    BOOST_TEST(again.port() == port);
}

BOOST_AUTO_TEST_CASE(refuses_non_loopback_addresses) {
    for (const char* address :
         {"10.0.0.1", "0.0.0.0", "192.168.1.10", "::", "::ffff:127.0.0.1", "localhost", ""}) {
        ServerSpec spec;
        spec.behaviour = Behaviour::Plain;
        spec.bind_address = address;
        BOOST_CHECK_THROW(LoopbackServer{spec}, std::invalid_argument);
        BOOST_TEST(!is_loopback_address(address), address);
    }
    BOOST_TEST(is_loopback_address("127.0.0.1"));
    BOOST_TEST(is_loopback_address("127.1.2.3"));
    BOOST_TEST(is_loopback_address("::1"));
}

BOOST_AUTO_TEST_CASE(serves_on_other_loopback_addresses) {
    ServerSpec spec;
    spec.behaviour = Behaviour::Plain;
    spec.bind_address = "127.0.0.2";
    LoopbackServer v4(spec);
    ClientSocket socket(v4.port(), "127.0.0.2");
    BOOST_TEST(socket.read_all().rfind("HTTP/1.1 400", 0) == 0U);
    spec.bind_address = "::1";
    try {
        LoopbackServer v6(spec);
        ClientSocket socket6(v6.port(), "::1");
        BOOST_TEST(socket6.read_all().rfind("HTTP/1.1 400", 0) == 0U);
    } catch (const std::runtime_error& e) {
        BOOST_TEST_MESSAGE("no IPv6 loopback here, skipped: " << e.what());
    }
}

BOOST_AUTO_TEST_CASE(rejects_bad_server_specs) {
    auto spec = tls_server(leaf("spec.lab.test"));
    spec.min_protocol = "SSLv3";
    BOOST_CHECK_THROW(LoopbackServer{spec}, std::invalid_argument);
    spec.min_protocol = "TLSv1.3";
    spec.max_protocol = "TLSv1.2";
    BOOST_CHECK_THROW(LoopbackServer{spec}, std::invalid_argument);
    spec = tls_server(leaf("spec.lab.test"));
    spec.cipher_list = "NO-SUCH-CIPHER";
    BOOST_CHECK_THROW(LoopbackServer{spec}, std::runtime_error);
    spec = ServerSpec{};
    BOOST_CHECK_THROW(LoopbackServer{spec}, std::runtime_error);  // TLS without credentials
    BOOST_TEST(ERR_peek_error() == 0UL, "no OpenSSL errors left behind");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(the_demo_lab_description_loads_with_every_defect) {
    const auto config = load_lab_config(std::string(ATTT_SOURCE_DIR) + "/seeds/lab/lab.json");
    BOOST_TEST(config.ca_name == "ATTT Lab Root CA (Vĩnh Phúc demo)");
    BOOST_TEST(config.endpoints.size() >= 44U);
    std::map<std::string, int> defects;
    std::set<std::uint16_t> ports;
    for (const auto& e : config.endpoints) {
        ++defects[e.defect];
        ports.insert(e.port);
        BOOST_TEST((e.port >= 18443 && e.port <= 18520), e.name);
    }
    BOOST_TEST(ports.size() == config.endpoints.size());
    BOOST_TEST(defects["none"] * 2 > static_cast<int>(config.endpoints.size()), "most are good");
    for (const char* defect : {"expired",
                               "expiring-soon",
                               "not-yet-valid",
                               "self-signed",
                               "wrong-hostname",
                               "weak-key",
                               "sha1-signature",
                               "legacy-tls",
                               "tls12-only"}) {
        BOOST_TEST(defects[defect] >= 2, defect);
    }
    for (const char* defect : {"not-tls", "timeout", "unreachable", "sslv3-rc4", "sslv2-export"}) {
        BOOST_TEST(defects[defect] >= 1, defect);
    }
}

BOOST_AUTO_TEST_CASE(every_lab_endpoint_belongs_to_one_system_of_the_sample_inventory) {
    const std::string root = ATTT_SOURCE_DIR;
    const auto config = load_lab_config(root + "/seeds/lab/lab.json");
    std::map<std::uint16_t, std::string> names;
    for (const auto& e : config.endpoints) {
        names[e.port] = e.name;
    }
    std::ifstream csv(root + "/seeds/inventory/province.csv");
    std::string line;
    std::getline(csv, line);
    BOOST_TEST(line ==
               "system_id,system_name,unit_id,unit_name,unit_kind,owner,contact,level,"
               "approval_status,decision_no,decision_date,legal_basis,endpoints");
    std::map<std::uint16_t, std::string> owner;
    int systems = 0;
    while (std::getline(csv, line) && systems < 10'000) {
        const auto fields = csv_fields(line);
        BOOST_TEST_REQUIRE(fields.size() == 13U, line);
        ++systems;
        std::size_t start = 0;
        const std::string& endpoints = fields[12];
        while (start < endpoints.size()) {
            auto end = endpoints.find(';', start);
            end = end == std::string::npos ? endpoints.size() : end;
            const auto uri = endpoints.substr(start, end - start);
            start = end + 1;
            // service://127.0.0.1:PORT?sni=NAME
            const auto host_at = uri.find("://127.0.0.1:");
            const auto query_at = uri.find("?sni=");
            BOOST_TEST_REQUIRE((host_at != std::string::npos && query_at != std::string::npos),
                               uri);
            const auto port_text = uri.substr(host_at + 13, query_at - host_at - 13);
            const auto port = static_cast<std::uint16_t>(std::stoi(port_text));
            BOOST_TEST(names.count(port) == 1U, uri << " is not a lab port");
            BOOST_TEST(names[port] == uri.substr(query_at + 5), uri << " sni is not the lab name");
            BOOST_TEST(owner.emplace(port, fields[0]).second, uri << " is listed twice");
        }
    }
    BOOST_TEST(systems >= 44);
    BOOST_TEST(owner.size() == config.endpoints.size(), "every lab endpoint has a system");
}

BOOST_AUTO_TEST_CASE(reads_http_headers_starttls_and_the_redirect_behaviour) {
    TempDir dir;
    const auto path = dir.write("lab.json", endpoint_json(R"(
        {"name": "a.lab.test", "port": 18443, "starttls": "smtp",
         "http_headers": {"Strict-Transport-Security": "max-age=600", "Server": "nginx"}},
        {"name": "b.lab.test", "port": 18444, "behaviour": "http-redirect"})"));
    const auto config = load_lab_config(path);
    BOOST_TEST_REQUIRE(config.endpoints.size() == 2U);
    BOOST_TEST(config.endpoints[0].starttls == "smtp");
    BOOST_TEST_REQUIRE(config.endpoints[0].http_headers.size() == 2U);
    BOOST_TEST(config.endpoints[0].http_headers[1].first == "Strict-Transport-Security");
    BOOST_TEST(config.endpoints[0].http_headers[1].second == "max-age=600");
    BOOST_TEST((config.endpoints[1].behaviour == Behaviour::HttpRedirect));
    const auto bad = dir.write("bad.json", endpoint_json(R"(
        {"name": "a.lab.test", "port": 18443, "http_headers": {"Server": 7}})"));
    BOOST_CHECK_THROW(load_lab_config(bad), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(reads_every_field_and_applies_defaults) {
    TempDir dir;
    const auto path = dir.write("lab.json", endpoint_json(R"(
        {"name": "a.lab.test", "port": 18443, "defect": "legacy-tls", "min_protocol": "TLSv1",
         "max_protocol": "TLSv1.2", "cipher_list": "AES128-SHA",
         "certificate": {"dns_names": ["b.lab.test", "c.lab.test"], "ip_addresses": ["127.0.0.1"],
                         "key": "rsa1024", "signature": "sha1", "not_before_days": -400,
                         "not_after_days": -2, "self_signed": true}},
        {"name": "d.lab.test", "port": 18444, "behaviour": "silent"},
        {"name": "e.lab.test", "port": 18445, "closed": true, "defect": "unreachable"})"));
    const auto config = load_lab_config(path);
    BOOST_TEST_REQUIRE(config.endpoints.size() == 3U);
    const auto& a = config.endpoints[0];
    BOOST_TEST(a.port == 18443);
    BOOST_TEST((a.behaviour == Behaviour::Tls));
    BOOST_TEST(a.min_protocol == "TLSv1");
    BOOST_TEST(a.max_protocol == "TLSv1.2");
    BOOST_TEST(a.cipher_list == "AES128-SHA");
    BOOST_TEST(a.defect == "legacy-tls");
    BOOST_TEST(a.certificate.common_name == "b.lab.test");
    BOOST_TEST(a.certificate.dns_names.size() == 2U);
    BOOST_TEST(a.certificate.ip_addresses.size() == 1U);
    BOOST_TEST((a.certificate.key == KeyKind::Rsa1024));
    BOOST_TEST((a.certificate.hash == SignatureHash::Sha1));
    BOOST_TEST(a.certificate.not_before_days == -400);
    BOOST_TEST(a.certificate.not_after_days == -2);
    BOOST_TEST(a.certificate.self_signed);
    const auto& d = config.endpoints[1];
    BOOST_TEST((d.behaviour == Behaviour::Silent));
    BOOST_TEST(d.defect == "none");
    BOOST_TEST(d.certificate.common_name == "d.lab.test");
    BOOST_TEST(d.certificate.dns_names == std::vector<std::string>{"d.lab.test"});
    BOOST_TEST((d.certificate.key == KeyKind::EcP256));
    BOOST_TEST(!d.closed);
    BOOST_TEST(config.endpoints[2].closed);
}

BOOST_AUTO_TEST_CASE(bad_descriptions_name_the_file_and_the_problem) {
    const std::string ok = R"({"name": "a.lab.test", "port": 18443})";
    BOOST_TEST(config_error(endpoint_json(ok)).empty());
    const std::map<std::string, std::string> cases{
        {endpoint_json(ok + "," + ok), "used by an earlier endpoint"},
        {endpoint_json(R"({"name": "a", "port": 0})"), "outside 1..65535"},
        {endpoint_json(R"({"name": "a", "port": 70000})"), "outside 1..65535"},
        {endpoint_json(R"({"name": "a", "port": "443"})"), "expected an integer"},
        {endpoint_json(R"({"name": "a"})"), "missing port"},
        {endpoint_json(R"({"name": "a", "port": 1, "behavior": "tls"})"), "unknown key 'behavior'"},
        {endpoint_json(R"({"name": "a", "port": 1, "behaviour": "quic"})"), "unknown value 'quic'"},
        {endpoint_json(R"({"name": "a", "port": 1, "min_protocol": "SSLv3"})"), "unknown protocol"},
        {endpoint_json(R"({"name": "a", "port": 1, "min_protocol": "TLSv1.3",
                           "max_protocol": "TLSv1.2"})"),
         "above max_protocol"},
        {endpoint_json(R"({"name": "a", "port": 1, "certificate": {"key": "dsa"}})"),
         "unknown value 'dsa'"},
        {endpoint_json(R"({"name": "a", "port": 1,
                           "certificate": {"not_before_days": 5, "not_after_days": 5}})"),
         "greater than not_before_days"},
        {endpoint_json(R"({"name": "a b", "port": 1})"), "without spaces"},
        {R"({"endpoints": []})", "expected 1 to"},
        {R"({"endpoints": [)", "invalid JSON"},
        {"[1, 2]", "expected an object"},
    };
    for (const auto& [text, expected] : cases) {
        const auto message = config_error(text);
        BOOST_TEST(message.find(expected) != std::string::npos, message << " <- " << text);
    }
}

BOOST_AUTO_TEST_CASE(refuses_missing_and_oversized_files) {
    TempDir dir;
    BOOST_CHECK_THROW(load_lab_config((dir.path / "absent.json").string()), std::runtime_error);
    const auto big = dir.write("big.json", std::string((1U << 20U) + 1U, ' '));
    try {
        load_lab_config(big);
        BOOST_FAIL("an oversized file must be refused");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("1 MiB") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
