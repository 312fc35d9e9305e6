#include "checks/tls/weaknesses.h"

#include <cstdint>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/sslv2_ciphers.h"

namespace attt::tls {

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

bool accepted(const TlsScan& scan, Protocol protocol) {
    return scan.protocol(protocol).accepted;
}

/// True when `protocol` is accepted and one of its suites satisfies `pred`.
template <typename Pred>
bool any_suite(const TlsScan& scan, Protocol protocol, Pred pred) {
    const ProtocolSupport& support = scan.protocol(protocol);
    if (!support.accepted) {
        return false;
    }
    for (const std::uint16_t code : support.suites) {
        const CipherSuite* suite = find_cipher_suite(code);
        if (suite != nullptr && pred(*suite)) {
            return true;
        }
    }
    return false;
}

/// True when any accepted TLS/SSLv3 suite (SSLv2 kinds excluded) satisfies `pred`.
template <typename Pred>
bool any_accepted_suite(const TlsScan& scan, Pred pred) {
    for (const Protocol protocol : kAllProtocols) {
        if (protocol != Protocol::Ssl2 && any_suite(scan, protocol, pred)) {
            return true;
        }
    }
    return false;
}

/// True when SSLv2 is accepted with a cipher kind satisfying `pred`.
template <typename Pred>
bool any_sslv2_cipher(const TlsScan& scan, Pred pred) {
    const ProtocolSupport& support = scan.protocol(Protocol::Ssl2);
    if (!support.accepted) {
        return false;
    }
    for (const std::uint32_t code : support.sslv2_cipher_specs) {
        const Sslv2Cipher* cipher = find_sslv2_cipher(code);
        if (cipher != nullptr && pred(*cipher)) {
            return true;
        }
    }
    return false;
}

bool is_64bit_block(const CipherSuite& suite) {
    // "DES" covers DES_CBC, DES40_CBC, DES_CBC_40 and 3DES_EDE_CBC.
    return contains(suite.encryption, "DES") || contains(suite.encryption, "IDEA") ||
           contains(suite.encryption, "RC2");
}

}  // namespace

bool has_64bit_block_cipher(std::uint16_t suite) {
    const CipherSuite* found = find_cipher_suite(suite);
    return found != nullptr && is_64bit_block(*found);
}

Vulnerabilities derive_vulnerabilities(const TlsScan& scan) {
    Vulnerabilities v;
    const auto is_cbc = [](const CipherSuite& s) {
        return s.is_cbc;
    };

    v.heartbleed = scan.features.heartbleed.value_or(false);
    v.poodle = any_suite(scan, Protocol::Ssl3, is_cbc);
    v.sweet32 = any_accepted_suite(scan, is_64bit_block) ||
                any_sslv2_cipher(scan, [](const Sslv2Cipher& c) { return c.is_64bit_block; });
    v.freak =
        scan.key_exchange.export_rsa_bits > 0 || any_accepted_suite(scan, [](const CipherSuite& s) {
            return s.is_export && s.key_exchange == "RSA";
        });
    const int dh_bits = scan.key_exchange.smallest_dh_bits;
    v.logjam =
        (dh_bits > 0 && dh_bits < 2048) || any_accepted_suite(scan, [](const CipherSuite& s) {
            return s.is_export && (s.key_exchange == "DHE" ||
                                   (s.key_exchange == "DH" && s.authentication == "anon"));
        });
    v.drown = accepted(scan, Protocol::Ssl2);
    v.crime = scan.features.compression;
    v.beast = any_suite(scan, Protocol::Tls10, is_cbc) || any_suite(scan, Protocol::Ssl3, is_cbc);
    v.rc4 = any_accepted_suite(scan, [](const CipherSuite& s) { return s.is_rc4; }) ||
            any_sslv2_cipher(scan, [](const Sslv2Cipher& c) { return c.is_rc4; });

    bool legacy_protocol = false;
    for (const Protocol protocol : kAllProtocols) {
        legacy_protocol =
            legacy_protocol || (protocol != Protocol::Tls13 && accepted(scan, protocol));
    }
    v.insecure_renegotiation = legacy_protocol && scan.features.secure_renegotiation.has_value() &&
                               !*scan.features.secure_renegotiation;
    v.no_fallback_scsv = scan.features.fallback_scsv.has_value() && !*scan.features.fallback_scsv;
    return v;
}

std::vector<std::pair<std::string_view, bool>> vulnerability_list(const Vulnerabilities& vulns) {
    return {
        {"heartbleed", vulns.heartbleed},
        {"poodle", vulns.poodle},
        {"sweet32", vulns.sweet32},
        {"freak", vulns.freak},
        {"logjam", vulns.logjam},
        {"drown", vulns.drown},
        {"crime", vulns.crime},
        {"beast", vulns.beast},
        {"rc4", vulns.rc4},
        {"insecure_renegotiation", vulns.insecure_renegotiation},
        {"no_fallback_scsv", vulns.no_fallback_scsv},
    };
}

}  // namespace attt::tls
