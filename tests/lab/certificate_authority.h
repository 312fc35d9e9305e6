// The lab's certificate factory: a throw-away root CA and leaf certificates with deliberate
// defects (expired, not yet valid, self-signed, weak key, SHA-1, wrong names), so the tests and
// the demo lab can serve every case the auditor must recognise. Test and demo use only.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace attt::lab {

enum class KeyKind {
    Rsa1024,
    Rsa2048,
    Rsa3072,
    Rsa4096,
    EcP256,
    EcP384
};

enum class SignatureHash {
    Sha1,
    Sha256,
    Sha384
};

struct CertificateSpec {
    std::string common_name;                ///< subject CN; empty = no CN in the subject
    std::vector<std::string> dns_names;     ///< subjectAltName DNS entries
    std::vector<std::string> ip_addresses;  ///< subjectAltName IP entries, e.g. "127.0.0.1"
    KeyKind key = KeyKind::EcP256;
    SignatureHash hash = SignatureHash::Sha256;
    int not_before_days = -1;  ///< relative to now (negative = in the past)
    int not_after_days = 90;   ///< relative to now (negative = already expired)
    bool self_signed = false;  ///< if true, signed by its own key instead of the CA
};

/// PEM texts a server needs: its certificate, its private key and any intermediates.
struct Credentials {
    std::string cert_pem;
    std::string key_pem;
    std::string chain_pem;  ///< intermediates, may be empty
};

/// A root CA held as PEM text, so it is cheap to copy and safe to use from several threads.
class CertificateAuthority {
public:
    /// An EC P-256 root signed with SHA-256, valid from a day ago for ten years,
    /// basicConstraints CA:TRUE and keyUsage keyCertSign, cRLSign.
    static CertificateAuthority create(const std::string& common_name);

    const std::string& certificate_pem() const { return cert_pem_; }

    /// A leaf for a TLS server: random 128-bit serial, CA:FALSE, extKeyUsage serverAuth, the
    /// SAN entries of the spec. Throws std::invalid_argument for a spec that cannot be a
    /// certificate (bad IP address, validity ending before it starts, CN over 64 characters).
    Credentials issue(const CertificateSpec& spec) const;

private:
    CertificateAuthority(std::string cert_pem, std::string key_pem)
        : cert_pem_(std::move(cert_pem)), key_pem_(std::move(key_pem)) {}

    std::string cert_pem_;
    std::string key_pem_;
};

}  // namespace attt::lab
