// Writing an audit run: the run row, the rules in force, then one short IMMEDIATE
// transaction per finished target (facts, results and finding changes together), so readers
// never wait long and a killed audit leaves only complete targets behind.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "auditor/core/clock.h"
#include "auditor/core/fact_set.h"
#include "auditor/core/target_kind.h"
#include "auditor/core/target_status.h"
#include "auditor/evaluate/rule_result.h"
#include "auditor/policy/policy_set.h"
#include "auditor/store/database.h"

namespace attt::store {

enum class RunStatus {
    Running,
    Completed,
    Interrupted,
    Failed
};

std::string_view to_string(RunStatus status);

struct TargetRecord {
    std::string system_id;
    std::string target;  ///< "system" or "host:port"
    TargetKind kind = TargetKind::System;
    std::string sni;
    TargetStatus status = TargetStatus::Ok;
    std::string detail;
    std::chrono::milliseconds duration{0};
    const FactSet* facts = nullptr;
    std::vector<evaluate::RuleResult> results;
};

/// Changes of findings caused by one target, for the audit summary.
struct FindingChanges {
    std::size_t opened = 0;
    std::size_t reopened = 0;
    std::size_t fixed = 0;
};

/// Creates the run row (status running) and returns its id.
std::int64_t begin_run(Database& db,
                       TimePoint now,
                       const std::vector<std::string>& policy_ids,
                       std::size_t systems,
                       std::size_t targets);

/// Stores the current definition of every rule (titles and remediation for reports).
void record_rules(Database& db, const policy::PolicySet& policies);

/// Writes one target in one transaction and moves its findings along their lifecycle.
FindingChanges record_target(Database& db,
                             std::int64_t run_id,
                             const TargetRecord& record,
                             TimePoint now);

void finish_run(Database& db, std::int64_t run_id, RunStatus status, TimePoint now);

/// Runs left "running" by a crash become "interrupted"; returns how many.
int mark_abandoned_runs(Database& db, TimePoint now);

}  // namespace attt::store
