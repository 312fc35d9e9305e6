#include "reports/render/summary_json.h"

#include "reports/render/json_document.h"

namespace attt::reports {

namespace {

using Json = nlohmann::json;

Json share_json(const Share& s) {
    return {{"part", s.part}, {"whole", s.whole}, {"percent", s.percent()}};
}

}  // namespace

nlohmann::json to_json(const SummaryModel& m) {
    Json levels = Json::array();
    for (const auto& l : m.levels) {
        levels.push_back({{"level", l.level}, {"compliant", share_json(l.compliant)}});
    }
    Json units = Json::array();
    for (const auto& u : m.units) {
        units.push_back({{"unit_id", u.unit_id},
                         {"unit_name", u.unit_name},
                         {"approved", share_json(u.approved)},
                         {"compliant", share_json(u.compliant)},
                         {"open_findings", u.open_findings},
                         {"critical_findings", u.critical_findings}});
    }
    Json rules = Json::array();
    for (const auto& r : m.top_failed_rules) {
        rules.push_back({{"rule_id", r.rule_id},
                         {"title_vi", r.title_vi},
                         {"title_en", r.title_en},
                         {"severity", r.severity},
                         {"systems_failing", r.systems_failing}});
    }
    return {{"schema", "attt-summary-report/1"},
            {"generated_at", m.generated_at},
            {"run_id", m.run_id},
            {"run_started_at", m.run_started_at},
            {"approved", share_json(m.approved)},
            {"compliant", share_json(m.compliant)},
            {"audited", share_json(m.audited)},
            {"levels", levels},
            {"units", units},
            {"findings_by_severity", m.findings_by_severity},
            {"unreachable_targets", m.unreachable_targets},
            {"top_failed_rules", rules}};
}

std::string render_summary_json(const SummaryModel& model) { return dump_document(to_json(model)); }

}  // namespace attt::reports
