#include "auditor/collect/runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "auditor/core/limits.h"

namespace attt::collect {

namespace {

CollectionResult failed(TargetStatus status, std::string detail) {
    CollectionResult result;
    result.status = status;
    result.detail = std::move(detail);
    return result;
}

void add_status_facts(const plan::Target& target,
                      const RunContext& context,
                      CollectionResult& result) {
    const Evidence evidence{target.label(), context.clock.now()};
    result.facts.add("target.status", std::string(to_string(result.status)), evidence);
    if (!result.detail.empty()) {
        result.facts.add(
            "target.detail", result.detail.substr(0, limits::kMaxEvidenceBytes), evidence);
    }
}

}  // namespace

CollectionResult collect_one(const plan::Target& target,
                             const CollectorRegistry& registry,
                             const RunContext& context) {
    const auto started = std::chrono::steady_clock::now();
    CollectionResult result;
    const Collector* collector = registry.find(target.kind);
    if (collector == nullptr) {
        result = failed(TargetStatus::Error,
                        fmt::format("no collector for targets of kind {}", to_string(target.kind)));
    } else if (context.is_cancelled()) {
        result = failed(TargetStatus::Error, "audit interrupted before this target");
    } else {
        try {
            result = collector->collect(target, context);
        } catch (const std::exception& e) {
            // A collector bug must not end the audit: record it against this target.
            context.log.error(
                "{}: collector {} failed: {}", target.label(), collector->name(), e.what());
            result = failed(TargetStatus::Error, fmt::format("collector failed: {}", e.what()));
        }
    }
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    add_status_facts(target, context, result);
    return result;
}

void run_collection(const std::vector<plan::Target>& targets,
                    const CollectorRegistry& registry,
                    const RunContext& context,
                    unsigned jobs,
                    const OnCollected& on_collected) {
    jobs = std::clamp(jobs, 1U, limits::kMaxJobs);
    std::atomic<std::size_t> next{0};
    std::mutex deliver;
    std::exception_ptr delivery_error;
    auto worker = [&] {
        for (std::size_t i = next++; i < targets.size(); i = next++) {
            CollectionResult result = collect_one(targets[i], registry, context);
            std::lock_guard lock(deliver);
            if (delivery_error) {
                return;
            }
            try {
                on_collected(targets[i], std::move(result));
            } catch (...) {
                // The sink (the store) failed: stop handing out targets and report it once.
                delivery_error = std::current_exception();
                next = targets.size();
            }
        }
    };
    {
        const auto threads = std::min<std::size_t>(jobs, targets.size());
        std::vector<std::jthread> pool;
        for (std::size_t t = 1; t < threads; ++t) {
            pool.emplace_back(worker);
        }
        worker();
    }
    if (delivery_error) {
        std::rethrow_exception(delivery_error);
    }
}

}  // namespace attt::collect
