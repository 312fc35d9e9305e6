// Owning handles for OpenSSL objects: each is a unique_ptr whose deleter calls the matching
// *_free, so every path out of a scan (error, early return, exception) frees exactly once.
// The lab (tests/lab/) uses the same set.
#pragma once

#include <memory>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace attt::tls {

/// A deleter that calls one OpenSSL free function, e.g. OpenSslFree<X509_free>.
template <auto free_function>
struct OpenSslFree {
    template <class T>
    void operator()(T* handle) const {
        free_function(handle);
    }
};

/// Strings OpenSSL allocates for the caller (BN_bn2hex, ...); OPENSSL_free is a macro.
struct OpenSslStringDeleter {
    void operator()(char* text) const { OPENSSL_free(text); }
};

/// Frees the stack only, not the certificates in it: for lists that borrow certificates
/// owned elsewhere (the chain a peer sent belongs to its SSL object). sk_X509_free is a macro.
struct X509StackViewDeleter {
    void operator()(STACK_OF(X509) * stack) const { sk_X509_free(stack); }
};

using SslCtxPtr = std::unique_ptr<SSL_CTX, OpenSslFree<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, OpenSslFree<SSL_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free_all>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, OpenSslFree<X509_STORE_free>>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslFree<X509_STORE_CTX_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BN_free>>;
using GeneralNamePtr = std::unique_ptr<GENERAL_NAME, OpenSslFree<GENERAL_NAME_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, OpenSslFree<GENERAL_NAMES_free>>;
using Asn1StringPtr = std::unique_ptr<ASN1_STRING, OpenSslFree<ASN1_STRING_free>>;
using OpenSslStringPtr = std::unique_ptr<char, OpenSslStringDeleter>;
using X509StackViewPtr = std::unique_ptr<STACK_OF(X509), X509StackViewDeleter>;

}  // namespace attt::tls
