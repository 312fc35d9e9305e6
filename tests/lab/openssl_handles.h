// The lab uses the collector's owning OpenSSL handles (header only: no link to the collector
// it is used to test), under the lab's namespace.
#pragma once

#include "checks/tls/openssl_handles.h"

namespace attt::lab {

using tls::Asn1StringPtr;
using tls::BignumPtr;
using tls::BioPtr;
using tls::EvpPkeyPtr;
using tls::GeneralNamePtr;
using tls::GeneralNamesPtr;
using tls::OpenSslFree;
using tls::SslCtxPtr;
using tls::SslPtr;
using tls::X509ExtensionPtr;
using tls::X509Ptr;
using tls::X509StorePtr;

}  // namespace attt::lab
