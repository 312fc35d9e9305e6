// Learns from every answer the suite probes get: the groups the server uses, DH and export
// key sizes, compression, renegotiation, session resumption, OCSP stapling, heartbeat, ALPN
// and the certificate chains sent in the clear by TLS 1.2 and older. This is how the prober
// finds out most features without opening a connection for each.
#pragma once

#include <cstdint>
#include <vector>

#include "checks/tls/probe_channel.h"
#include "checks/tls/tls_scan.h"

namespace attt::tls {

/// The groups offered and found. Every candidate not yet seen is offered first and those seen
/// after them, so the server reveals a new group whenever it has one it is willing to pick,
/// while every suite stays eligible (no group the server might need is ever left out).
class GroupDiscovery {
public:
    GroupDiscovery();

    /// Every candidate: unseen ones first, then the ones already seen.
    std::vector<std::uint16_t> offer_all() const;
    /// Only the candidates not seen yet, without finite-field groups larger than the smallest
    /// one accepted (they cannot weaken the key exchange).
    std::vector<std::uint16_t> unseen() const;
    /// The server used `group`; true if it was new.
    bool saw(std::uint16_t group);

    const std::vector<std::uint16_t>& accepted() const { return accepted_; }

private:
    std::vector<std::uint16_t> candidates_;
    std::vector<std::uint16_t> accepted_;
};

class HelloObserver {
public:
    explicit HelloObserver(GroupDiscovery& groups) : groups_(groups) {}

    /// One accepted answer (a ServerHello, HelloRetryRequest or SSLv2 SERVER-HELLO).
    void observe(Protocol protocol, const HelloAnswer& answer);

    const SessionFeatures& features() const { return features_; }

    const KeyExchange& key_exchange() const { return key_exchange_; }

    /// Distinct chains seen in TLS <= 1.2 flights (DER, leaf first): the RSA and the ECDSA
    /// chain of a server that has both arrive with the suites of each kind.
    const std::vector<std::vector<std::vector<std::uint8_t>>>& chains() const { return chains_; }

private:
    void observe_tls12_or_older(const HelloAnswer& answer);
    void add_alpn(const std::string& protocol);
    void add_chain(const std::vector<std::vector<std::uint8_t>>& chain);

    GroupDiscovery& groups_;
    SessionFeatures features_;
    KeyExchange key_exchange_;
    std::vector<std::vector<std::vector<std::uint8_t>>> chains_;
};

}  // namespace attt::tls
