#include "reports/render/summary_html.h"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "reports/i18n/locale_format.h"
#include "reports/render/html_escape.h"
#include "reports/render/html_page.h"
#include "reports/render/palette.h"
#include "reports/render/severity_scale.h"
#include "reports/render/svg_bar_chart.h"

namespace attt::reports {

namespace {

/// The page promises the ten most failed requirements, whatever the model holds.
constexpr std::size_t kTopRulesShown = 10;
constexpr std::string_view kShareColour = "#0b4f8a";

constexpr std::string_view kSummaryStyle = R"css(
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 28px; }
.two > div { min-width: 0; }
svg.chart { max-width: 100%; height: auto; }
td.share { white-space: nowrap; }
td.share .v { display: inline-block; min-width: 8.5em; text-align: right; margin-right: 8px;
              font-variant-numeric: tabular-nums; }
svg.meter { vertical-align: middle; }
td.hot { color: var(--fail); font-weight: 700; }
table.compact td { padding-top: 3px; padding-bottom: 3px; }
@media screen and (max-width: 760px) { .two { grid-template-columns: 1fr; } }
@media print {
  body { font-size: 10px; }
  h1 { font-size: 17px; }
  h2 { margin: 10px 0 4px; font-size: 13px; }
  .cards { margin: 6px 0 4px; gap: 8px; }
  .card { padding: 4px 10px; }
  .card .value { font-size: 20px; }
  .card .label, .card .note { font-size: 10px; }
  th { font-size: 10px; }
  table { margin-bottom: 6px; }
  table.compact td { font-size: 10px; padding-top: 1px; padding-bottom: 1px; }
  .badge { font-size: 9px; padding: 0 6px; }
  footer { margin-top: 8px; }
}
)css";

/// "41/44 (93,18 %)"; "—" when there is nothing to count.
std::string share_text(const Share& s, Lang lang) {
    if (s.whole == 0) {
        return "—";
    }
    return fmt::format("{}/{} ({})",
                       format_integer(s.part, lang),
                       format_integer(s.whole, lang),
                       format_percent(s.percent(), lang));
}

std::string share_card(const Share& s, MessageKey label, Lang lang) {
    return figure_card(s.whole == 0 ? "—" : format_percent(s.percent(), lang),
                       tr(lang, label),
                       fmt::format("{}/{} {}",
                                   format_integer(s.part, lang),
                                   format_integer(s.whole, lang),
                                   tr(lang, MessageKey::Systems)),
                       false);
}

/// A share with a small bar after it, for table cells; the bars line up from row to row.
std::string share_cell(const Share& s, Lang lang) {
    if (s.whole == 0) {
        return R"(<td class="share"><span class="v">—</span></td>)";
    }
    return fmt::format(R"(<td class="share"><span class="v">{}</span>{}</td>)",
                       escape_html(share_text(s, lang)),
                       render_meter(s.percent() / 100.0, kShareColour, 70));
}

std::string header(const SummaryModel& m, Lang lang) {
    std::string meta =
        meta_item(lang, MessageKey::Generated, escape_html(format_time(m.generated_at, lang)));
    meta += meta_item(
        lang,
        MessageKey::FiguresFromRun,
        fmt::format("#{} ({})", m.run_id, escape_html(format_time(m.run_started_at, lang))));
    return document_header(
        tr(lang, MessageKey::ProductName), tr(lang, MessageKey::SummaryTitle), meta);
}

std::string figures(const SummaryModel& m, Lang lang) {
    std::string out = "<div class=\"cards\">\n";
    out += share_card(m.approved, MessageKey::ApprovedShare, lang);
    out += share_card(m.compliant, MessageKey::CompliantShare, lang);
    out += share_card(m.audited, MessageKey::AuditedShare, lang);
    out += figure_card(format_integer(m.unreachable_targets, lang),
                       tr(lang, MessageKey::UnreachableTargets),
                       "",
                       m.unreachable_targets > 0);
    return out + "</div>\n";
}

std::string findings_chart(const SummaryModel& m, Lang lang) {
    std::vector<Bar> bars;
    for (const auto severity : kSeverities) {
        const auto count = severity_count(m.findings_by_severity, severity);
        bars.push_back({std::string(tr(lang, Vocabulary::Severity, severity)),
                        static_cast<double>(count),
                        format_integer(count, lang),
                        std::string(swatch(severity).background)});
    }
    const auto title = tr(lang, MessageKey::FindingsBySeverity);
    return fmt::format("<h2>{}</h2>\n{}\n",
                       escape_html(title),
                       render_bar_chart(bars, 0, title, ChartLayout{110, 260, 70, 24}));
}

std::string levels_table(const SummaryModel& m, Lang lang) {
    std::string out = "<h2>" + html_text(lang, MessageKey::ComplianceByLevel) + "</h2>\n";
    out += table_begin({{tr(lang, MessageKey::Level)}, {tr(lang, MessageKey::CompliantSystems)}},
                       "compact");
    for (const auto& l : m.levels) {
        out += fmt::format("<tr><td>{} {}</td>{}</tr>\n",
                           html_text(lang, MessageKey::Level),
                           l.level,
                           share_cell(l.compliant, lang));
    }
    return out + std::string(kTableEnd);
}

std::string units_table(const SummaryModel& m, Lang lang) {
    std::string out = "<h2>" + html_text(lang, MessageKey::UnitsRanked) + "</h2>\n";
    out += table_begin({{tr(lang, MessageKey::Unit)},
                        {tr(lang, MessageKey::Approved), true},
                        {tr(lang, MessageKey::Compliant)},
                        {tr(lang, MessageKey::OpenFindings), true},
                        {tr(lang, Vocabulary::Severity, "critical"), true}},
                       "compact");
    for (const auto& u : m.units) {
        out += fmt::format(
            "<tr><td>{}</td><td class=\"num\">{}</td>{}<td class=\"num\">{}</td>"
            "<td class=\"num{}\">{}</td></tr>\n",
            u.unit_name.empty() ? escape_html(u.unit_id) : escape_html(u.unit_name),
            escape_html(share_text(u.approved, lang)),
            share_cell(u.compliant, lang),
            format_integer(u.open_findings, lang),
            u.critical_findings > 0 ? " hot" : "",
            format_integer(u.critical_findings, lang));
    }
    return out + std::string(kTableEnd);
}

std::string top_rules_table(const SummaryModel& m, Lang lang) {
    std::string out = "<h2>" + html_text(lang, MessageKey::TopFailedRules) + "</h2>\n";
    if (m.top_failed_rules.empty()) {
        return out + "<p class=\"muted\">" + html_text(lang, MessageKey::None) + "</p>\n";
    }
    out += table_begin({{tr(lang, MessageKey::Rule)},
                        {tr(lang, MessageKey::Severity)},
                        {tr(lang, MessageKey::SystemsFailing), true}},
                       "compact");
    const auto shown = std::min(m.top_failed_rules.size(), kTopRulesShown);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& r = m.top_failed_rules[i];
        out += fmt::format(
            "<tr><td><b class=\"mono\">{}</b> {}</td><td>{}</td><td class=\"num\">{}</td></tr>\n",
            escape_html(r.rule_id),
            escape_html(lang == Lang::Vi ? r.title_vi : r.title_en),
            badge(lang, Vocabulary::Severity, r.severity),
            format_integer(r.systems_failing, lang));
    }
    return out + std::string(kTableEnd);
}

}  // namespace

std::string render_summary_html(const SummaryModel& model, Lang lang) {
    std::string html = page_begin(lang, tr(lang, MessageKey::SummaryTitle), kSummaryStyle);
    html += header(model, lang);
    html += figures(model, lang);
    html += "<div class=\"two\">\n<div>\n" + findings_chart(model, lang) + "</div>\n<div>\n" +
            levels_table(model, lang) + "</div>\n</div>\n";
    html += units_table(model, lang);
    html += top_rules_table(model, lang);
    return html + page_end(lang, "");
}

}  // namespace attt::reports
