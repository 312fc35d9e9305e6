#include "auditor/store/report_queries.h"

#include <algorithm>
#include <map>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "auditor/core/text_split.h"
#include "auditor/core/time_format.h"

namespace attt::store {

namespace {

using reports::OutcomeCounts;

const char* const kSeverities[] = {"critical", "high", "medium", "low", "info"};

std::map<std::string, std::int64_t> empty_severity_map() {
    std::map<std::string, std::int64_t> out;
    for (const char* s : kSeverities) {
        out[s] = 0;
    }
    return out;
}

Result<std::int64_t> resolve_run(Database& db, std::optional<std::int64_t> run_id) {
    SQLite::Statement st(db.sql(),
                         run_id ? "SELECT id FROM runs WHERE id = ?"
                                : "SELECT id FROM runs ORDER BY id DESC LIMIT 1");
    if (run_id) {
        st.bind(1, *run_id);
    }
    if (!st.executeStep()) {
        return run_id ? fail(fmt::format("{}: no audit run {}", db.path(), *run_id))
                      : fail(fmt::format("{}: no audit runs yet (run 'auditor audit' first)",
                                         db.path()));
    }
    return st.getColumn(0).getInt64();
}

void count_outcome(OutcomeCounts& c, const std::string& outcome) {
    if (outcome == "pass") {
        ++c.pass;
    } else if (outcome == "fail") {
        ++c.fail;
    } else if (outcome == "error") {
        ++c.error;
    } else if (outcome == "not-applicable") {
        ++c.not_applicable;
    } else {
        ++c.not_checked;
    }
}

void load_run_header(Database& db, std::int64_t id, reports::RunModel& m) {
    SQLite::Statement st(
        db.sql(),
        "SELECT started_at, COALESCE(finished_at, ''), status, tool_version, policies"
        " FROM runs WHERE id = ?");
    st.bind(1, id);
    st.executeStep();
    m.run_id = id;
    m.started_at = st.getColumn(0).getString();
    m.finished_at = st.getColumn(1).getString();
    m.status = st.getColumn(2).getString();
    m.tool_version = st.getColumn(3).getString();
    m.policies = split_trimmed(st.getColumn(4).getString(), ',');
}

void load_systems_of_run(Database& db,
                         std::int64_t id,
                         reports::RunModel& m,
                         std::map<std::string, std::size_t>& index) {
    SQLite::Statement st(
        db.sql(),
        "SELECT s.id, s.name, s.unit_id, u.name, s.owner, s.contact, s.level,"
        " s.approval_status, s.decision_no, s.legal_basis FROM systems s"
        " JOIN units u ON u.id = s.unit_id"
        " WHERE s.id IN (SELECT system_id FROM run_targets WHERE run_id = ?) ORDER BY s.id");
    st.bind(1, id);
    while (st.executeStep()) {
        reports::SystemRow row;
        row.id = st.getColumn(0).getString();
        row.name = st.getColumn(1).getString();
        row.unit_id = st.getColumn(2).getString();
        row.unit_name = st.getColumn(3).getString();
        row.owner = st.getColumn(4).getString();
        row.contact = st.getColumn(5).getString();
        row.level = st.getColumn(6).getInt();
        row.approval_status = st.getColumn(7).getString();
        row.decision_no = st.getColumn(8).getString();
        row.legal_basis = st.getColumn(9).getString();
        index[row.id] = m.systems.size();
        m.systems.push_back(std::move(row));
    }
}

void load_targets_of_run(
    Database& db,
    std::int64_t id,
    reports::RunModel& m,
    const std::map<std::string, std::size_t>& index,
    std::map<std::pair<std::string, std::string>, reports::TargetRow*>& targets) {
    SQLite::Statement st(
        db.sql(),
        "SELECT system_id, target, kind, sni, status, detail, duration_ms FROM run_targets"
        " WHERE run_id = ? ORDER BY system_id, kind = 'system' DESC, target");
    st.bind(1, id);
    while (st.executeStep()) {
        auto it = index.find(st.getColumn(0).getString());
        if (it == index.end()) {
            continue;
        }
        auto& system = m.systems[it->second];
        system.targets.push_back({st.getColumn(1).getString(),
                                  st.getColumn(2).getString(),
                                  st.getColumn(3).getString(),
                                  st.getColumn(4).getString(),
                                  st.getColumn(5).getString(),
                                  st.getColumn(6).getInt64(),
                                  {}});
    }
    for (auto& system : m.systems) {
        for (auto& target : system.targets) {
            targets[{system.id, target.label}] = &target;
        }
    }
}

void load_results_of_run(
    Database& db,
    std::int64_t id,
    reports::RunModel& m,
    const std::map<std::string, std::size_t>& index,
    const std::map<std::pair<std::string, std::string>, reports::TargetRow*>& targets) {
    SQLite::Statement st(
        db.sql(),
        "SELECT r.system_id, r.target, r.rule_id, u.title_vi, u.title_en, u.severity,"
        " r.outcome, r.evidence, u.remediation_vi, u.remediation_en FROM results r"
        " JOIN rules u ON u.id = r.rule_id WHERE r.run_id = ? ORDER BY r.system_id, r.target,"
        " r.rule_id");
    st.bind(1, id);
    while (st.executeStep()) {
        const std::string system_id = st.getColumn(0).getString();
        auto target = targets.find({system_id, st.getColumn(1).getString()});
        if (target == targets.end()) {
            continue;
        }
        reports::RuleResultRow row{st.getColumn(2).getString(),
                                   {st.getColumn(3).getString(), st.getColumn(4).getString()},
                                   st.getColumn(5).getString(),
                                   st.getColumn(6).getString(),
                                   st.getColumn(7).getString(),
                                   {st.getColumn(8).getString(), st.getColumn(9).getString()}};
        auto& system = m.systems[index.at(system_id)];
        count_outcome(system.counts, row.outcome);
        count_outcome(m.totals, row.outcome);
        target->second->results.push_back(std::move(row));
    }
}

void load_open_findings(Database& db, std::int64_t id, std::map<std::string, std::int64_t>& out) {
    SQLite::Statement st(
        db.sql(),
        "SELECT severity, COUNT(*) FROM findings WHERE status IN ('open', 'reopened')"
        " AND system_id IN (SELECT system_id FROM run_targets WHERE run_id = ?)"
        " GROUP BY severity");
    st.bind(1, id);
    while (st.executeStep()) {
        out[st.getColumn(0).getString()] = st.getColumn(1).getInt64();
    }
}

}  // namespace

Result<reports::RunModel> load_run_model(Database& db, std::optional<std::int64_t> run_id) {
    auto id = resolve_run(db, run_id);
    if (!id) {
        return tl::unexpected(id.error());
    }
    reports::RunModel m;
    load_run_header(db, *id, m);
    std::map<std::string, std::size_t> index;
    std::map<std::pair<std::string, std::string>, reports::TargetRow*> targets;
    load_systems_of_run(db, *id, m, index);
    load_targets_of_run(db, *id, m, index, targets);
    load_results_of_run(db, *id, m, index, targets);
    m.findings_by_severity = empty_severity_map();
    load_open_findings(db, *id, m.findings_by_severity);
    return m;
}

namespace {

/// Per system: approved?, audited in the run?, failing results in the run.
struct SystemState {
    std::string unit_id;
    int level = 0;
    bool approved = false;
    bool audited = false;
    std::int64_t fails = 0;
};

std::map<std::string, SystemState> load_system_states(Database& db, std::int64_t run_id) {
    std::map<std::string, SystemState> states;
    SQLite::Statement st(
        db.sql(),
        "SELECT s.id, s.unit_id, s.level, s.approval_status = 'approved',"
        " EXISTS (SELECT 1 FROM run_targets t WHERE t.run_id = ?1 AND t.system_id = s.id),"
        " (SELECT COUNT(*) FROM results r WHERE r.run_id = ?1 AND r.system_id = s.id"
        "  AND r.outcome = 'fail') FROM systems s");
    st.bind(1, run_id);
    while (st.executeStep()) {
        states[st.getColumn(0).getString()] = {st.getColumn(1).getString(),
                                               st.getColumn(2).getInt(),
                                               st.getColumn(3).getInt() != 0,
                                               st.getColumn(4).getInt() != 0,
                                               st.getColumn(5).getInt64()};
    }
    return states;
}

void add_state(reports::Share& approved, reports::Share& compliant, const SystemState& s) {
    ++approved.whole;
    approved.part += s.approved ? 1 : 0;
    if (s.audited) {
        ++compliant.whole;
        compliant.part += s.fails == 0 ? 1 : 0;
    }
}

void load_units(Database& db,
                const std::map<std::string, SystemState>& states,
                reports::SummaryModel& m) {
    std::map<std::string, reports::UnitRow> units;
    SQLite::Statement st(db.sql(), "SELECT id, name FROM units");
    while (st.executeStep()) {
        units[st.getColumn(0).getString()] = {
            st.getColumn(0).getString(), st.getColumn(1).getString(), {}, {}, 0, 0};
    }
    for (const auto& [id, s] : states) {
        add_state(units[s.unit_id].approved, units[s.unit_id].compliant, s);
    }
    SQLite::Statement f(
        db.sql(),
        "SELECT s.unit_id, COUNT(*), SUM(f.severity = 'critical') FROM findings f"
        " JOIN systems s ON s.id = f.system_id WHERE f.status IN ('open', 'reopened')"
        " GROUP BY s.unit_id");
    while (f.executeStep()) {
        auto& unit = units[f.getColumn(0).getString()];
        unit.open_findings = f.getColumn(1).getInt64();
        unit.critical_findings = f.getColumn(2).getInt64();
    }
    for (auto& [id, unit] : units) {
        if (unit.approved.whole > 0) {
            m.units.push_back(unit);
        }
    }
    std::sort(m.units.begin(), m.units.end(), [](const auto& a, const auto& b) {
        if (a.compliant.percent() != b.compliant.percent()) {
            return a.compliant.percent() < b.compliant.percent();
        }
        return a.open_findings > b.open_findings;
    });
}

void load_top_failed_rules(Database& db, std::int64_t run_id, reports::SummaryModel& m) {
    // At most ten: the leadership page names the problems worth a decision, not all of them.
    SQLite::Statement st(
        db.sql(),
        "SELECT r.rule_id, u.title_vi, u.title_en, u.severity, COUNT(DISTINCT r.system_id) AS n"
        " FROM results r JOIN rules u ON u.id = r.rule_id WHERE r.run_id = ? AND"
        " r.outcome = 'fail' GROUP BY r.rule_id ORDER BY n DESC, r.rule_id LIMIT 10");
    st.bind(1, run_id);
    while (st.executeStep()) {
        m.top_failed_rules.push_back({st.getColumn(0).getString(),
                                      st.getColumn(1).getString(),
                                      st.getColumn(2).getString(),
                                      st.getColumn(3).getString(),
                                      st.getColumn(4).getInt64()});
    }
}

}  // namespace

Result<reports::SummaryModel> load_summary_model(Database& db,
                                                 std::optional<std::int64_t> run_id,
                                                 TimePoint now) {
    auto id = resolve_run(db, run_id);
    if (!id) {
        return tl::unexpected(id.error());
    }
    reports::SummaryModel m;
    m.generated_at = format_utc(now);
    m.run_id = *id;
    SQLite::Statement run(db.sql(), "SELECT started_at FROM runs WHERE id = ?");
    run.bind(1, *id);
    run.executeStep();
    m.run_started_at = run.getColumn(0).getString();
    const auto states = load_system_states(db, *id);
    for (int level = 1; level <= 5; ++level) {
        m.levels.push_back({level, {}});
    }
    for (const auto& [sid, s] : states) {
        add_state(m.approved, m.compliant, s);
        m.audited.whole++;
        m.audited.part += s.audited ? 1 : 0;
        if (s.audited && s.level >= 1 && s.level <= 5) {
            auto& level = m.levels[static_cast<std::size_t>(s.level - 1)].compliant;
            ++level.whole;
            level.part += s.fails == 0 ? 1 : 0;
        }
    }
    load_units(db, states, m);
    m.findings_by_severity = empty_severity_map();
    SQLite::Statement f(db.sql(),
                        "SELECT severity, COUNT(*) FROM findings WHERE status IN ('open', "
                        "'reopened') GROUP BY severity");
    while (f.executeStep()) {
        m.findings_by_severity[f.getColumn(0).getString()] = f.getColumn(1).getInt64();
    }
    SQLite::Statement u(db.sql(),
                        "SELECT COUNT(*) FROM run_targets WHERE run_id = ? AND status <> 'ok'");
    u.bind(1, *id);
    u.executeStep();
    m.unreachable_targets = u.getColumn(0).getInt64();
    load_top_failed_rules(db, *id, m);
    return m;
}

}  // namespace attt::store
