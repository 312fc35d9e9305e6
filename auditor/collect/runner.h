// Runs collectors over targets with bounded concurrency. A target that fails, hangs up to
// its deadline or makes a collector throw becomes a result; it never stops the others.
#pragma once

#include <functional>
#include <vector>

#include "auditor/collect/collection_result.h"
#include "auditor/collect/collector_registry.h"
#include "auditor/core/run_context.h"
#include "auditor/plan/target.h"

namespace attt::collect {

/// Called once per target as soon as it is collected, from the worker thread that collected
/// it; calls are serialised by the runner, so the callback need not lock.
using OnCollected = std::function<void(const plan::Target&, CollectionResult&&)>;

/// Collects every target with at most `jobs` in flight. Adds `target.status` and
/// `target.detail` facts to each result so rules and reports can see how collection went.
void run_collection(const std::vector<plan::Target>& targets,
                    const CollectorRegistry& registry,
                    const RunContext& context,
                    unsigned jobs,
                    const OnCollected& on_collected);

/// Collects one target on the calling thread (used by run_collection and by `auditor tls`).
CollectionResult collect_one(const plan::Target& target,
                             const CollectorRegistry& registry,
                             const RunContext& context);

}  // namespace attt::collect
