// The run report as JSON (schema "attt-run-report/1", docs/report-json.md): language-neutral,
// stable snake_case keys named after the RunModel fields, both vi and en texts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reports/model/run_model.h"

namespace attt::reports {

inline constexpr const char* kRunReportSchema = "attt-run-report/1";

nlohmann::json to_json(const RunModel& model);

/// to_json(model), indented by two spaces, UTF-8 as it is (no \u escapes), ending in a newline.
std::string render_run_json(const RunModel& model);

}  // namespace attt::reports
