// The officers' run report as one self-contained HTML page.
#pragma once

#include <string>

#include "reports/i18n/lang.h"
#include "reports/model/run_model.h"

namespace attt::reports {

std::string render_run_html(const RunModel& model, Lang lang);

}  // namespace attt::reports
