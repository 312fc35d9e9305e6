#include "auditor/store/run_store.h"

#include <optional>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "auditor/core/enum_names.h"
#include "auditor/core/time_format.h"
#include "auditor/findings/finding_lifecycle.h"

namespace attt::store {

namespace {

constexpr EnumNames<RunStatus, 4> kRunStatusNames{{{
    {RunStatus::Running, "running"},
    {RunStatus::Completed, "completed"},
    {RunStatus::Interrupted, "interrupted"},
    {RunStatus::Failed, "failed"},
}}};

nlohmann::json facts_to_json(const FactSet* facts) {
    nlohmann::json out = nlohmann::json::object();
    if (facts == nullptr) {
        return out;
    }
    for (const auto& fact : facts->all()) {
        std::visit([&](const auto& v) { out[fact.name] = v; }, fact.value);
    }
    return out;
}

nlohmann::json references_to_json(const policy::Rule& rule) {
    nlohmann::json refs = nlohmann::json::array();
    for (const auto& r : rule.references) {
        refs.push_back({{"source", r.source}, {"clause", r.clause}, {"confidence", r.confidence}});
    }
    return refs;
}

void insert_target(SQLite::Database& db, std::int64_t run_id, const TargetRecord& r) {
    SQLite::Statement st(
        db,
        "INSERT INTO run_targets (run_id, system_id, target, kind, sni, status, detail,"
        " duration_ms, facts_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, run_id);
    st.bind(2, r.system_id);
    st.bind(3, r.target);
    st.bind(4, std::string(to_string(r.kind)));
    st.bind(5, r.sni);
    st.bind(6, std::string(to_string(r.status)));
    st.bind(7, r.detail);
    st.bind(8, static_cast<std::int64_t>(r.duration.count()));
    st.bind(9,
            facts_to_json(r.facts).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    st.exec();
}

void insert_results(SQLite::Database& db, std::int64_t run_id, const TargetRecord& r) {
    SQLite::Statement st(
        db,
        "INSERT INTO results (run_id, system_id, target, rule_id, outcome, evidence)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& result : r.results) {
        st.bind(1, run_id);
        st.bind(2, r.system_id);
        st.bind(3, r.target);
        st.bind(4, result.rule_id);
        st.bind(5, std::string(to_string(result.outcome)));
        st.bind(6, result.evidence);
        st.exec();
        st.reset();
    }
}

struct ExistingFinding {
    std::int64_t id = 0;
    findings::FindingStatus status = findings::FindingStatus::Open;
};

std::optional<ExistingFinding> find_finding(SQLite::Database& db,
                                            const std::string& system_id,
                                            const std::string& rule_id,
                                            const std::string& target) {
    SQLite::Statement st(
        db, "SELECT id, status FROM findings WHERE system_id = ? AND rule_id = ? AND target = ?");
    st.bind(1, system_id);
    st.bind(2, rule_id);
    st.bind(3, target);
    if (!st.executeStep()) {
        return std::nullopt;
    }
    return ExistingFinding{st.getColumn(0).getInt64(),
                           findings::parse_finding_status(st.getColumn(1).getString())
                               .value_or(findings::FindingStatus::Open)};
}

void record_event(SQLite::Database& db,
                  std::int64_t finding_id,
                  std::int64_t run_id,
                  const std::string& at,
                  findings::FindingStatus status) {
    SQLite::Statement st(db,
                         "INSERT OR REPLACE INTO finding_events (finding_id, run_id, at, status)"
                         " VALUES (?, ?, ?, ?)");
    st.bind(1, finding_id);
    st.bind(2, run_id);
    st.bind(3, at);
    st.bind(4, std::string(to_string(status)));
    st.exec();
}

std::int64_t open_finding(SQLite::Database& db,
                          std::int64_t run_id,
                          const TargetRecord& r,
                          const evaluate::RuleResult& result,
                          const std::string& at) {
    SQLite::Statement st(
        db,
        "INSERT INTO findings (system_id, rule_id, target, severity, status, first_seen,"
        " last_seen, first_run, last_run, evidence) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)");
    st.bind(1, r.system_id);
    st.bind(2, result.rule_id);
    st.bind(3, r.target);
    st.bind(4, std::string(to_string(result.severity)));
    st.bind(5, at);
    st.bind(6, at);
    st.bind(7, run_id);
    st.bind(8, run_id);
    st.bind(9, result.evidence);
    st.exec();
    return db.getLastInsertRowid();
}

void mark_fixed(SQLite::Database& db, std::int64_t id, const std::string& at) {
    SQLite::Statement st(db, "UPDATE findings SET status = 'fixed', fixed_at = ? WHERE id = ?");
    st.bind(1, at);
    st.bind(2, id);
    st.exec();
}

/// Still failing, or failing again after a fix: last seen now, with the latest evidence.
void mark_seen(SQLite::Database& db,
               std::int64_t id,
               std::int64_t run_id,
               const evaluate::RuleResult& result,
               const std::string& at) {
    SQLite::Statement st(db,
                         "UPDATE findings SET status = CASE WHEN status = 'fixed' THEN 'reopened'"
                         " ELSE status END, last_seen = ?, fixed_at = NULL, last_run = ?,"
                         " severity = ?, evidence = ? WHERE id = ?");
    st.bind(1, at);
    st.bind(2, run_id);
    st.bind(3, std::string(to_string(result.severity)));
    st.bind(4, result.evidence);
    st.bind(5, id);
    st.exec();
}

void apply_finding(SQLite::Database& db,
                   std::int64_t run_id,
                   const TargetRecord& r,
                   const evaluate::RuleResult& result,
                   const std::string& at,
                   FindingChanges& changes) {
    auto existing = find_finding(db, r.system_id, result.rule_id, r.target);
    const auto previous = existing ? std::optional(existing->status) : std::nullopt;
    const auto transition = findings::next_transition(previous, result.outcome);
    switch (transition) {
        case findings::Transition::None:
            return;
        case findings::Transition::Opened:
            record_event(db,
                         open_finding(db, run_id, r, result, at),
                         run_id,
                         at,
                         findings::FindingStatus::Open);
            ++changes.opened;
            return;
        case findings::Transition::SeenAgain:
        case findings::Transition::Fixed:
        case findings::Transition::Reopened:
            if (transition == findings::Transition::Fixed) {
                mark_fixed(db, existing->id, at);
            } else {
                mark_seen(db, existing->id, run_id, result, at);
            }
            if (transition != findings::Transition::SeenAgain) {
                record_event(
                    db, existing->id, run_id, at, *findings::status_after(previous, transition));
                ++(transition == findings::Transition::Fixed ? changes.fixed : changes.reopened);
            }
            return;
    }
}

}  // namespace

std::string_view to_string(RunStatus status) {
    return kRunStatusNames.name(status);
}

std::int64_t begin_run(Database& db,
                       TimePoint now,
                       const std::vector<std::string>& policy_ids,
                       std::size_t systems,
                       std::size_t targets) {
    SQLite::Statement st(
        db.sql(),
        "INSERT INTO runs (started_at, status, tool_version, policies, systems, targets)"
        " VALUES (?, 'running', ?, ?, ?, ?)");
    st.bind(1, format_utc(now));
    st.bind(2, ATTT_VERSION);
    st.bind(3, fmt::format("{}", fmt::join(policy_ids, ",")));
    st.bind(4, static_cast<std::int64_t>(systems));
    st.bind(5, static_cast<std::int64_t>(targets));
    st.exec();
    return db.sql().getLastInsertRowid();
}

void record_rules(Database& db, const policy::PolicySet& policies) {
    SQLite::Transaction tx(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement st(
        db.sql(),
        "INSERT OR REPLACE INTO rules (id, policy_id, title_vi, title_en, severity, min_level,"
        " target_kind, remediation_vi, remediation_en, references_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto* rule : policies.rules()) {
        st.bind(1, rule->id);
        st.bind(2, rule->policy_id);
        st.bind(3, rule->title.vi);
        st.bind(4, rule->title.en);
        st.bind(5, std::string(to_string(rule->severity)));
        st.bind(6, rule->min_level);
        st.bind(7, std::string(to_string(rule->target)));
        st.bind(8, rule->remediation.vi);
        st.bind(9, rule->remediation.en);
        st.bind(10, references_to_json(*rule).dump());
        st.exec();
        st.reset();
    }
    tx.commit();
}

FindingChanges record_target(Database& db,
                             std::int64_t run_id,
                             const TargetRecord& record,
                             TimePoint now) {
    FindingChanges changes;
    const std::string at = format_utc(now);
    SQLite::Transaction tx(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    insert_target(db.sql(), run_id, record);
    insert_results(db.sql(), run_id, record);
    for (const auto& result : record.results) {
        apply_finding(db.sql(), run_id, record, result, at, changes);
    }
    tx.commit();
    return changes;
}

void finish_run(Database& db, std::int64_t run_id, RunStatus status, TimePoint now) {
    SQLite::Statement st(db.sql(), "UPDATE runs SET status = ?, finished_at = ? WHERE id = ?");
    st.bind(1, std::string(to_string(status)));
    st.bind(2, format_utc(now));
    st.bind(3, run_id);
    st.exec();
}

int mark_abandoned_runs(Database& db, TimePoint now) {
    SQLite::Statement st(
        db.sql(),
        "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'");
    st.bind(1, format_utc(now));
    return st.exec();
}

}  // namespace attt::store
