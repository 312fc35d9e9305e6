#include "reports/render/run_json.h"

#include "reports/render/json_document.h"

namespace attt::reports {

namespace {

using Json = nlohmann::ordered_json;

Json counts_json(const OutcomeCounts& c) {
    return {{"pass", c.pass},
            {"fail", c.fail},
            {"error", c.error},
            {"not_applicable", c.not_applicable},
            {"not_checked", c.not_checked}};
}

Json text_json(const LocalText& t) {
    return {{"vi", t.vi}, {"en", t.en}};
}

Json result_json(const RuleResultRow& r) {
    return {{"rule_id", r.rule_id},
            {"title", text_json(r.title)},
            {"severity", r.severity},
            {"outcome", r.outcome},
            {"evidence", r.evidence},
            {"remediation", text_json(r.remediation)}};
}

Json target_json(const TargetRow& t) {
    Json results = Json::array();
    for (const auto& r : t.results) {
        results.push_back(result_json(r));
    }
    return {{"label", t.label},
            {"kind", t.kind},
            {"sni", t.sni},
            {"status", t.status},
            {"detail", t.detail},
            {"duration_ms", t.duration_ms},
            {"results", std::move(results)}};
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
            {"targets", std::move(targets)}};
}

Json document(const RunModel& model) {
    Json systems = Json::array();
    for (const auto& s : model.systems) {
        systems.push_back(system_json(s));
    }
    return {{"schema", kRunReportSchema},
            {"run_id", model.run_id},
            {"started_at", model.started_at},
            {"finished_at", model.finished_at},
            {"status", model.status},
            {"tool_version", model.tool_version},
            {"policies", model.policies},
            {"totals", counts_json(model.totals)},
            {"findings_by_severity", severity_counts_json(model.findings_by_severity)},
            {"systems", std::move(systems)}};
}

}  // namespace

nlohmann::json to_json(const RunModel& model) {
    // Not `return {document(model)};`: braces around one json make a one-element array.
    nlohmann::json out = document(model);
    return out;
}

std::string render_run_json(const RunModel& model) {
    return dump_document(document(model));
}

}  // namespace attt::reports
