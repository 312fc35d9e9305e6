#include "checks/tls/certificate_reader.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>

#include "auditor/core/limits.h"
#include "auditor/core/time_format.h"
#include "checks/tls/evidence_text.h"
#include "checks/tls/socket.h"
#include "checks/tls/trust_store.h"

namespace attt::tls {

namespace {

// DNS names kept from one certificate. Large multi-domain certificates carry a few hundred;
// more is a hostile peer, and the list must stay within what the store keeps per fact.
constexpr std::size_t kMaxSanNames = 500;

/// "CN=portal.gov.vn,O=...": RFC 2253 order and escaping, UTF-8 kept as UTF-8 so Vietnamese
/// names stay readable.
std::string name_text(const X509_NAME* name) {
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!out || name == nullptr) {
        return {};
    }
    constexpr unsigned long kFlags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
    if (X509_NAME_print_ex(out.get(), name, 0, kFlags) < 0) {
        return {};
    }
    const char* data = nullptr;
    const long length = BIO_get_mem_data(out.get(), &data);
    return length > 0 ? bounded_text(std::string_view(data, static_cast<std::size_t>(length)))
                      : std::string{};
}

std::string serial_hex(const X509& leaf) {
    BignumPtr number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(&leaf), nullptr));
    if (!number) {
        return {};
    }
    OpenSslStringPtr hex(BN_bn2hex(number.get()));
    return hex ? bounded_text(hex.get()) : std::string{};
}

std::string ip_text(const ASN1_OCTET_STRING* address) {
    const auto* bytes = ASN1_STRING_get0_data(address);
    const int length = ASN1_STRING_length(address);
    char text[INET6_ADDRSTRLEN] = {};
    if (bytes != nullptr && length == 4 && inet_ntop(AF_INET, bytes, text, sizeof text)) {
        return text;
    }
    if (bytes != nullptr && length == 16 && inet_ntop(AF_INET6, bytes, text, sizeof text)) {
        return text;
    }
    return "IP?";
}

/// DNS names and IP addresses of the subjectAltName extension, in order.
std::vector<std::string> alt_names(const X509& leaf) {
    std::vector<std::string> names;
    GeneralNamesPtr general(static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(&leaf, NID_subject_alt_name, nullptr, nullptr)));
    if (!general) {
        return names;
    }
    const int count = sk_GENERAL_NAME_num(general.get());
    for (int i = 0; i < count && names.size() < kMaxSanNames; ++i) {
        const GENERAL_NAME* entry = sk_GENERAL_NAME_value(general.get(), i);
        if (entry != nullptr && entry->type == GEN_IPADD) {
            names.push_back(ip_text(entry->d.iPAddress));
            continue;
        }
        if (entry == nullptr || entry->type != GEN_DNS) {
            continue;
        }
        const ASN1_IA5STRING* dns = entry->d.dNSName;
        const auto* bytes = ASN1_STRING_get0_data(dns);
        const int length = ASN1_STRING_length(dns);
        if (bytes != nullptr && length > 0) {
            names.push_back(bounded_text(std::string_view(reinterpret_cast<const char*>(bytes),
                                                          static_cast<std::size_t>(length)),
                                         255));
        }
    }
    return names;
}

std::optional<TimePoint> asn1_time(const ASN1_TIME* time) {
    std::tm parts{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) {
        return std::nullopt;
    }
    return std::chrono::system_clock::from_time_t(timegm(&parts));
}

std::string key_type_name(const EVP_PKEY* key) {
    switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_RSA:
            return "RSA";
        case EVP_PKEY_RSA_PSS:
            return "RSA-PSS";
        case EVP_PKEY_EC:
            return "EC";
        case EVP_PKEY_ED25519:
            return "Ed25519";
        case EVP_PKEY_ED448:
            return "Ed448";
        case EVP_PKEY_DSA:
            return "DSA";
        case EVP_PKEY_DH:
        case EVP_PKEY_DHX:
            return "DH";
        default: {
            const char* type = EVP_PKEY_get0_type_name(key);
            return type != nullptr ? bounded_text(type, 64) : "unknown";
        }
    }
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    return text;
}

/// "SHA256", "SHA1", "MD5"; "NONE" for schemes without a separate digest (Ed25519, Ed448).
std::string signature_hash(X509& leaf) {
    int digest = NID_undef;
    if (X509_get_signature_info(&leaf, &digest, nullptr, nullptr, nullptr) != 1) {
        return "UNKNOWN";
    }
    if (digest == NID_undef) {
        return "NONE";
    }
    const char* name = OBJ_nid2sn(digest);
    return name != nullptr ? upper(name) : "UNKNOWN";
}

std::string signature_algorithm(const X509& leaf) {
    const char* name = OBJ_nid2ln(X509_get_signature_nid(&leaf));
    return name != nullptr ? name : "unknown";
}

std::string sha256_fingerprint(const X509& leaf) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (X509_digest(&leaf, EVP_sha256(), digest.data(), &length) != 1) {
        return {};
    }
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += fmt::format("{}{:02X}", i == 0 ? "" : ":", digest[i]);
    }
    return out;
}

bool matches_name(X509& leaf, const std::string& name) {
    if (name.empty()) {
        return false;
    }
    if (is_ip_literal(name)) {
        return X509_check_ip_asc(&leaf, name.c_str(), 0) == 1;
    }
    return X509_check_host(&leaf, name.data(), name.size(), 0, nullptr) == 1;
}

bool is_self_signed(X509& leaf) {
    if (X509_self_signed(&leaf, 0) == 1) {
        return true;
    }
    // Subject equals issuer and the certificate's own key verifies its signature.
    EVP_PKEY* key = X509_get0_pubkey(&leaf);
    return X509_NAME_cmp(X509_get_subject_name(&leaf), X509_get_issuer_name(&leaf)) == 0 &&
           key != nullptr && X509_verify(&leaf, key) == 1;
}

}  // namespace

CertificateSummary read_certificate(X509& leaf,
                                    const std::vector<X509*>& sent_chain,
                                    const CertificateCheck& check) {
    using std::chrono::days;
    CertificateSummary out;
    out.subject = name_text(X509_get_subject_name(&leaf));
    out.issuer = name_text(X509_get_issuer_name(&leaf));
    out.serial = serial_hex(leaf);
    out.san = alt_names(leaf);
    if (const auto not_before = asn1_time(X509_get0_notBefore(&leaf))) {
        out.not_before = format_utc(*not_before);
        out.not_yet_valid = check.now < *not_before;
    }
    if (const auto not_after = asn1_time(X509_get0_notAfter(&leaf))) {
        out.not_after = format_utc(*not_after);
        out.days_left = static_cast<long>(std::chrono::floor<days>(*not_after - check.now).count());
        out.expired = check.now > *not_after;
    }
    out.checked_name = check.expected_name;
    out.hostname_match = matches_name(leaf, check.expected_name);
    out.self_signed = is_self_signed(leaf);

    // The chain as sent, capped; it starts with the leaf.
    const std::size_t kept =
        std::min(std::max<std::size_t>(sent_chain.size(), 1), limits::kMaxChainLength);
    std::vector<X509*> intermediates;
    for (std::size_t i = 1; i < kept; ++i) {
        intermediates.push_back(sent_chain[i]);
    }
    if (check.trust != nullptr) {
        const ChainVerdict verdict = verify_chain(*check.trust, leaf, intermediates);
        out.chain_trusted = verdict.trusted;
        out.chain_complete = verdict.complete;
        out.verify_error = verdict.error;
    }
    if (const EVP_PKEY* key = X509_get0_pubkey(&leaf)) {
        out.key_type = key_type_name(key);
        out.key_bits = EVP_PKEY_get_bits(key);
    }
    out.signature_algorithm = signature_algorithm(leaf);
    out.signature_hash = signature_hash(leaf);
    out.chain_length = static_cast<int>(kept);
    out.sha256_fingerprint = sha256_fingerprint(leaf);
    ERR_clear_error();
    return out;
}

std::optional<CertificateSummary> read_peer_certificate(SSL& ssl, const CertificateCheck& check) {
    X509Ptr leaf(SSL_get1_peer_certificate(&ssl));
    if (!leaf) {
        return std::nullopt;
    }
    std::vector<X509*> sent;
    STACK_OF(X509)* chain = SSL_get_peer_cert_chain(&ssl);
    const int count = chain != nullptr ? sk_X509_num(chain) : 0;
    for (int i = 0; i < count && static_cast<std::size_t>(i) < limits::kMaxChainLength; ++i) {
        sent.push_back(sk_X509_value(chain, i));
    }
    if (sent.empty()) {
        sent.push_back(leaf.get());
    }
    return read_certificate(*leaf, sent, check);
}

std::optional<CertificateSummary> read_certificate_chain(
    std::span<const std::vector<std::uint8_t>> der_chain,
    const CertificateCheck& check) {
    std::vector<X509Ptr> owned;
    std::vector<X509*> sent;
    for (const auto& der : der_chain) {
        if (owned.size() >= limits::kMaxChainLength) {
            break;
        }
        const unsigned char* cursor = der.data();
        X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
        if (!cert) {
            break;  // a broken certificate ends the usable chain
        }
        sent.push_back(cert.get());
        owned.push_back(std::move(cert));
    }
    ERR_clear_error();
    if (sent.empty()) {
        return std::nullopt;
    }
    return read_certificate(*sent.front(), sent, check);
}

}  // namespace attt::tls
