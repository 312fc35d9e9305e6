#include "checks/tls/trust_store.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include <fmt/format.h>
#include <openssl/err.h>

#include "checks/tls/evidence_text.h"
#include "checks/tls/openssl_errors.h"

namespace attt::tls {

Attempt<X509StorePtr> load_trust_store(const std::string& ca_file) {
    ERR_clear_error();
    X509StorePtr store(X509_STORE_new());
    if (!store) {
        return scan_failure(TargetStatus::Error, "cannot create a certificate store");
    }
    // The system store is optional: a host without one still trusts an explicit --ca-file.
    // The hashed directory is read lazily, one issuer at a time; parsing the whole bundle
    // file instead costs some 25 ms per process, a third of a fast scan. SSL_CERT_FILE (or a
    // system without the directory) keeps OpenSSL's own default paths.
    const char* directory = X509_get_default_cert_dir();
    const bool lazy = std::getenv("SSL_CERT_FILE") == nullptr &&
                      std::getenv("SSL_CERT_DIR") == nullptr && directory != nullptr &&
                      std::filesystem::is_directory(directory);
    if (lazy) {
        X509_STORE_load_path(store.get(), directory);
    } else {
        X509_STORE_set_default_paths(store.get());
    }
    ERR_clear_error();
    if (!ca_file.empty() && X509_STORE_load_file(store.get(), ca_file.c_str()) != 1) {
        const unsigned long code = take_first_error();
        return scan_failure(TargetStatus::Error,
                            fmt::format("cannot load CA file {}: {}",
                                        bounded_text(ca_file, 512),
                                        code != 0 ? error_text(code) : "no certificate in it"));
    }
    return store;
}

Attempt<std::shared_ptr<X509_STORE>> shared_trust_store(const std::string& ca_file) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<X509_STORE>> loaded;
    const std::lock_guard lock(mutex);
    if (const auto it = loaded.find(ca_file); it != loaded.end()) {
        return it->second;
    }
    auto store = load_trust_store(ca_file);
    if (!store) {
        return tl::unexpected(std::move(store.error()));
    }
    std::shared_ptr<X509_STORE> shared(store->release(), X509_STORE_free);
    loaded.emplace(ca_file, shared);
    return shared;
}

ChainVerdict verify_chain(X509_STORE& store, X509& leaf, const std::vector<X509*>& intermediates) {
    ERR_clear_error();
    X509StackViewPtr untrusted(sk_X509_new_null());
    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!untrusted || !ctx) {
        return {false, "cannot allocate verification state"};
    }
    for (X509* cert : intermediates) {
        if (sk_X509_push(untrusted.get(), cert) <= 0) {
            return {false, "cannot allocate verification state"};
        }
    }
    if (X509_STORE_CTX_init(ctx.get(), &store, &leaf, untrusted.get()) != 1) {
        ERR_clear_error();
        return {false, "cannot start verification"};
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_auth_level(param, 0);
    // Trust is about the chain; the leaf's validity period is a fact of its own
    // (tls.cert.expired, tls.cert.not_yet_valid), so an expired but properly issued
    // certificate fails one rule (CERT-VALIDITY-PERIOD), not two.
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME);
    X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
    const bool trusted = X509_verify_cert(ctx.get()) == 1;
    const int error = X509_STORE_CTX_get_error(ctx.get());
    ERR_clear_error();
    if (trusted) {
        return {true, "ok"};
    }
    const bool missing_issuer = error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
                                error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT;
    return {false,
            error == X509_V_OK ? "verification failed" : X509_verify_cert_error_string(error),
            !missing_issuer};
}

}  // namespace attt::tls
