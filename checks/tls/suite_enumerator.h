// Finds the cipher suites a server accepts for one protocol version by elimination: offer every
// candidate, note the server's choice, take it out, offer the rest, until the server refuses.
// That costs one connection per accepted suite plus one, the least any prober can do. Each
// probe stops at the server's first flight. Whether the server enforces its own order comes
// from the same picks (offers alternate between forward and reversed order), with at most one
// more probe when the picks cannot tell.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>

#include "checks/tls/hello_observer.h"
#include "checks/tls/probe_channel.h"
#include "checks/tls/tls_scan.h"

namespace attt::tls {

struct EnumerationLimits {
    /// Suites in one ClientHello; 0 = as many as one record holds (the whole registry does).
    /// Smaller values split the candidates into several hellos, for servers that choke on
    /// long hellos, and for the tests.
    std::size_t max_suites_per_hello = 0;
};

struct SuiteProbe {
    ProtocolSupport support;
    /// The first probe for this protocol failed before the server answered at all (refused
    /// connection, timeout, not TLS, broken answer): the prober decides whether that ends the
    /// scan. Failures of later probes end only this protocol's enumeration.
    std::optional<ScanFailure> first_failure;
    std::optional<ScanFailure> later_failure;
    /// Set when the picks are consistent with both a server order and the client's order: the
    /// two first picks, to offer swapped. support.server_preference stays unknown and the
    /// suites in pick order until settle_server_order() is called.
    std::optional<std::pair<std::uint16_t, std::uint16_t>> order_question;
};

SuiteProbe enumerate_suites(ProbeChannel& channel,
                            Protocol protocol,
                            GroupDiscovery& groups,
                            HelloObserver& observer,
                            const EnumerationLimits& limits = {});

/// Settles an open order question from the suite a server chose when offered the first two
/// picks swapped (the answer of ask_server_order, or of any probe that offered them so):
/// the server's own favourite again means it enforces its order.
void settle_server_order(SuiteProbe& probe, std::optional<std::uint16_t> chosen);

/// One probe offering the two picks of `probe.order_question` swapped; settles the question.
void ask_server_order(ProbeChannel& channel, GroupDiscovery& groups, SuiteProbe& probe);

/// SSLv2 in one connection: the SERVER-HELLO lists every cipher kind the server shares.
SuiteProbe probe_sslv2(ProbeChannel& channel);

}  // namespace attt::tls
