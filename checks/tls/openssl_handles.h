// Owning handles for the OpenSSL objects the TLS collector uses: each is a unique_ptr with a
// deleter, so every path out of a scan (error, early return, exception) frees exactly once.
#pragma once

#include <memory>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace attt::tls {

struct SslCtxDeleter {
    void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};

struct SslDeleter {
    void operator()(SSL* ssl) const { SSL_free(ssl); }
};

struct X509Deleter {
    void operator()(X509* cert) const { X509_free(cert); }
};

struct BioDeleter {
    void operator()(BIO* bio) const { BIO_free_all(bio); }
};

struct EvpPkeyDeleter {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

struct X509StoreDeleter {
    void operator()(X509_STORE* store) const { X509_STORE_free(store); }
};

struct X509StoreCtxDeleter {
    void operator()(X509_STORE_CTX* ctx) const { X509_STORE_CTX_free(ctx); }
};

struct BignumDeleter {
    void operator()(BIGNUM* bn) const { BN_free(bn); }
};

/// Strings OpenSSL allocates for the caller (BN_bn2hex, ...).
struct OpenSslStringDeleter {
    void operator()(char* text) const { OPENSSL_free(text); }
};

struct GeneralNamesDeleter {
    void operator()(GENERAL_NAMES* names) const { GENERAL_NAMES_free(names); }
};

/// Frees the stack only, not the certificates in it: for lists that borrow certificates
/// owned elsewhere (the chain a peer sent belongs to its SSL object).
struct X509StackViewDeleter {
    void operator()(STACK_OF(X509) * stack) const { sk_X509_free(stack); }
};

using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxDeleter>;
using SslPtr = std::unique_ptr<SSL, SslDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;
using X509StorePtr = std::unique_ptr<X509_STORE, X509StoreDeleter>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, X509StoreCtxDeleter>;
using BignumPtr = std::unique_ptr<BIGNUM, BignumDeleter>;
using OpenSslStringPtr = std::unique_ptr<char, OpenSslStringDeleter>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, GeneralNamesDeleter>;
using X509StackViewPtr = std::unique_ptr<STACK_OF(X509), X509StackViewDeleter>;

}  // namespace attt::tls
