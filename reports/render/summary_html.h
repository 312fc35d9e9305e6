// The leadership summary as a one-page, self-contained HTML document with inline SVG charts.
#pragma once

#include <string>

#include "reports/i18n/lang.h"
#include "reports/model/summary_model.h"

namespace attt::reports {

std::string render_summary_html(const SummaryModel& model, Lang lang);

}  // namespace attt::reports
