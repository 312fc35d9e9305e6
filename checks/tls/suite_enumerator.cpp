#include "checks/tls/suite_enumerator.h"

#include <algorithm>

#include "checks/tls/probe_hellos.h"

namespace attt::tls {

namespace {

/// One elimination step: what we offered and what the server took.
struct Pick {
    std::vector<std::uint16_t> offered;
    std::uint16_t chosen = 0;
};

bool contains(const std::vector<std::uint16_t>& values, std::uint16_t value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

/// The suite the server chose, if the answer accepts this protocol with one we offered.
std::optional<std::uint16_t> accepted_suite(const Attempt<HelloAnswer>& answer,
                                            Protocol protocol,
                                            const std::vector<std::uint16_t>& offered) {
    if (!answer || answer->kind != AnswerKind::ServerHello) {
        return std::nullopt;
    }
    const ServerHello& hello = answer->reply.server_hello;
    if (hello.version != wire_version(protocol) || !contains(offered, hello.cipher_suite)) {
        return std::nullopt;  // another version (the server lacks this one) or a rogue choice
    }
    return hello.cipher_suite;
}

class Enumerator {
public:
    Enumerator(ProbeChannel& channel,
               Protocol protocol,
               GroupDiscovery& groups,
               HelloObserver& observer,
               const EnumerationLimits& limits)
        : channel_(channel),
          protocol_(protocol),
          groups_(groups),
          observer_(observer),
          per_hello_(limits.max_suites_per_hello) {}

    SuiteProbe run() {
        out_.support.protocol = protocol_;
        std::vector<std::uint16_t> remaining = candidate_suites(protocol_);
        // Each pass offers one chunk (all of them when it fits one hello) until the server
        // refuses everything left in it.
        while (!remaining.empty() && !out_.later_failure && !out_.first_failure) {
            const std::size_t size =
                per_hello_ == 0 ? remaining.size() : std::min(per_hello_, remaining.size());
            std::vector<std::uint16_t> chunk(remaining.begin(), remaining.begin() + size);
            remaining.erase(remaining.begin(), remaining.begin() + size);
            eliminate(chunk);
        }
        finish();
        return std::move(out_);
    }

private:
    void eliminate(std::vector<std::uint16_t> chunk) {
        // Bounded: every accepted probe removes one suite from the chunk.
        for (std::size_t round = 0; !chunk.empty() && round <= chunk.size() + 1; ++round) {
            std::vector<std::uint16_t> offered = chunk;
            if (picks_.size() % 2 == 1) {
                std::reverse(offered.begin(), offered.end());
            }
            auto answer = offer(offered);
            const auto chosen = accepted_suite(answer, protocol_, offered);
            if (!chosen) {
                return;
            }
            observer_.observe(protocol_, *answer);
            picks_.push_back(Pick{offered, *chosen});
            chunk.erase(std::find(chunk.begin(), chunk.end(), *chosen));
        }
    }

    /// One probe; records a failure as first or later. Returns the answer or the failure.
    Attempt<HelloAnswer> offer(const std::vector<std::uint16_t>& suites) {
        HelloOffer hello;
        hello.protocol = protocol_;
        hello.suites = suites;
        hello.groups = groups_.offer_all();
        hello.sni = channel_.target().sni();
        hello.alpn_h2 = probes_ % 2 == 0;
        // The whole registry takes 700 bytes of a 16 KiB record, so a hello never overflows
        // unless a test sets absurd limits; the builder throws then (an internal error).
        const auto bytes = build_probe_hello(hello);
        const bool first = probes_++ == 0;
        auto answer = exchange_hello(channel_, bytes, protocol_ != Protocol::Tls13);
        if (!answer) {
            (first ? out_.first_failure : out_.later_failure) = answer.error();
        }
        return answer;
    }

    /// The order and whether the server imposes it, or the question that settles it.
    void finish() {
        for (const auto& pick : picks_) {
            out_.support.suites.push_back(pick.chosen);
        }
        out_.support.accepted = !out_.support.suites.empty();
        if (out_.support.suites.size() < 2) {
            return;
        }
        if (!picks_follow_client_order(out_.support.suites)) {
            out_.support.server_preference = true;
            return;
        }
        out_.order_question = std::make_pair(picks_[0].chosen, picks_[1].chosen);
    }

    /// True if every pick was the first accepted suite of its offer, as a server that
    /// follows the client's order would pick.
    bool picks_follow_client_order(const std::vector<std::uint16_t>& accepted) const {
        return std::all_of(picks_.begin(), picks_.end(), [&](const Pick& pick) {
            const auto first =
                std::find_if(pick.offered.begin(), pick.offered.end(), [&](std::uint16_t code) {
                    return contains(accepted, code);
                });
            return first != pick.offered.end() && *first == pick.chosen;
        });
    }

    ProbeChannel& channel_;
    Protocol protocol_;
    GroupDiscovery& groups_;
    HelloObserver& observer_;
    std::size_t per_hello_;
    std::size_t probes_ = 0;
    std::vector<Pick> picks_;
    SuiteProbe out_;
};

}  // namespace

SuiteProbe enumerate_suites(ProbeChannel& channel,
                            Protocol protocol,
                            GroupDiscovery& groups,
                            HelloObserver& observer,
                            const EnumerationLimits& limits) {
    return Enumerator(channel, protocol, groups, observer, limits).run();
}

void settle_server_order(SuiteProbe& probe, std::optional<std::uint16_t> chosen) {
    if (!probe.order_question) {
        return;
    }
    const auto [first, second] = *probe.order_question;
    probe.order_question.reset();
    if (!chosen || (*chosen != first && *chosen != second)) {
        return;  // no usable answer: the order stays unknown
    }
    const bool server_order = *chosen == first;
    auto& support = probe.support;
    support.server_preference = server_order;
    if (!server_order) {
        // The client decides: list the suites in our (the registry's) order.
        std::vector<std::uint16_t> ordered;
        for (const auto code : candidate_suites(support.protocol)) {
            if (contains(support.suites, code)) {
                ordered.push_back(code);
            }
        }
        support.suites = std::move(ordered);
    }
}

void ask_server_order(ProbeChannel& channel, GroupDiscovery& groups, SuiteProbe& probe) {
    if (!probe.order_question) {
        return;
    }
    const Protocol protocol = probe.support.protocol;
    const std::vector<std::uint16_t> swapped{probe.order_question->second,
                                             probe.order_question->first};
    HelloOffer offer{protocol, swapped, groups.offer_all(), channel.target().sni()};
    auto answer = exchange_hello(channel, build_probe_hello(offer), false);
    settle_server_order(probe, accepted_suite(answer, protocol, swapped));
}

SuiteProbe probe_sslv2(ProbeChannel& channel) {
    SuiteProbe out;
    out.support.protocol = Protocol::Ssl2;
    auto answer = exchange_hello(channel, build_sslv2_probe(), false);
    if (!answer) {
        out.first_failure = answer.error();
        return out;
    }
    if (answer->kind == AnswerKind::Sslv2ServerHello) {
        out.support.sslv2_cipher_specs = answer->reply.sslv2.cipher_specs;
        out.support.accepted = !out.support.sslv2_cipher_specs.empty();
    }
    return out;
}

}  // namespace attt::tls
