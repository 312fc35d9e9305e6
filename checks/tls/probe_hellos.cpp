#include "checks/tls/probe_hellos.h"

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/client_hello.h"
#include "checks/tls/named_groups.h"
#include "checks/tls/sslv2_ciphers.h"

namespace attt::tls {

namespace {

bool is_tls13_suite(const CipherSuite& suite) {
    return (suite.code >> 8) == 0x13;
}

bool is_signalling(const CipherSuite& suite) {
    return suite.key_exchange == "SCSV" || suite.code == 0x0000;
}

}  // namespace

std::vector<std::uint16_t> candidate_suites(Protocol protocol) {
    std::vector<std::uint16_t> out;
    for (const auto& suite : all_cipher_suites()) {
        if (is_signalling(suite)) {
            continue;
        }
        if (is_tls13_suite(suite) == (protocol == Protocol::Tls13)) {
            out.push_back(suite.code);
        }
    }
    return out;
}

std::vector<std::uint16_t> candidate_groups() {
    std::vector<std::uint16_t> out;
    for (const auto& group : all_named_groups()) {
        out.push_back(group.code);
    }
    return out;
}

std::vector<std::uint8_t> build_probe_hello(const HelloOffer& offer) {
    ClientHelloSpec spec;
    spec.cipher_suites = offer.suites;
    spec.supported_groups = offer.groups;
    spec.server_name = offer.sni;
    spec.fallback_scsv = offer.fallback_scsv;
    if (offer.protocol == Protocol::Tls13) {
        spec.version = kTls12;
        spec.tls13_only = true;
        spec.key_share = false;
        return build_client_hello(spec);
    }
    spec.version = wire_version(offer.protocol);
    // RFC 5746: the SCSV works for SSLv3 too, which has no extensions to carry the extension.
    spec.empty_renegotiation_info_scsv = true;
    spec.offer_compression = true;
    spec.status_request = true;
    spec.session_ticket = true;
    spec.heartbeat = true;
    spec.alpn = offer.alpn_h2 ? std::vector<std::string>{"h2", "http/1.1"}
                              : std::vector<std::string>{"http/1.1"};
    return build_client_hello(spec);
}

std::vector<std::uint8_t> build_sslv2_probe() {
    std::vector<std::uint32_t> specs;
    for (const auto& cipher : all_sslv2_ciphers()) {
        specs.push_back(cipher.code);
    }
    return build_sslv2_client_hello(specs);
}

}  // namespace attt::tls
