#include "checks/tls/feature_probes.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/named_groups.h"
#include "checks/tls/probe_hellos.h"
#include "checks/tls/record_reader.h"

namespace attt::tls {

namespace {

constexpr std::uint8_t kAlertInappropriateFallback = 86;
/// Unseen groups probed at most: the table holds 38; a server cannot make the loop longer.
constexpr std::size_t kMaxGroupProbes = 40;
/// How long a heartbeat answer is awaited: a patched server sends nothing, so this is paid in
/// full by every server that advertises heartbeats; a vulnerable one answers at once.
constexpr std::chrono::milliseconds kHeartbeatWait{1500};

const ProtocolSupport& support(const std::array<ProtocolSupport, 6>& protocols, Protocol p) {
    return protocols[static_cast<std::size_t>(p)];
}

std::vector<std::uint16_t> ecdhe_suites(const std::array<ProtocolSupport, 6>& protocols,
                                        Protocol& protocol) {
    for (const Protocol p : {Protocol::Tls12, Protocol::Tls11, Protocol::Tls10}) {
        std::vector<std::uint16_t> out;
        for (const auto code : support(protocols, p).suites) {
            const CipherSuite* suite = find_cipher_suite(code);
            if (suite != nullptr && suite->key_exchange == "ECDHE") {
                out.push_back(code);
            }
        }
        if (!out.empty()) {
            protocol = p;
            return out;
        }
    }
    return {};
}

std::vector<std::uint16_t> elliptic_only(std::vector<std::uint16_t> groups) {
    std::erase_if(groups, [](std::uint16_t code) {
        const NamedGroup* group = find_named_group(code);
        return group == nullptr || group->ffdhe;
    });
    return groups;
}

/// Highest accepted TLS version first (SSLv3 included as the oldest fallback target).
std::vector<Protocol> accepted_versions_descending(
    const std::array<ProtocolSupport, 6>& protocols) {
    std::vector<Protocol> out;
    for (const Protocol p :
         {Protocol::Tls13, Protocol::Tls12, Protocol::Tls11, Protocol::Tls10, Protocol::Ssl3}) {
        if (support(protocols, p).accepted) {
            out.push_back(p);
        }
    }
    return out;
}

}  // namespace

std::optional<std::uint16_t> enumerate_remaining_groups(
    ProbeChannel& channel,
    const std::array<ProtocolSupport, 6>& protocols,
    GroupDiscovery& groups,
    HelloObserver& observer,
    std::optional<std::pair<std::uint16_t, std::uint16_t>> swap_first) {
    Protocol protocol = Protocol::Tls13;
    std::vector<std::uint16_t> suites = support(protocols, Protocol::Tls13).suites;
    if (suites.empty()) {
        suites = ecdhe_suites(protocols, protocol);
    } else if (swap_first) {
        std::erase_if(suites, [&](std::uint16_t code) {
            return code == swap_first->first || code == swap_first->second;
        });
        suites.insert(suites.begin(), {swap_first->second, swap_first->first});
    }
    std::optional<std::uint16_t> first_choice;
    for (std::size_t round = 0; round < kMaxGroupProbes && !suites.empty(); ++round) {
        auto unseen = groups.unseen();
        if (protocol != Protocol::Tls13) {
            unseen = elliptic_only(std::move(unseen));
        }
        if (unseen.empty()) {
            break;
        }
        HelloOffer offer{protocol, suites, unseen, channel.target().sni()};
        auto answer =
            exchange_hello(channel, build_probe_hello(offer), protocol != Protocol::Tls13);
        if (!answer || answer->kind != AnswerKind::ServerHello ||
            answer->reply.server_hello.version != wire_version(protocol)) {
            break;
        }
        if (!first_choice) {
            first_choice = answer->reply.server_hello.cipher_suite;
        }
        const std::size_t before = groups.accepted().size();
        observer.observe(protocol, *answer);
        if (groups.accepted().size() == before) {
            break;  // the server named no new group (or one we did not offer): stop
        }
    }
    return protocol == Protocol::Tls13 ? first_choice : std::nullopt;
}

std::optional<bool> probe_fallback_scsv(ProbeChannel& channel,
                                        const std::array<ProtocolSupport, 6>& protocols) {
    const auto versions = accepted_versions_descending(protocols);
    if (versions.size() < 2) {
        return std::nullopt;
    }
    const Protocol lower = versions[1];
    HelloOffer offer{
        lower, support(protocols, lower).suites, candidate_groups(), channel.target().sni()};
    offer.fallback_scsv = true;
    auto answer = exchange_hello(channel, build_probe_hello(offer), false);
    if (!answer) {
        return std::nullopt;
    }
    if (answer->kind == AnswerKind::Alert) {
        return answer->reply.alert.description == kAlertInappropriateFallback;
    }
    if (answer->kind == AnswerKind::ServerHello) {
        return false;
    }
    return std::nullopt;  // closed without a word: cannot tell a refusal from a crash
}

std::optional<bool> probe_heartbleed(ProbeChannel& channel,
                                     const std::array<ProtocolSupport, 6>& protocols) {
    Protocol protocol = Protocol::Tls12;
    for (const Protocol p : {Protocol::Tls12, Protocol::Tls11, Protocol::Tls10, Protocol::Ssl3}) {
        if (support(protocols, p).accepted) {
            protocol = p;
            break;
        }
    }
    const auto& suites = support(protocols, protocol).suites;
    if (suites.empty()) {
        return std::nullopt;
    }
    HelloOffer offer{protocol, suites, candidate_groups(), channel.target().sni()};
    Socket socket;
    auto answer = exchange_hello(channel, build_probe_hello(offer), true, &socket);
    if (!answer || answer->kind != AnswerKind::ServerHello || !answer->flight_complete ||
        !socket.valid()) {
        return std::nullopt;
    }
    // type heartbeat (24), the negotiated version, length 3: request (1), payload_length 16,
    // no payload and no padding. RFC 6520 says to drop it; CVE-2014-0160 answers it.
    const std::uint16_t version = answer->reply.server_hello.version;
    const std::array<std::uint8_t, 8> request{24,
                                              static_cast<std::uint8_t>(version >> 8),
                                              static_cast<std::uint8_t>(version & 0xff),
                                              0,
                                              3,
                                              1,
                                              0,
                                              16};
    const auto& context = channel.context();
    const Deadline deadline = std::chrono::steady_clock::now() + kHeartbeatWait;
    if (!send_all(socket.fd(), request, deadline, context)) {
        return std::nullopt;
    }
    std::array<std::uint8_t, 64> reply{};
    std::size_t got = 0;
    while (got < kRecordHeaderLength &&
           wait_ready(socket.fd(), POLLIN, deadline, context) == WaitResult::Ready) {
        const ssize_t n = ::recv(socket.fd(), reply.data() + got, reply.size() - got, 0);
        if (n <= 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    // Only the record type is looked at; the leaked bytes are never read or kept.
    return got >= 1 && reply[0] == static_cast<std::uint8_t>(ContentType::Heartbeat);
}

}  // namespace attt::tls
