#include "reports/render/summary_json.h"

#include "reports/render/json_document.h"

namespace attt::reports {

namespace {

using Json = nlohmann::ordered_json;

/// The parts and, for readers that only want the figure, the percentage they make.
Json share_json(const Share& s) {
    return {{"part", s.part}, {"whole", s.whole}, {"percent", s.percent()}};
}

Json unit_json(const UnitRow& u) {
    return {{"unit_id", u.unit_id},
            {"unit_name", u.unit_name},
            {"approved", share_json(u.approved)},
            {"compliant", share_json(u.compliant)},
            {"open_findings", u.open_findings},
            {"critical_findings", u.critical_findings}};
}

Json rule_json(const RuleFailureRow& r) {
    return {{"rule_id", r.rule_id},
            {"title_vi", r.title_vi},
            {"title_en", r.title_en},
            {"severity", r.severity},
            {"systems_failing", r.systems_failing}};
}

Json document(const SummaryModel& model) {
    Json levels = Json::array();
    for (const auto& l : model.levels) {
        levels.push_back({{"level", l.level}, {"compliant", share_json(l.compliant)}});
    }
    Json units = Json::array();
    for (const auto& u : model.units) {
        units.push_back(unit_json(u));
    }
    Json rules = Json::array();
    for (const auto& r : model.top_failed_rules) {
        rules.push_back(rule_json(r));
    }
    return {{"schema", kSummaryReportSchema},
            {"generated_at", model.generated_at},
            {"run_id", model.run_id},
            {"run_started_at", model.run_started_at},
            {"approved", share_json(model.approved)},
            {"compliant", share_json(model.compliant)},
            {"audited", share_json(model.audited)},
            {"levels", std::move(levels)},
            {"units", std::move(units)},
            {"findings_by_severity", severity_counts_json(model.findings_by_severity)},
            {"unreachable_targets", model.unreachable_targets},
            {"top_failed_rules", std::move(rules)}};
}

}  // namespace

nlohmann::json to_json(const SummaryModel& model) {
    // Not `return {document(model)};`: braces around one json make a one-element array.
    nlohmann::json out = document(model);
    return out;
}

std::string render_summary_json(const SummaryModel& model) {
    return dump_document(document(model));
}

}  // namespace attt::reports
