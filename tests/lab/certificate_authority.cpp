#include "tests/lab/certificate_authority.h"

#include <stdexcept>

#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "checks/tls/openssl_handles.h"

namespace attt::lab {

namespace {

using tls::BioPtr;
using tls::EvpPkeyPtr;
using tls::X509Ptr;

constexpr long kSecondsPerDay = 86'400;

void check(bool ok, const char* what) {
    if (!ok) {
        throw std::runtime_error(std::string("lab certificate: ") + what);
    }
}

EvpPkeyPtr generate_key(KeyKind kind) {
    EVP_PKEY* key = nullptr;
    switch (kind) {
        case KeyKind::Rsa1024: key = EVP_RSA_gen(1024); break;
        case KeyKind::Rsa2048: key = EVP_RSA_gen(2048); break;
        case KeyKind::Rsa3072: key = EVP_RSA_gen(3072); break;
        case KeyKind::Rsa4096: key = EVP_RSA_gen(4096); break;
        case KeyKind::EcP256: key = EVP_EC_gen("P-256"); break;
        case KeyKind::EcP384: key = EVP_EC_gen("P-384"); break;
    }
    check(key != nullptr, "key generation failed");
    return EvpPkeyPtr(key);
}

const EVP_MD* digest(SignatureHash hash) {
    switch (hash) {
        case SignatureHash::Sha1: return EVP_sha1();
        case SignatureHash::Sha384: return EVP_sha384();
        case SignatureHash::Sha256: break;
    }
    return EVP_sha256();
}

std::string to_pem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "cannot write certificate");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(len)};
}

std::string to_pem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "cannot write key");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(len)};
}

X509Ptr read_cert(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    check(cert != nullptr, "cannot read CA certificate");
    return cert;
}

EvpPkeyPtr read_key(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    check(key != nullptr, "cannot read CA key");
    return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    check(ext != nullptr, "bad extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

/// A certificate with subject, serial, validity and key set; issuer and extensions follow.
X509Ptr new_certificate(const std::string& common_name, EVP_PKEY* key, int from_days, int to_days) {
    X509Ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
    serial[0] &= 0x7FU;  // positive
    tls::BignumPtr bn(BN_bin2bn(serial, sizeof serial, nullptr));
    BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), from_days * kSecondsPerDay);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), to_days * kSecondsPerDay);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("VN"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("ATTT Auditor lab"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
    X509_set_pubkey(cert.get(), key);
    return cert;
}

std::string subject_alt_names(const CertificateSpec& spec) {
    std::string san;
    for (const auto& dns : spec.dns_names) {
        san += (san.empty() ? "DNS:" : ",DNS:") + dns;
    }
    for (const auto& ip : spec.ip_addresses) {
        san += (san.empty() ? "IP:" : ",IP:") + ip;
    }
    return san;
}

}  // namespace

CertificateAuthority CertificateAuthority::create(const std::string& common_name) {
    auto key = generate_key(KeyKind::EcP256);
    auto cert = new_certificate(common_name, key.get(), -1, 3650);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get()));
    add_extension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
    check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "cannot sign the CA");
    return CertificateAuthority(to_pem(cert.get()), to_pem(key.get()));
}

Credentials CertificateAuthority::issue(const CertificateSpec& spec) const {
    auto key = generate_key(spec.key);
    auto cert = new_certificate(spec.common_name, key.get(), spec.not_before_days, spec.not_after_days);
    X509Ptr ca_cert = read_cert(cert_pem_);
    EvpPkeyPtr ca_key = read_key(key_pem_);
    X509* issuer = spec.self_signed ? cert.get() : ca_cert.get();
    EVP_PKEY* signer = spec.self_signed ? key.get() : ca_key.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer));
    add_extension(cert.get(), issuer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), issuer, NID_ext_key_usage, "serverAuth");
    if (const auto san = subject_alt_names(spec); !san.empty()) {
        add_extension(cert.get(), issuer, NID_subject_alt_name, san);
    }
    check(X509_sign(cert.get(), signer, digest(spec.hash)) > 0, "cannot sign the leaf");
    return {to_pem(cert.get()), to_pem(key.get()), {}};
}

}  // namespace attt::lab
