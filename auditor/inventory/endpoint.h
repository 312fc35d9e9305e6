// A network endpoint of a registered system: the only places the auditor ever connects to.
#pragma once

#include <cstdint>
#include <string>

#include "auditor/core/place.h"

namespace attt::inventory {

struct Endpoint {
    std::string host;        ///< address or DNS name to connect to
    std::uint16_t port = 0;  ///< 1-65535
    std::string service;     ///< "https", "tls", "smtps", ... (see endpoint_service.h)
    std::string sni;         ///< server name to send and to match the certificate; may be empty

    /// The name the certificate must match: the SNI name if set, the host otherwise.
    const std::string& expected_name() const { return sni.empty() ? host : sni; }

    std::string place() const { return endpoint_place(host, port); }
};

}  // namespace attt::inventory
