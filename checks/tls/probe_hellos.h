// What the prober offers: the candidate suites and groups per protocol, and the ClientHello
// bytes for one offer. Every hello asks for the extensions whose echo tells us something
// (renegotiation, compression, tickets, OCSP, heartbeat, ALPN), so that the suite probes
// learn those features without extra connections.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checks/tls/tls_scan.h"

namespace attt::tls {

/// TLS 1.3: the five TLS 1.3 suites. Older versions: every assigned suite of the IANA
/// registry except the TLS 1.3 ones and the signalling values, in code order.
std::vector<std::uint16_t> candidate_suites(Protocol protocol);

/// Every named group the prober knows (named_groups.h), in code order.
std::vector<std::uint16_t> candidate_groups();

struct HelloOffer {
    Protocol protocol = Protocol::Tls12;  ///< SSLv3 to TLS 1.3 (SSLv2 has its own hello)
    std::vector<std::uint16_t> suites;    ///< in the order to offer
    std::vector<std::uint16_t> groups;    ///< in the order to offer
    std::string sni;                      ///< empty = no SNI
    bool fallback_scsv = false;
    /// Offer h2 before http/1.1 (true) or http/1.1 alone (false): alternating between the two
    /// across probes tells which ALPN protocols the server speaks.
    bool alpn_h2 = true;
};

/// The ClientHello record. TLS 1.3 offers carry no key share, so the server names the group
/// it picked in a HelloRetryRequest. Throws std::invalid_argument when the offer does not fit
/// one record.
std::vector<std::uint8_t> build_probe_hello(const HelloOffer& offer);

/// An SSLv2 CLIENT-HELLO offering all seven SSLv2 cipher kinds.
std::vector<std::uint8_t> build_sslv2_probe();

}  // namespace attt::tls
