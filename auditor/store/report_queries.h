// Read-only queries behind the reports. They fill the report models (plain data declared in
// reports/model/), so that every SQL statement stays in the store and no renderer computes
// its own figures.
#pragma once

#include <cstdint>
#include <optional>

#include "auditor/core/clock.h"
#include "auditor/core/error.h"
#include "auditor/store/database.h"
#include "reports/model/run_model.h"
#include "reports/model/summary_model.h"

namespace attt::store {

/// The run with this id, or the latest run when none is given.
Result<reports::RunModel> load_run_model(Database& db, std::optional<std::int64_t> run_id);

/// The province at a glance, from the registry and the given (or latest) run.
Result<reports::SummaryModel> load_summary_model(Database& db,
                                                 std::optional<std::int64_t> run_id,
                                                 TimePoint now);

}  // namespace attt::store
