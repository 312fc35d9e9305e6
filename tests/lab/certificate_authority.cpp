#include "tests/lab/certificate_authority.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include "tests/lab/openssl_handles.h"

namespace attt::lab {

namespace {

constexpr long kSecondsPerDay = 86'400;
// A century either way: enough for any deliberate defect, far from time_t overflow.
constexpr int kMaxDaysFromNow = 36'500;
// RFC 5280 upper bound for a commonName; OpenSSL refuses longer ones.
constexpr std::size_t kMaxCommonNameLength = 64;

/// Throws std::runtime_error naming the failed step and OpenSSL's first reason.
void check(bool ok, const char* what) {
    if (ok) {
        return;
    }
    char reason[256] = "unknown reason";
    if (const unsigned long code = ERR_get_error(); code != 0) {
        ERR_error_string_n(code, reason, sizeof reason);
    }
    ERR_clear_error();
    throw std::runtime_error(std::string("lab certificate: ") + what + ": " + reason);
}

EvpPkeyPtr generate_key(KeyKind kind) {
    EVP_PKEY* key = nullptr;
    switch (kind) {
        case KeyKind::Rsa1024:
            key = EVP_RSA_gen(1024);
            break;
        case KeyKind::Rsa2048:
            key = EVP_RSA_gen(2048);
            break;
        case KeyKind::Rsa3072:
            key = EVP_RSA_gen(3072);
            break;
        case KeyKind::Rsa4096:
            key = EVP_RSA_gen(4096);
            break;
        case KeyKind::EcP256:
            key = EVP_EC_gen("P-256");
            break;
        case KeyKind::EcP384:
            key = EVP_EC_gen("P-384");
            break;
    }
    check(key != nullptr, "key generation");
    return EvpPkeyPtr(key);
}

bool is_rsa(KeyKind kind) {
    return kind == KeyKind::Rsa1024 || kind == KeyKind::Rsa2048 || kind == KeyKind::Rsa3072 ||
           kind == KeyKind::Rsa4096;
}

const EVP_MD* digest(SignatureHash hash) {
    switch (hash) {
        case SignatureHash::Sha1:
            return EVP_sha1();
        case SignatureHash::Sha384:
            return EVP_sha384();
        case SignatureHash::Sha256:
            break;
    }
    return EVP_sha256();
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    check(length > 0 && data != nullptr, "empty PEM output");
    return {data, static_cast<std::size_t>(length)};
}

std::string certificate_to_pem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "writing a certificate");
    return bio_text(bio.get());
}

std::string key_to_pem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(
        bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "writing a private key");
    return bio_text(bio.get());
}

BioPtr read_only_bio(const std::string& text) {
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    check(bio != nullptr, "BIO_new_mem_buf");
    return bio;
}

X509Ptr certificate_from_pem(const std::string& pem) {
    auto bio = read_only_bio(pem);
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    check(cert != nullptr, "reading the CA certificate");
    return cert;
}

EvpPkeyPtr key_from_pem(const std::string& pem) {
    auto bio = read_only_bio(pem);
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    check(key != nullptr, "reading the CA key");
    return key;
}

void add_name_entry(X509_NAME* name, const char* field, const std::string& value) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(value.c_str());
    check(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, -1, -1, 0) == 1,
          "subject name entry");
}

/// Adds one extension given in openssl.cnf syntax; `issuer` supplies the authority key id.
void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    check(extension != nullptr, value);
    check(X509_add_ext(cert, extension.get(), -1) == 1, value);
}

/// Builds the subjectAltName from the spec's names programmatically, so a name can never be
/// read as configuration syntax (a comma or "IP:" inside a DNS name stays a literal).
void add_subject_alt_names(X509* cert, const CertificateSpec& spec) {
    if (spec.dns_names.empty() && spec.ip_addresses.empty()) {
        return;
    }
    GeneralNamesPtr names(GENERAL_NAMES_new());
    check(names != nullptr, "GENERAL_NAMES_new");
    auto push = [&names](int type, Asn1StringPtr value) {
        GeneralNamePtr name(GENERAL_NAME_new());
        check(name != nullptr, "GENERAL_NAME_new");
        GENERAL_NAME_set0_value(name.get(), type, value.release());
        check(sk_GENERAL_NAME_push(names.get(), name.get()) > 0, "subjectAltName entry");
        static_cast<void>(name.release());  // now owned by the stack
    };
    for (const auto& dns : spec.dns_names) {
        Asn1StringPtr value(ASN1_IA5STRING_new());
        check(value && ASN1_STRING_set(value.get(), dns.data(), static_cast<int>(dns.size())) == 1,
              "DNS name");
        push(GEN_DNS, std::move(value));
    }
    for (const auto& ip : spec.ip_addresses) {
        Asn1StringPtr value(a2i_IPADDRESS(ip.c_str()));
        if (!value) {
            ERR_clear_error();
            throw std::invalid_argument("lab certificate: '" + ip + "' is not an IP address");
        }
        push(GEN_IPADD, std::move(value));
    }
    // RFC 5280 4.2.1.6: the SAN is critical when the subject is empty.
    const int critical = spec.common_name.empty() ? 1 : 0;
    check(X509_add1_ext_i2d(
              cert, NID_subject_alt_name, names.get(), critical, X509V3_ADD_DEFAULT) == 1,
          "subjectAltName");
}

/// A v3 certificate with a random serial, subject, validity and public key; the issuer name,
/// extensions and signature are the caller's.
X509Ptr new_certificate(const std::string& common_name,
                        EVP_PKEY* key,
                        int not_before_days,
                        int not_after_days) {
    if (std::abs(not_before_days) > kMaxDaysFromNow || std::abs(not_after_days) > kMaxDaysFromNow) {
        throw std::invalid_argument("lab certificate: validity more than 100 years from now");
    }
    if (not_after_days <= not_before_days) {
        throw std::invalid_argument("lab certificate: not_after_days must follow not_before_days");
    }
    const auto characters = std::count_if(common_name.begin(), common_name.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;  // UTF-8 lead bytes
    });
    if (static_cast<std::size_t>(characters) > kMaxCommonNameLength) {
        throw std::invalid_argument("lab certificate: common name '" + common_name +
                                    "' is longer than 64 characters");
    }
    X509Ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "version");
    // 16 random bytes, top bit clear (a positive INTEGER) and next bit set (always 16 bytes).
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
    serial[0] = static_cast<unsigned char>((serial[0] & 0x3FU) | 0x40U);
    BignumPtr number(BN_bin2bn(serial, sizeof serial, nullptr));
    check(number != nullptr, "BN_bin2bn");
    check(BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(cert.get())) != nullptr,
          "serial number");
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), not_before_days * kSecondsPerDay) !=
              nullptr,
          "notBefore");
    check(
        X509_gmtime_adj(X509_getm_notAfter(cert.get()), not_after_days * kSecondsPerDay) != nullptr,
        "notAfter");
    X509_NAME* subject = X509_get_subject_name(cert.get());
    add_name_entry(subject, "C", "VN");
    add_name_entry(subject, "O", "ATTT Auditor lab");
    if (!common_name.empty()) {
        add_name_entry(subject, "CN", common_name);
    }
    check(X509_set_pubkey(cert.get(), key) == 1, "public key");
    return cert;
}

}  // namespace

CertificateAuthority CertificateAuthority::create(const std::string& common_name) {
    auto key = generate_key(KeyKind::EcP256);
    auto cert = new_certificate(common_name, key.get(), -1, 3650);
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) == 1, "issuer");
    add_extension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
    check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signing the CA");
    return CertificateAuthority(certificate_to_pem(cert.get()), key_to_pem(key.get()));
}

Credentials CertificateAuthority::issue(const CertificateSpec& spec) const {
    auto key = generate_key(spec.key);
    auto cert =
        new_certificate(spec.common_name, key.get(), spec.not_before_days, spec.not_after_days);
    X509Ptr ca_cert;
    EvpPkeyPtr ca_key;
    X509* issuer = cert.get();
    EVP_PKEY* signer = key.get();
    if (!spec.self_signed) {
        ca_cert = certificate_from_pem(cert_pem_);
        ca_key = key_from_pem(key_pem_);
        issuer = ca_cert.get();
        signer = ca_key.get();
    }
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer)) == 1, "issuer");
    add_extension(cert.get(), issuer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(),
                  issuer,
                  NID_key_usage,
                  is_rsa(spec.key) ? "critical,digitalSignature,keyEncipherment"
                                   : "critical,digitalSignature");
    add_extension(cert.get(), issuer, NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), issuer, NID_subject_key_identifier, "hash");
    if (!spec.self_signed) {
        add_extension(cert.get(), issuer, NID_authority_key_identifier, "keyid:always");
    }
    add_subject_alt_names(cert.get(), spec);
    check(X509_sign(cert.get(), signer, digest(spec.hash)) > 0, "signing the leaf");
    return {certificate_to_pem(cert.get()), key_to_pem(key.get()), {}};
}

}  // namespace attt::lab
