// The lab's certificate factory: a throw-away root CA and leaf certificates with deliberate
// defects (expired, not yet valid, self-signed, weak key, SHA-1, wrong names), so tests and the
// demo can serve every case the auditor must recognise. Test and demo use only.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace attt::lab {

enum class KeyKind { Rsa1024, Rsa2048, Rsa3072, Rsa4096, EcP256, EcP384 };
enum class SignatureHash { Sha1, Sha256, Sha384 };

struct CertificateSpec {
    std::string common_name;
    std::vector<std::string> dns_names;     ///< subjectAltName DNS entries
    std::vector<std::string> ip_addresses;  ///< subjectAltName IP entries, e.g. "127.0.0.1"
    KeyKind key = KeyKind::EcP256;
    SignatureHash hash = SignatureHash::Sha256;
    int not_before_days = -1;  ///< relative to now (negative = in the past)
    int not_after_days = 90;   ///< relative to now (negative = already expired)
    bool self_signed = false;  ///< if true, not issued by the CA
};

struct Credentials {
    std::string cert_pem;
    std::string key_pem;
    std::string chain_pem;  ///< intermediates, may be empty
};

class CertificateAuthority {
public:
    /// An EC P-256 root, SHA-256, valid from yesterday for ten years.
    static CertificateAuthority create(const std::string& common_name);

    const std::string& certificate_pem() const { return cert_pem_; }

    /// A leaf for TLS servers: random serial, CA:FALSE, serverAuth, SAN from the spec.
    Credentials issue(const CertificateSpec& spec) const;

private:
    CertificateAuthority(std::string cert_pem, std::string key_pem)
        : cert_pem_(std::move(cert_pem)), key_pem_(std::move(key_pem)) {}

    std::string cert_pem_;
    std::string key_pem_;
};

}  // namespace attt::lab
