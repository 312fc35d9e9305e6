// The trust anchors a certificate is judged against (the system store plus the run's
// --ca-file) and the chain check itself, kept apart from the handshake, which trusts anything.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "auditor/core/clock.h"
#include "checks/tls/openssl_handles.h"
#include "checks/tls/scan_failure.h"

namespace attt::tls {

/// The system's default trust store plus, when `ca_file` is not empty, the PEM certificates
/// in it. A CA file that cannot be read or holds no certificate is an Error naming the file.
Attempt<X509StorePtr> load_trust_store(const std::string& ca_file);

/// The same, loaded once per CA file and shared by every scan of the process: loading the
/// system store costs tens of milliseconds, which a 500-endpoint run should pay once.
/// OpenSSL stores are safe to verify against from many threads once loaded.
Attempt<std::shared_ptr<X509_STORE>> shared_trust_store(const std::string& ca_file);

struct ChainVerdict {
    bool trusted = false;
    std::string error = "ok";  ///< "ok" or X509_verify_cert_error_string's text
    /// False when the verifier could not find the issuer of the last certificate the server
    /// sent: an intermediate is missing (or the root is unknown; without fetching the
    /// issuer, which an auditor must not do, the two look alike).
    bool complete = true;
};

/// Verifies `leaf` with `intermediates` (the rest of the chain as sent, untrusted) for the
/// sslserver purpose, at authentication level 0 (key size and hash are facts of their own, not
/// reasons to distrust), without validity dates (expiry is a fact of its own) and without a
/// host name (also a fact of its own).
ChainVerdict verify_chain(X509_STORE& store, X509& leaf, const std::vector<X509*>& intermediates);

}  // namespace attt::tls
