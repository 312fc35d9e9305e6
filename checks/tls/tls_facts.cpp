#include "checks/tls/tls_facts.h"

#include <algorithm>

#include <fmt/format.h>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/named_groups.h"
#include "checks/tls/sslv2_ciphers.h"
#include "checks/tls/weaknesses.h"

namespace attt::tls {

namespace {

class FactWriter {
public:
    FactWriter(FactSet& facts, const Evidence& evidence) : facts_(facts), evidence_(evidence) {}

    void add(std::string name, FactValue value) {
        facts_.add(std::move(name), std::move(value), evidence_);
    }

    void optional(std::string name, const std::optional<bool>& value) {
        if (value) {
            add(std::move(name), *value);
        }
    }

private:
    FactSet& facts_;
    const Evidence& evidence_;
};

/// Flags over every accepted suite of TLS 1.2 and older (SSLv2 kinds included where they
/// apply): what a rule about weak suites needs without listing suites itself.
struct SuiteFlags {
    bool has_export = false;
    bool has_null = false;
    bool has_anon = false;
    bool has_rc4 = false;
    bool has_des = false;
    bool has_3des = false;
    bool has_static_rsa = false;  ///< RSA key transport: no forward secrecy
    bool all_forward_secret = true;
    bool all_aead = true;
    std::int64_t min_bits = -1;
};

void account(SuiteFlags& flags, const CipherSuite& suite) {
    flags.has_export |= suite.is_export;
    flags.has_null |= suite.is_null;
    flags.has_anon |= suite.is_anon;
    flags.has_rc4 |= suite.is_rc4;
    flags.has_des |= suite.is_des;
    flags.has_3des |= suite.is_3des;
    flags.has_static_rsa |= suite.key_exchange == "RSA";
    flags.all_forward_secret &= suite.forward_secret;
    flags.all_aead &= suite.is_aead;
    if (flags.min_bits < 0 || suite.bits < flags.min_bits) {
        flags.min_bits = suite.bits;
    }
}

SuiteFlags suite_flags(const TlsScan& scan) {
    SuiteFlags flags;
    for (const auto& support : scan.protocols) {
        for (const auto code : support.suites) {
            if (const CipherSuite* suite = find_cipher_suite(code)) {
                account(flags, *suite);
            }
        }
        for (const auto code : support.sslv2_cipher_specs) {
            const Sslv2Cipher* cipher = find_sslv2_cipher(code);
            flags.has_export |= cipher != nullptr && cipher->is_export;
            flags.has_rc4 |= cipher != nullptr && cipher->is_rc4;
            flags.all_forward_secret = false;
            flags.all_aead = false;
        }
    }
    return flags;
}

void add_protocol_facts(const TlsScan& scan, FactWriter& out) {
    FactList accepted;
    FactList all_suites;
    for (const auto& support : scan.protocols) {
        const std::string key(protocol_key(support.protocol));
        out.add("tls.protocol." + key, support.accepted);
        if (!support.accepted) {
            continue;
        }
        accepted.emplace_back(protocol_label(support.protocol));
        auto names = suite_names(support);
        for (const auto& name : names) {
            if (std::find(all_suites.begin(), all_suites.end(), name) == all_suites.end()) {
                all_suites.push_back(name);
            }
        }
        out.add("tls.suites." + key, std::move(names));
        if (support.server_preference) {
            out.add("tls.suites." + key + ".server_preference", *support.server_preference);
        }
    }
    out.add("tls.protocols.accepted", std::move(accepted));
    out.add("tls.suites.count", static_cast<std::int64_t>(all_suites.size()));
    out.add("tls.suites.all", std::move(all_suites));
}

void add_suite_flag_facts(const TlsScan& scan, FactWriter& out) {
    const SuiteFlags flags = suite_flags(scan);
    out.add("tls.suites.has_export", flags.has_export);
    out.add("tls.suites.has_null", flags.has_null);
    out.add("tls.suites.has_anon", flags.has_anon);
    out.add("tls.suites.has_rc4", flags.has_rc4);
    out.add("tls.suites.has_des", flags.has_des);
    out.add("tls.suites.has_3des", flags.has_3des);
    out.add("tls.suites.has_static_rsa", flags.has_static_rsa);
    out.add("tls.suites.all_forward_secret", flags.all_forward_secret);
    out.add("tls.suites.all_aead", flags.all_aead);
    if (flags.min_bits >= 0) {
        out.add("tls.suites.min_bits", flags.min_bits);
    }
}

void add_key_exchange_facts(const TlsScan& scan, FactWriter& out) {
    FactList groups;
    for (const auto code : scan.key_exchange.groups) {
        groups.push_back(group_name(code));
    }
    out.add("tls.groups", std::move(groups));
    if (scan.key_exchange.smallest_dh_bits > 0) {
        out.add("tls.dh.min_bits", static_cast<std::int64_t>(scan.key_exchange.smallest_dh_bits));
    }
    if (scan.key_exchange.export_rsa_bits > 0) {
        out.add("tls.export_rsa.bits",
                static_cast<std::int64_t>(scan.key_exchange.export_rsa_bits));
    }
}

void add_feature_facts(const TlsScan& scan, FactWriter& out) {
    const SessionFeatures& f = scan.features;
    out.add("tls.compression", f.compression);
    out.optional("tls.renegotiation.secure", f.secure_renegotiation);
    out.optional("tls.fallback_scsv", f.fallback_scsv);
    out.optional("tls.session.id_resumption", f.session_id_resumption);
    out.optional("tls.session.tickets", f.session_tickets);
    out.add("tls.ocsp_stapling", f.ocsp_stapling);
    out.add("tls.alpn", FactList(f.alpn.begin(), f.alpn.end()));
    out.add("tls.heartbeat", f.heartbeat);
    for (const auto& [name, value] : vulnerability_list(scan.vulnerabilities)) {
        out.add("tls.vuln." + std::string(name), value);
    }
}

void add_certificate_facts(const CertificateSummary& cert, FactWriter& out) {
    out.add("tls.cert.subject", cert.subject);
    out.add("tls.cert.issuer", cert.issuer);
    out.add("tls.cert.serial", cert.serial);
    out.add("tls.cert.san", FactList(cert.san.begin(), cert.san.end()));
    if (!cert.not_before.empty()) {
        out.add("tls.cert.not_before", cert.not_before);
        out.add("tls.cert.not_yet_valid", cert.not_yet_valid);
    }
    if (!cert.not_after.empty()) {
        out.add("tls.cert.not_after", cert.not_after);
        out.add("tls.cert.days_left", static_cast<std::int64_t>(cert.days_left));
        out.add("tls.cert.expired", cert.expired);
    }
    out.add("tls.cert.checked_name", cert.checked_name);
    out.add("tls.cert.hostname_match", cert.hostname_match);
    out.add("tls.cert.self_signed", cert.self_signed);
    out.add("tls.cert.trusted", cert.chain_trusted);
    out.add("tls.cert.chain_complete", cert.chain_complete);
    out.add("tls.cert.verify_error", cert.verify_error);
    if (!cert.key_type.empty()) {
        out.add("tls.cert.key_type", cert.key_type);
        out.add("tls.cert.key_bits", static_cast<std::int64_t>(cert.key_bits));
    }
    out.add("tls.cert.signature_algorithm", cert.signature_algorithm);
    out.add("tls.cert.signature_hash", cert.signature_hash);
    out.add("tls.cert.chain_length", static_cast<std::int64_t>(cert.chain_length));
    out.add("tls.cert.sha256_fingerprint", cert.sha256_fingerprint);
}

void add_certificates_facts(const TlsScan& scan, FactWriter& out) {
    if (scan.certificates.empty()) {
        return;
    }
    add_certificate_facts(scan.certificates.front(), out);
    FactList key_types;
    bool all_match = true;
    bool all_trusted = true;
    for (const auto& cert : scan.certificates) {
        key_types.push_back(cert.key_type);
        all_match &= cert.hostname_match;
        all_trusted &= cert.chain_trusted;
    }
    out.add("tls.certs.count", static_cast<std::int64_t>(scan.certificates.size()));
    out.add("tls.certs.key_types", std::move(key_types));
    out.add("tls.certs.all_hostname_match", all_match);
    out.add("tls.certs.all_trusted", all_trusted);
}

}  // namespace

std::string suite_name(std::uint16_t code) {
    const CipherSuite* suite = find_cipher_suite(code);
    return suite != nullptr ? std::string(suite->iana_name) : fmt::format("0x{:04X}", code);
}

FactList suite_names(const ProtocolSupport& support) {
    FactList names;
    for (const auto code : support.suites) {
        names.push_back(suite_name(code));
    }
    for (const auto code : support.sslv2_cipher_specs) {
        const Sslv2Cipher* cipher = find_sslv2_cipher(code);
        names.push_back(cipher != nullptr ? std::string(cipher->name)
                                          : fmt::format("0x{:06X}", code));
    }
    return names;
}

void add_scan_facts(const TlsScan& scan, FactSet& facts, const Evidence& evidence) {
    if (scan.status != TargetStatus::Ok) {
        return;
    }
    FactWriter out(facts, evidence);
    if (!scan.negotiated_protocol.empty()) {
        out.add("tls.negotiated.protocol", scan.negotiated_protocol);
        out.add("tls.negotiated.cipher", scan.negotiated_cipher);
    }
    add_protocol_facts(scan, out);
    add_suite_flag_facts(scan, out);
    add_key_exchange_facts(scan, out);
    add_feature_facts(scan, out);
    add_certificates_facts(scan, out);
    if (scan.grade) {
        out.add("tls.grade", scan.grade->letter);
        out.add("tls.grade.score", static_cast<std::int64_t>(scan.grade->score));
        out.add("tls.grade.reasons",
                FactList(scan.grade->reasons.begin(), scan.grade->reasons.end()));
    }
    out.add("tls.connections", static_cast<std::int64_t>(scan.connections));
}

}  // namespace attt::tls
