// Turns the certificate chain a server sent into tls.cert.* facts: names, validity, key,
// signature, fingerprint, host-name match and trust. Facts only; rules judge them.
#pragma once

#include <string>

#include <openssl/ssl.h>

#include "auditor/core/fact_set.h"
#include "checks/tls/openssl_handles.h"

namespace attt::tls {

/// What the reader needs besides the chain.
struct CertificateCheck {
    std::string expected_name;  ///< DNS name or IP literal the leaf must match
    TimePoint now;              ///< the run clock's "now": validity and verification time
    X509_STORE* trust = nullptr;
};

/// Adds every tls.cert.* fact for the peer of `ssl` (a completed client handshake). Adds
/// nothing when the peer sent no certificate (anonymous cipher suites).
void add_certificate_facts(SSL& ssl,
                           const CertificateCheck& check,
                           FactSet& facts,
                           const Evidence& evidence);

/// The same for a chain held directly: `leaf` first, then `chain` as the peer sent it
/// (which, from a client's view, starts with the leaf again).
void add_certificate_facts(X509& leaf,
                           STACK_OF(X509) * chain,
                           const CertificateCheck& check,
                           FactSet& facts,
                           const Evidence& evidence);

}  // namespace attt::tls
