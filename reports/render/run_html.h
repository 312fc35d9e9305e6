// The officers' run report: everything about one audit run as one self-contained HTML page,
// worst systems first, failures in full with their remediation, passes compact.
#pragma once

#include <string>

#include "reports/i18n/lang.h"
#include "reports/model/run_model.h"

namespace attt::reports {

std::string render_run_html(const RunModel& model, Lang lang);

}  // namespace attt::reports
