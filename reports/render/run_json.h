// The run report as JSON (schema "attt-run-report/1", docs/report-json.md): language-neutral,
// stable snake_case keys, both vi and en texts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reports/model/run_model.h"

namespace attt::reports {

nlohmann::json to_json(const RunModel& model);
std::string render_run_json(const RunModel& model);

}  // namespace attt::reports
