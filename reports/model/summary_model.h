// What the leadership summary says: the province at a glance, as plain data. Built from the
// store (reports/model/summary_model_builder.h), rendered by reports/render/.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace attt::reports {

/// A share with its parts, so a renderer can print "41/44 (93,18 %)" without recomputing.
struct Share {
    std::int64_t part = 0;
    std::int64_t whole = 0;

    double percent() const {
        return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    }
};

struct LevelRow {
    int level = 0;    ///< 1-5
    Share compliant;  ///< systems of this level with no failing rule in their last audit
};

struct UnitRow {
    std::string unit_id;
    std::string unit_name;
    Share approved;   ///< systems with an approved level
    Share compliant;  ///< systems with no failing rule
    std::int64_t open_findings = 0;
    std::int64_t critical_findings = 0;
};

struct RuleFailureRow {
    std::string rule_id;
    std::string title_vi;
    std::string title_en;
    std::string severity;
    std::int64_t systems_failing = 0;
};

struct SummaryModel {
    std::string generated_at;  ///< ISO 8601 UTC
    std::int64_t run_id = 0;   ///< the run the figures come from
    std::string run_started_at;
    Share approved;   ///< systems with an approved level (the province reports 92.96 %)
    Share compliant;  ///< systems fully compliant with their level's rules
    Share audited;    ///< systems covered by the run
    std::vector<LevelRow> levels;                              ///< levels 1..5, always five rows
    std::vector<UnitRow> units;                                ///< ranked: lowest compliance first
    std::map<std::string, std::int64_t> findings_by_severity;  ///< open findings, all five keys
    std::int64_t unreachable_targets = 0;          ///< endpoints that could not be scanned
    std::vector<RuleFailureRow> top_failed_rules;  ///< at most ten, most systems first
};

}  // namespace attt::reports
