// The leadership summary as JSON (schema "attt-summary-report/1", docs/report-json.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reports/model/summary_model.h"

namespace attt::reports {

nlohmann::json to_json(const SummaryModel& model);
std::string render_summary_json(const SummaryModel& model);

}  // namespace attt::reports
