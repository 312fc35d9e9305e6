// Reads the certificate chain a server sent into a CertificateSummary: names, validity, key,
// signature, fingerprint, host-name match, trust and completeness. Observation only; rules
// judge the facts made from it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <openssl/ssl.h>

#include "auditor/core/clock.h"
#include "checks/tls/openssl_handles.h"
#include "checks/tls/tls_scan.h"

namespace attt::tls {

/// What the reader needs besides the chain.
struct CertificateCheck {
    std::string expected_name;  ///< DNS name or IP literal the leaf must match
    TimePoint now;              ///< the run clock's "now": validity and verification time
    X509_STORE* trust = nullptr;
};

/// `sent_chain` is the chain as the server sent it, leaf first.
CertificateSummary read_certificate(X509& leaf,
                                    const std::vector<X509*>& sent_chain,
                                    const CertificateCheck& check);

/// The peer's chain after a completed OpenSSL handshake; nullopt when it sent none
/// (anonymous suites).
std::optional<CertificateSummary> read_peer_certificate(SSL& ssl, const CertificateCheck& check);

/// A chain read off the wire by our own prober (DER, leaf first), for servers OpenSSL cannot
/// talk to (SSLv3 only, export-only). Stops at the first certificate that does not parse.
std::optional<CertificateSummary> read_certificate_chain(
    std::span<const std::vector<std::uint8_t>> der_chain,
    const CertificateCheck& check);

}  // namespace attt::tls
