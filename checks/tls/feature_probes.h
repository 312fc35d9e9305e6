// Probes that each need a connection of their own, run after the suites are known: the
// remaining named groups, TLS_FALLBACK_SCSV and a safe Heartbleed check.
#pragma once

#include <optional>
#include <utility>

#include "checks/tls/hello_observer.h"
#include "checks/tls/probe_channel.h"
#include "checks/tls/tls_scan.h"

namespace attt::tls {

/// Finds the groups no suite probe revealed: offers only unseen groups (with the accepted
/// TLS 1.3 suites, or the accepted ECDHE suites of TLS 1.2 and older) until the server refuses.
/// `swap_first` puts that suite pair, swapped, at the head of the TLS 1.3 offer, so the
/// first answer also settles TLS 1.3's order question; that answer's suite is returned.
std::optional<std::uint16_t> enumerate_remaining_groups(
    ProbeChannel& channel,
    const std::array<ProtocolSupport, 6>& protocols,
    GroupDiscovery& groups,
    HelloObserver& observer,
    std::optional<std::pair<std::uint16_t, std::uint16_t>> swap_first = std::nullopt);

/// RFC 7507: offers the second-highest accepted version with TLS_FALLBACK_SCSV. True if the
/// server refuses with inappropriate_fallback, false if it accepts the downgrade; nullopt when
/// fewer than two versions of TLS are accepted (nothing to downgrade to) or no answer came.
std::optional<bool> probe_fallback_scsv(ProbeChannel& channel,
                                        const std::array<ProtocolSupport, 6>& protocols);

/// Heartbleed (CVE-2014-0160), only for a server that echoed the heartbeat extension: after the
/// server's flight, one heartbeat request that claims 16 payload bytes and carries none. A
/// patched server drops it (RFC 6520 4); a vulnerable one answers with 16 bytes of its memory,
/// which are discarded unread. No key material is requested in bulk.
std::optional<bool> probe_heartbleed(ProbeChannel& channel,
                                     const std::array<ProtocolSupport, 6>& protocols);

}  // namespace attt::tls
