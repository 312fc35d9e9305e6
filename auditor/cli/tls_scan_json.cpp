#include "auditor/cli/tls_scan_json.h"

#include <fmt/format.h>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/named_groups.h"
#include "checks/tls/sslv2_ciphers.h"
#include "checks/tls/weaknesses.h"

namespace attt::cli {

namespace {

using nlohmann::json;
using tls::Protocol;

template <class T>
json optional_json(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json suite_json(std::uint16_t code) {
    const tls::CipherSuite* suite = tls::find_cipher_suite(code);
    return {{"iana", suite != nullptr ? std::string(suite->iana_name) : std::string{}},
            {"code", fmt::format("0x{:04X}", code)},
            {"openssl", suite != nullptr ? std::string(suite->openssl_name) : std::string{}},
            {"bits", suite != nullptr ? suite->bits : 0}};
}

json sslv2_json(std::uint32_t code) {
    const tls::Sslv2Cipher* cipher = tls::find_sslv2_cipher(code);
    return {{"iana", cipher != nullptr ? std::string(cipher->name) : std::string{}},
            {"code", fmt::format("0x{:06X}", code)},
            {"openssl", cipher != nullptr ? std::string(cipher->openssl_name) : std::string{}},
            {"bits", cipher != nullptr ? cipher->bits : 0}};
}

void add_protocols(const tls::TlsScan& scan, json& out) {
    json protocols = json::object();
    json suites = json::object();
    json preference = json::object();
    bool any_server_order = false;
    for (const auto& support : scan.protocols) {
        const std::string label(tls::protocol_label(support.protocol));
        protocols[label] = support.accepted;
        if (!support.accepted) {
            continue;
        }
        json list = json::array();
        for (const auto code : support.suites) {
            list.push_back(suite_json(code));
        }
        for (const auto code : support.sslv2_cipher_specs) {
            list.push_back(sslv2_json(code));
        }
        suites[label] = std::move(list);
        preference[label] = optional_json(support.server_preference);
        any_server_order = any_server_order || support.server_preference.value_or(false);
    }
    out["protocols"] = std::move(protocols);
    out["cipher_suites"] = std::move(suites);
    out["server_preference"] = any_server_order;
    out["server_preference_by_protocol"] = std::move(preference);
}

json certificate_json(const tls::CertificateSummary& cert) {
    return {{"subject", cert.subject},
            {"issuer", cert.issuer},
            {"serial", cert.serial},
            {"san", cert.san},
            {"not_before", cert.not_before},
            {"not_after", cert.not_after},
            {"days_left", cert.days_left},
            {"expired", cert.expired},
            {"not_yet_valid", cert.not_yet_valid},
            {"key_type", cert.key_type},
            {"key_bits", cert.key_bits},
            {"signature_algorithm", cert.signature_algorithm},
            {"signature_hash", cert.signature_hash},
            {"self_signed", cert.self_signed},
            {"checked_name", cert.checked_name},
            {"hostname_match", cert.hostname_match},
            {"chain_trusted", cert.chain_trusted},
            {"chain_complete", cert.chain_complete},
            {"verify_error", cert.verify_error},
            {"chain_length", cert.chain_length},
            {"sha256_fingerprint", cert.sha256_fingerprint}};
}

json features_json(const tls::SessionFeatures& f) {
    return {{"compression", f.compression},
            {"secure_renegotiation", optional_json(f.secure_renegotiation)},
            {"fallback_scsv", optional_json(f.fallback_scsv)},
            {"session_resumption",
             {{"session_id", optional_json(f.session_id_resumption)},
              {"tickets", optional_json(f.session_tickets)}}},
            {"ocsp_stapling", f.ocsp_stapling},
            {"alpn", f.alpn},
            {"heartbeat", f.heartbeat}};
}

json http_json(const tls::HttpSummary& http) {
    json headers = json::object();
    for (const auto& [name, value] : http.headers) {
        if (!headers.contains(name)) {
            headers[name] = value;
        }
    }
    return {{"status", http.status},
            {"status_line", http.status_line},
            {"location", http.location},
            {"headers", std::move(headers)},
            {"hsts_max_age", optional_json(http.hsts_max_age)},
            {"hsts_include_subdomains", http.hsts_include_subdomains},
            {"hsts_preload", http.hsts_preload},
            {"server", http.server},
            {"server_discloses_version", http.server_discloses_version},
            {"content_security_policy", http.content_security_policy},
            {"x_frame_options", http.x_frame_options},
            {"x_content_type_options", http.x_content_type_options},
            {"referrer_policy", http.referrer_policy},
            {"cookies",
             {{"count", http.cookies},
              {"without_secure", http.cookies_without_secure},
              {"without_httponly", http.cookies_without_httponly},
              {"without_samesite", http.cookies_without_samesite}}},
            {"error", http.error}};
}

json grade_json(const tls::Grade& grade) {
    return {{"letter", grade.letter},
            {"score", grade.score},
            {"protocol_score", grade.protocol_score},
            {"key_exchange_score", grade.key_exchange_score},
            {"cipher_score", grade.cipher_score},
            {"reasons", grade.reasons}};
}

}  // namespace

nlohmann::json tls_scan_json(const tls::TlsScan& scan) {
    json out{{"target",
              {{"host", scan.host},
               {"port", scan.port},
               {"sni", scan.sni},
               {"starttls", scan.starttls.empty() ? json(nullptr) : json(scan.starttls)}}},
             {"status", std::string(to_string(scan.status))},
             {"detail", scan.detail}};
    const bool ok = scan.status == TargetStatus::Ok;
    if (ok) {
        add_protocols(scan, out);
        json groups = json::array();
        for (const auto code : scan.key_exchange.groups) {
            groups.push_back(tls::group_name(code));
        }
        out["groups"] = std::move(groups);
        out["dh_bits"] = scan.key_exchange.smallest_dh_bits > 0
                             ? json(scan.key_exchange.smallest_dh_bits)
                             : json(nullptr);
        out["negotiated"] = {{"protocol", scan.negotiated_protocol},
                             {"cipher", scan.negotiated_cipher}};
        out["features"] = features_json(scan.features);
        json certificates = json::array();
        for (const auto& cert : scan.certificates) {
            certificates.push_back(certificate_json(cert));
        }
        out["certificate"] = certificates.empty() ? json(nullptr) : certificates.front();
        out["certificates"] = std::move(certificates);
        json vulnerabilities = json::object();
        for (const auto& [name, value] : tls::vulnerability_list(scan.vulnerabilities)) {
            vulnerabilities[std::string(name)] = value;
        }
        out["vulnerabilities"] = std::move(vulnerabilities);
        out["http"] = scan.http ? http_json(*scan.http) : json(nullptr);
        out["grade"] = scan.grade ? json(scan.grade->letter) : json(nullptr);
        out["grade_detail"] = scan.grade ? grade_json(*scan.grade) : json(nullptr);
    }
    out["connections"] = scan.connections;
    out["elapsed_ms"] = scan.elapsed.count();
    return out;
}

}  // namespace attt::cli
