// The leadership summary: the province at a glance as a one-page, self-contained HTML document
// (big figures, inline SVG charts, units ranked, most failed requirements).
#pragma once

#include <string>

#include "reports/i18n/lang.h"
#include "reports/model/summary_model.h"

namespace attt::reports {

std::string render_summary_html(const SummaryModel& model, Lang lang);

}  // namespace attt::reports
