#include "reports/render/run_json.h"

#include "reports/render/json_document.h"

namespace attt::reports {

namespace {

using Json = nlohmann::json;

Json counts_json(const OutcomeCounts& c) {
    return {{"pass", c.pass},
            {"fail", c.fail},
            {"error", c.error},
            {"not_applicable", c.not_applicable},
            {"not_checked", c.not_checked}};
}

Json text_json(const LocalText& t) { return {{"vi", t.vi}, {"en", t.en}}; }

Json target_json(const TargetRow& t) {
    Json results = Json::array();
    for (const auto& r : t.results) {
        results.push_back({{"rule_id", r.rule_id},
                           {"title", text_json(r.title)},
                           {"severity", r.severity},
                           {"outcome", r.outcome},
                           {"evidence", r.evidence},
                           {"remediation", text_json(r.remediation)}});
    }
    return {{"label", t.label},   {"kind", t.kind},           {"sni", t.sni},
            {"status", t.status}, {"detail", t.detail},       {"duration_ms", t.duration_ms},
            {"results", results}};
}

Json system_json(const SystemRow& s) {
    Json targets = Json::array();
    for (const auto& t : s.targets) {
        targets.push_back(target_json(t));
    }
    return {{"id", s.id},
            {"name", s.name},
            {"unit_id", s.unit_id},
            {"unit_name", s.unit_name},
            {"owner", s.owner},
            {"contact", s.contact},
            {"level", s.level},
            {"approval_status", s.approval_status},
            {"decision_no", s.decision_no},
            {"legal_basis", s.legal_basis},
            {"counts", counts_json(s.counts)},
            {"targets", targets}};
}

}  // namespace

nlohmann::json to_json(const RunModel& m) {
    Json systems = Json::array();
    for (const auto& s : m.systems) {
        systems.push_back(system_json(s));
    }
    return {{"schema", "attt-run-report/1"},
            {"run_id", m.run_id},
            {"started_at", m.started_at},
            {"finished_at", m.finished_at},
            {"status", m.status},
            {"tool_version", m.tool_version},
            {"policies", m.policies},
            {"totals", counts_json(m.totals)},
            {"findings_by_severity", m.findings_by_severity},
            {"systems", systems}};
}

std::string render_run_json(const RunModel& model) { return dump_document(to_json(model)); }

}  // namespace attt::reports
