// The runner: bounded concurrency, every target delivered once, a throwing collector becomes
// an error result for its target only, and status facts are added for the rules.
#define BOOST_TEST_MODULE collect
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include <boost/test/unit_test.hpp>
#include <spdlog/sinks/null_sink.h>

#include "auditor/collect/runner.h"
#include "auditor/core/clock.h"
#include "tests/support/printing.h"

using namespace attt;

namespace {

/// Counts how many collections run at once; throws for port 13 to stand in for a collector bug.
class ProbeCollector final : public collect::Collector {
public:
    mutable std::atomic<int> in_flight{0};
    mutable std::atomic<int> max_in_flight{0};

    TargetKind kind() const override { return TargetKind::TlsEndpoint; }

    std::string_view name() const override { return "probe"; }

    collect::CollectionResult collect(const plan::Target& target,
                                      const RunContext& context) const override {
        const int now = ++in_flight;
        int seen = max_in_flight.load();
        while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        --in_flight;
        if (target.endpoint->port == 13) {
            throw std::runtime_error("parser bug");
        }
        collect::CollectionResult r;
        r.facts.add("probe.port",
                    std::int64_t{target.endpoint->port},
                    Evidence{target.label(), context.clock.now()});
        return r;
    }
};

struct Fixture {
    spdlog::logger log{"test", std::make_shared<spdlog::sinks::null_sink_mt>()};
    SystemClock clock;
    RunContext context{log, clock, {}, {}, nullptr};
    std::shared_ptr<inventory::System> system = std::make_shared<inventory::System>();

    std::vector<plan::Target> targets(int n) {
        std::vector<plan::Target> out;
        for (int i = 1; i <= n; ++i) {
            out.push_back(
                {system,
                 TargetKind::TlsEndpoint,
                 inventory::Endpoint{"127.0.0.1", static_cast<std::uint16_t>(i), "tls", ""}});
        }
        return out;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(never_runs_more_than_jobs_at_once_and_delivers_every_target, Fixture) {
    collect::CollectorRegistry registry;
    auto collector = std::make_unique<ProbeCollector>();
    const ProbeCollector* probe = collector.get();
    registry.add(std::move(collector));
    std::set<std::string> delivered;
    collect::run_collection(
        targets(20), registry, context, 3, [&](const plan::Target& t, collect::CollectionResult&&) {
            delivered.insert(t.label());
        });
    BOOST_TEST(delivered.size() == 20U);
    BOOST_TEST(probe->max_in_flight.load() <= 3);
    BOOST_TEST(probe->max_in_flight.load() >= 2);
}

BOOST_FIXTURE_TEST_CASE(a_throwing_collector_becomes_an_error_for_that_target_only, Fixture) {
    collect::CollectorRegistry registry;
    registry.add(std::make_unique<ProbeCollector>());
    std::map<std::string, collect::CollectionResult> results;
    collect::run_collection(targets(14),
                            registry,
                            context,
                            4,
                            [&](const plan::Target& t, collect::CollectionResult&& r) {
                                results[t.label()] = std::move(r);
                            });
    BOOST_TEST(results.size() == 14U);
    const auto& bad = results.at("127.0.0.1:13");
    BOOST_TEST(bad.status == TargetStatus::Error);
    BOOST_TEST(bad.detail == "collector failed: parser bug");
    BOOST_TEST(to_display(bad.facts.find("target.status")->value) == "error");
    BOOST_TEST(results.at("127.0.0.1:14").status == TargetStatus::Ok);
    BOOST_TEST(results.at("127.0.0.1:14").facts.find("probe.port") != nullptr);
}

BOOST_FIXTURE_TEST_CASE(a_target_kind_without_collector_is_an_error_result, Fixture) {
    collect::CollectorRegistry registry;
    auto r = collect::collect_one(targets(1).front(), registry, context);
    BOOST_TEST(r.status == TargetStatus::Error);
    BOOST_TEST(r.detail.find("no collector") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_failing_sink_stops_the_run_and_is_reported_once, Fixture) {
    collect::CollectorRegistry registry;
    registry.add(std::make_unique<ProbeCollector>());
    int calls = 0;
    BOOST_CHECK_THROW(
        collect::run_collection(targets(10),
                                registry,
                                context,
                                2,
                                [&](const plan::Target&, collect::CollectionResult&&) {
                                    ++calls;
                                    throw std::runtime_error("disk full");
                                }),
        std::runtime_error);
    BOOST_TEST(calls == 1);
}
