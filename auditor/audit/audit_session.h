// One audit, end to end: select systems from the registry, plan targets, collect with bounded
// concurrency, evaluate every applicable rule, and store each target as soon as it is done.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "auditor/collect/collector_registry.h"
#include "auditor/core/error.h"
#include "auditor/core/run_context.h"
#include "auditor/policy/policy_set.h"
#include "auditor/store/database.h"
#include "auditor/store/run_store.h"

namespace attt::audit {

struct AuditRequest {
    std::vector<std::string> system_ids;  ///< empty means every registered system
    unsigned jobs = 8;
};

struct AuditSummary {
    std::int64_t run_id = 0;
    store::RunStatus status = store::RunStatus::Completed;
    std::size_t systems = 0;
    std::size_t targets = 0;
    std::size_t unscanned_targets = 0;  ///< targets whose status was not ok
    std::size_t pass = 0;
    std::size_t fail = 0;
    std::size_t error = 0;
    std::size_t not_applicable = 0;
    /// Failing results of this run by severity, indexed by attt::Severity.
    std::array<std::size_t, 5> fail_by_severity{};
    store::FindingChanges changes;
};

/// Fails before writing anything if a requested system id is unknown or there is no system.
Result<AuditSummary> run_audit(store::Database& db,
                               const policy::PolicySet& policies,
                               const collect::CollectorRegistry& collectors,
                               const RunContext& context,
                               const AuditRequest& request);

}  // namespace attt::audit
