// The lab serves what it claims: a test of the test servers, with a plain OpenSSL client.
#define BOOST_TEST_MODULE lab
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "checks/tls/openssl_handles.h"
#include "tests/lab/certificate_authority.h"
#include "tests/lab/lab_config.h"
#include "tests/lab/loopback_server.h"

using namespace attt::lab;

namespace {

int connect_loopback(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    timeval timeout{3, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_TEST_REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    return fd;
}

/// Handshakes with only `version` allowed; returns the peer certificate or null on refusal.
attt::tls::X509Ptr handshake(std::uint16_t port, int version) {
    attt::tls::SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    SSL_CTX_set_security_level(ctx.get(), 0);
    SSL_CTX_set_cipher_list(ctx.get(), "ALL:@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(ctx.get(), version);
    SSL_CTX_set_max_proto_version(ctx.get(), version);
    attt::tls::SslPtr ssl(SSL_new(ctx.get()));
    const int fd = connect_loopback(port);
    SSL_set_fd(ssl.get(), fd);
    attt::tls::X509Ptr cert;
    if (SSL_connect(ssl.get()) == 1) {
        cert.reset(SSL_get1_peer_certificate(ssl.get()));
        SSL_shutdown(ssl.get());
    }
    ERR_clear_error();
    ::close(fd);
    return cert;
}

}  // namespace

BOOST_AUTO_TEST_CASE(expired_certificate_is_served_with_not_after_in_the_past) {
    auto ca = CertificateAuthority::create("Lab CA");
    CertificateSpec spec;
    spec.common_name = "expired.lab";
    spec.dns_names = {"expired.lab"};
    spec.not_before_days = -400;
    spec.not_after_days = -3;
    ServerSpec server;
    server.credentials = ca.issue(spec);
    LoopbackServer lab(server);
    auto cert = handshake(lab.port(), TLS1_3_VERSION);
    BOOST_TEST_REQUIRE(cert != nullptr);
    BOOST_TEST(X509_cmp_current_time(X509_get0_notAfter(cert.get())) < 0);
    BOOST_TEST(lab.connections() >= 1U);
}

BOOST_AUTO_TEST_CASE(tls10_only_server_accepts_tls10_and_refuses_tls12) {
    auto ca = CertificateAuthority::create("Lab CA");
    CertificateSpec spec;
    spec.common_name = "legacy.lab";
    spec.key = KeyKind::Rsa1024;
    spec.hash = SignatureHash::Sha1;
    ServerSpec server;
    server.credentials = ca.issue(spec);
    server.min_protocol = "TLSv1";
    server.max_protocol = "TLSv1";
    LoopbackServer lab(server);
    auto cert = handshake(lab.port(), TLS1_VERSION);
    BOOST_TEST_REQUIRE(cert != nullptr);
    BOOST_TEST(EVP_PKEY_get_bits(X509_get0_pubkey(cert.get())) == 1024);
    // The lab CA has an EC key, so a SHA-1 leaf carries ecdsa-with-SHA1.
    BOOST_TEST(X509_get_signature_nid(cert.get()) == NID_ecdsa_with_SHA1);
    BOOST_TEST(handshake(lab.port(), TLS1_2_VERSION) == nullptr);
}

BOOST_AUTO_TEST_CASE(plain_server_answers_in_clear_text) {
    ServerSpec server;
    server.behaviour = Behaviour::Plain;
    LoopbackServer lab(server);
    const int fd = connect_loopback(lab.port());
    char buf[16] = {};
    const auto n = ::recv(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    BOOST_TEST(n > 0);
    BOOST_TEST(std::string(buf).rfind("HTTP/1.1 400", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(refuses_a_non_loopback_address) {
    ServerSpec server;
    server.behaviour = Behaviour::Plain;
    server.bind_address = "10.0.0.1";
    BOOST_CHECK_THROW(LoopbackServer{server}, std::invalid_argument);
    server.bind_address = "0.0.0.0";
    BOOST_CHECK_THROW(LoopbackServer{server}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_demo_lab_description_loads) {
    const auto config = load_lab_config(std::string(ATTT_SOURCE_DIR) + "/seeds/lab/lab.json");
    BOOST_TEST(config.endpoints.size() >= 40U);
    std::size_t closed = 0;
    for (const auto& e : config.endpoints) {
        closed += e.closed ? 1 : 0;
    }
    BOOST_TEST(closed >= 1U);
}
