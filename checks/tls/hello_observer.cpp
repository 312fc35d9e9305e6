#include "checks/tls/hello_observer.h"

#include <algorithm>

#include "checks/tls/named_groups.h"
#include "checks/tls/probe_hellos.h"

namespace attt::tls {

namespace {

/// Distinct leaf certificates kept: RSA, ECDSA and perhaps a DSA one; more is a hostile peer.
constexpr std::size_t kMaxChains = 4;
constexpr std::uint8_t kCompressionDeflate = 1;

bool contains(const std::vector<std::uint16_t>& values, std::uint16_t value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

void set_true_if(std::optional<bool>& flag, bool seen) {
    flag = flag.value_or(false) || seen;
}

}  // namespace

GroupDiscovery::GroupDiscovery() : candidates_(candidate_groups()) {}

std::vector<std::uint16_t> GroupDiscovery::offer_all() const {
    std::vector<std::uint16_t> out = unseen();
    out.insert(out.end(), accepted_.begin(), accepted_.end());
    return out;
}

std::vector<std::uint16_t> GroupDiscovery::unseen() const {
    // Once a finite-field group is accepted, larger ones cannot make the key exchange any
    // weaker: probing them would cost a connection each and change no judgement.
    int smallest_ffdhe = 0;
    for (const auto code : accepted_) {
        const NamedGroup* group = find_named_group(code);
        if (group != nullptr && group->ffdhe &&
            (smallest_ffdhe == 0 || group->rsa_equivalent_bits < smallest_ffdhe)) {
            smallest_ffdhe = group->rsa_equivalent_bits;
        }
    }
    std::vector<std::uint16_t> out;
    for (const auto code : candidates_) {
        const NamedGroup* group = find_named_group(code);
        const bool dominated = smallest_ffdhe > 0 && group != nullptr && group->ffdhe &&
                               group->rsa_equivalent_bits > smallest_ffdhe;
        if (!contains(accepted_, code) && !dominated) {
            out.push_back(code);
        }
    }
    return out;
}

bool GroupDiscovery::saw(std::uint16_t group) {
    if (group == 0 || contains(accepted_, group)) {
        return false;
    }
    accepted_.push_back(group);
    return true;
}

void HelloObserver::observe(Protocol protocol, const HelloAnswer& answer) {
    if (answer.kind != AnswerKind::ServerHello) {
        return;
    }
    if (protocol == Protocol::Tls13) {
        groups_.saw(answer.reply.server_hello.key_share_group);
        return;
    }
    observe_tls12_or_older(answer);
}

void HelloObserver::observe_tls12_or_older(const HelloAnswer& answer) {
    const ServerHello& hello = answer.reply.server_hello;
    features_.compression =
        features_.compression || hello.compression_method == kCompressionDeflate;
    if (hello.version >= 0x0301) {
        // SSLv3 servers rarely know RFC 5746; judging renegotiation is about TLS.
        set_true_if(features_.secure_renegotiation, hello.secure_renegotiation);
    }
    set_true_if(features_.session_id_resumption, !hello.session_id.empty());
    set_true_if(features_.session_tickets, hello.has_extension(kExtSessionTicketId));
    features_.ocsp_stapling = features_.ocsp_stapling || hello.has_extension(kExtStatusRequestId) ||
                              answer.flight.certificate_status;
    features_.heartbeat = features_.heartbeat || hello.has_extension(kExtHeartbeatId);
    if (!hello.alpn.empty()) {
        add_alpn(hello.alpn);
    }
    const ServerFlight& flight = answer.flight;
    groups_.saw(flight.ecdh_group);
    if (flight.dh_prime_bits > 0 && (key_exchange_.smallest_dh_bits == 0 ||
                                     flight.dh_prime_bits < key_exchange_.smallest_dh_bits)) {
        key_exchange_.smallest_dh_bits = flight.dh_prime_bits;
    }
    if (flight.export_rsa_bits > 0 && (key_exchange_.export_rsa_bits == 0 ||
                                       flight.export_rsa_bits < key_exchange_.export_rsa_bits)) {
        key_exchange_.export_rsa_bits = flight.export_rsa_bits;
    }
    if (!flight.certificates.empty()) {
        add_chain(flight.certificates);
    }
}

void HelloObserver::add_alpn(const std::string& protocol) {
    if (std::find(features_.alpn.begin(), features_.alpn.end(), protocol) == features_.alpn.end()) {
        features_.alpn.push_back(protocol);
    }
}

void HelloObserver::add_chain(const std::vector<std::vector<std::uint8_t>>& chain) {
    const bool known = std::any_of(chains_.begin(), chains_.end(), [&](const auto& seen) {
        return seen.front() == chain.front();
    });
    if (!known && chains_.size() < kMaxChains) {
        chains_.push_back(chain);
    }
}

}  // namespace attt::tls
