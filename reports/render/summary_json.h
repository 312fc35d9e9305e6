// The leadership summary as JSON (schema "attt-summary-report/1", docs/report-json.md):
// language-neutral, stable snake_case keys named after the SummaryModel fields.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reports/model/summary_model.h"

namespace attt::reports {

inline constexpr const char* kSummaryReportSchema = "attt-summary-report/1";

nlohmann::json to_json(const SummaryModel& model);

/// to_json(model), indented by two spaces, UTF-8 as it is (no \u escapes), ending in a newline.
std::string render_summary_json(const SummaryModel& model);

}  // namespace attt::reports
