#include "reports/render/summary_html.h"

#include <fmt/format.h>

#include "reports/i18n/catalog.h"
#include "reports/i18n/locale_format.h"
#include "reports/render/html_escape.h"
#include "reports/render/html_page.h"
#include "reports/render/svg_bar_chart.h"

namespace attt::reports {

namespace {

const char* const kSeverityOrder[] = {"critical", "high", "medium", "low", "info"};

std::string share_text(const Share& s, Lang lang) {
    return fmt::format("{}/{} ({})", s.part, s.whole, format_percent(s.percent(), lang));
}

std::string big_figure(const Share& s, std::string_view label, Lang lang) {
    return fmt::format(
        "<div class=\"card\"><div class=\"value\">{}</div><div class=\"label\">{}<br>{}/{}</div></div>",
        escape_html(format_percent(s.percent(), lang)), escape_html(label), s.part, s.whole);
}

std::string findings_chart(const SummaryModel& m, Lang lang) {
    std::vector<Bar> bars;
    for (const char* s : kSeverityOrder) {
        auto it = m.findings_by_severity.find(s);
        const auto n = it == m.findings_by_severity.end() ? 0 : it->second;
        bars.push_back({std::string(tr(lang, "severity", s)), static_cast<double>(n), std::to_string(n),
                        std::string(severity_colour(s))});
    }
    return render_bar_chart(bars, 0, std::string(tr(lang, "summary.findings")));
}

std::string levels_chart(const SummaryModel& m, Lang lang) {
    std::vector<Bar> bars;
    for (const auto& l : m.levels) {
        bars.push_back({fmt::format("{} {}", tr(lang, "summary.level-n"), l.level), l.compliant.percent(),
                        l.compliant.whole == 0 ? std::string("—") : share_text(l.compliant, lang), "#2b8a3e"});
    }
    return render_bar_chart(bars, 100, std::string(tr(lang, "summary.by-level")));
}

std::string units_table(const SummaryModel& m, Lang lang) {
    std::string out = fmt::format(
        "<table><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
        "<th class=\"num\">{}</th></tr>\n",
        escape_html(tr(lang, "run.unit")), escape_html(tr(lang, "approval.approved")),
        escape_html(tr(lang, "summary.compliant")), escape_html(tr(lang, "run.open-findings")),
        escape_html(tr(lang, "summary.critical")));
    for (const auto& u : m.units) {
        out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                           "<td class=\"num\">{}</td></tr>\n",
                           escape_html(u.unit_name), escape_html(share_text(u.approved, lang)),
                           escape_html(share_text(u.compliant, lang)), u.open_findings, u.critical_findings);
    }
    return out + "</table>\n";
}

std::string top_rules_table(const SummaryModel& m, Lang lang) {
    if (m.top_failed_rules.empty()) {
        return "<p class=\"muted\">" + escape_html(tr(lang, "summary.none")) + "</p>\n";
    }
    std::string out = fmt::format("<table><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr>\n",
                                  escape_html(tr(lang, "run.rule")), escape_html(tr(lang, "run.severity")),
                                  escape_html(tr(lang, "summary.systems-failing")));
    for (const auto& r : m.top_failed_rules) {
        out += fmt::format("<tr><td><b>{}</b> {}</td><td>{}</td><td class=\"num\">{}</td></tr>\n", escape_html(r.rule_id),
                           escape_html(lang == Lang::Vi ? r.title_vi : r.title_en), badge(lang, "severity", r.severity),
                           r.systems_failing);
    }
    return out + "</table>\n";
}

}  // namespace

std::string render_summary_html(const SummaryModel& m, Lang lang) {
    std::string html = page_begin(lang, tr(lang, "summary.title"));
    html += fmt::format("<h1>{}</h1>\n<p class=\"meta\"><span>{}: {}</span><span>{} #{} ({})</span></p>\n",
                        escape_html(tr(lang, "summary.title")), escape_html(tr(lang, "summary.generated")),
                        escape_html(format_time(m.generated_at, lang)), escape_html(tr(lang, "summary.based-on")),
                        m.run_id, escape_html(format_time(m.run_started_at, lang)));
    html += "<div class=\"cards\">";
    html += big_figure(m.approved, tr(lang, "summary.approved"), lang);
    html += big_figure(m.compliant, tr(lang, "summary.compliant"), lang);
    html += big_figure(m.audited, tr(lang, "summary.audited"), lang);
    html += fmt::format("<div class=\"card\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>",
                        m.unreachable_targets, escape_html(tr(lang, "summary.unreachable")));
    html += "</div>\n";
    html += fmt::format("<h2>{}</h2>\n{}\n", escape_html(tr(lang, "summary.findings")), findings_chart(m, lang));
    html += fmt::format("<h2>{}</h2>\n{}\n", escape_html(tr(lang, "summary.by-level")), levels_chart(m, lang));
    html += fmt::format("<h2>{}</h2>\n{}", escape_html(tr(lang, "summary.by-unit")), units_table(m, lang));
    html += fmt::format("<h2>{}</h2>\n{}", escape_html(tr(lang, "summary.top-rules")), top_rules_table(m, lang));
    return html + page_end();
}

}  // namespace attt::reports
