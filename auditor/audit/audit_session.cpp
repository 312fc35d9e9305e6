#include "auditor/audit/audit_session.h"

#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "auditor/audit/target_evaluation.h"
#include "auditor/collect/runner.h"
#include "auditor/plan/planner.h"
#include "auditor/store/inventory_store.h"

namespace attt::audit {

namespace {

Result<std::vector<inventory::System>> select_systems(store::Database& db,
                                                      const AuditRequest& request) {
    auto systems = store::load_systems(db);
    if (systems.empty()) {
        return fail(
            fmt::format("{}: no systems registered (import an inventory first)", db.path()));
    }
    if (request.system_ids.empty()) {
        return systems;
    }
    std::map<std::string, const inventory::System*> by_id;
    for (const auto& s : systems) {
        by_id[s.id] = &s;
    }
    std::vector<std::string> unknown;
    std::vector<inventory::System> selected;
    std::set<std::string> seen;
    for (const auto& id : request.system_ids) {
        auto it = by_id.find(id);
        if (it == by_id.end()) {
            unknown.push_back(id);
        } else if (seen.insert(id).second) {
            selected.push_back(*it->second);
        }
    }
    if (!unknown.empty()) {
        return fail(fmt::format("{}: unknown system id{} {}; nothing was audited",
                                db.path(),
                                unknown.size() == 1 ? "" : "s",
                                fmt::join(unknown, ", ")));
    }
    return selected;
}

void tally(AuditSummary& summary,
           const collect::CollectionResult& collected,
           const std::vector<evaluate::RuleResult>& results) {
    summary.unscanned_targets += collected.status == TargetStatus::Ok ? 0 : 1;
    for (const auto& r : results) {
        switch (r.outcome) {
            case Outcome::Pass:
                ++summary.pass;
                break;
            case Outcome::Fail:
                ++summary.fail;
                ++summary.fail_by_severity[static_cast<std::size_t>(r.severity)];
                break;
            case Outcome::Error:
                ++summary.error;
                break;
            case Outcome::NotApplicable:
            case Outcome::NotChecked:
                ++summary.not_applicable;
                break;
        }
    }
}

}  // namespace

Result<AuditSummary> run_audit(store::Database& db,
                               const policy::PolicySet& policies,
                               const collect::CollectorRegistry& collectors,
                               const RunContext& context,
                               const AuditRequest& request) {
    auto systems = select_systems(db, request);
    if (!systems) {
        return tl::unexpected(systems.error());
    }
    const plan::AuditPlan plan = plan::plan_audit(*systems);
    store::record_rules(db, policies);
    AuditSummary summary;
    summary.systems = plan.systems;
    summary.targets = plan.targets.size();
    summary.run_id = store::begin_run(
        db, context.clock.now(), policies.policy_ids(), plan.systems, plan.targets.size());
    context.log.info("run {}: auditing {} systems, {} targets",
                     summary.run_id,
                     plan.systems,
                     plan.targets.size());
    try {
        collect::run_collection(
            plan.targets,
            collectors,
            context,
            request.jobs,
            [&](const plan::Target& target, collect::CollectionResult&& collected) {
                auto results = evaluate_target(target, collected, policies);
                tally(summary, collected, results);
                store::TargetRecord record{target.system->id,
                                           target.label(),
                                           target.kind,
                                           target.endpoint ? target.endpoint->sni : std::string{},
                                           collected.status,
                                           collected.detail,
                                           collected.duration,
                                           &collected.facts,
                                           std::move(results)};
                auto changes =
                    store::record_target(db, summary.run_id, record, context.clock.now());
                summary.changes.opened += changes.opened;
                summary.changes.reopened += changes.reopened;
                summary.changes.fixed += changes.fixed;
                context.log.debug(
                    "{} {}: {}", target.system->id, target.label(), to_string(collected.status));
            });
    } catch (const std::exception& e) {
        store::finish_run(db, summary.run_id, store::RunStatus::Failed, context.clock.now());
        return fail(
            fmt::format("{}: audit run {} failed: {}", db.path(), summary.run_id, e.what()));
    }
    summary.status =
        context.is_cancelled() ? store::RunStatus::Interrupted : store::RunStatus::Completed;
    store::finish_run(db, summary.run_id, summary.status, context.clock.now());
    return summary;
}

}  // namespace attt::audit
