#include "reports/render/run_html.h"

#include <algorithm>

#include <fmt/format.h>

#include "reports/i18n/catalog.h"
#include "reports/i18n/locale_format.h"
#include "reports/render/html_escape.h"
#include "reports/render/html_page.h"

namespace attt::reports {

namespace {

const char* const kSeverityOrder[] = {"critical", "high", "medium", "low", "info"};

std::string card(const std::string& value, std::string_view label) {
    return fmt::format("<div class=\"card\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>",
                       value, escape_html(label));
}

std::string header(const RunModel& m, Lang lang) {
    std::string out = fmt::format("<h1>{}</h1>\n<p class=\"meta\">", escape_html(tr(lang, "run.title")));
    out += fmt::format("<span>{} #{}</span>", escape_html(tr(lang, "run.run")), m.run_id);
    out += fmt::format("<span>{}: {}</span>", escape_html(tr(lang, "run.started")),
                       escape_html(format_time(m.started_at, lang)));
    if (!m.finished_at.empty()) {
        out += fmt::format("<span>{}: {}</span>", escape_html(tr(lang, "run.finished")),
                           escape_html(format_time(m.finished_at, lang)));
    }
    out += fmt::format("<span>{}: {}</span>", escape_html(tr(lang, "run.status")), badge(lang, "run", m.status));
    std::string policies;
    for (const auto& p : m.policies) {
        policies += (policies.empty() ? "" : ", ") + p;
    }
    out += fmt::format("<span>{}: {}</span><span>{}: ATTT Auditor {}</span></p>\n",
                       escape_html(tr(lang, "run.policies")), escape_html(policies),
                       escape_html(tr(lang, "run.tool")), escape_html(m.tool_version));
    return out;
}

std::string totals(const RunModel& m, Lang lang) {
    std::string out = "<div class=\"cards\">";
    out += card(std::to_string(m.systems.size()), tr(lang, "run.systems"));
    out += card(std::to_string(m.totals.pass), tr(lang, "outcome.pass"));
    out += card(std::to_string(m.totals.fail), tr(lang, "outcome.fail"));
    out += card(std::to_string(m.totals.error), tr(lang, "outcome.error"));
    out += card(std::to_string(m.totals.not_applicable), tr(lang, "outcome.not-applicable"));
    out += "</div>\n<p>" + escape_html(tr(lang, "run.open-findings")) + ": ";
    for (const char* s : kSeverityOrder) {
        auto it = m.findings_by_severity.find(s);
        out += fmt::format("{} {} &nbsp; ", badge(lang, "severity", s), it == m.findings_by_severity.end() ? 0 : it->second);
    }
    return out + "</p>\n";
}

std::string system_facts(const SystemRow& s, Lang lang) {
    auto row = [&](std::string_view key, const std::string& value) {
        return fmt::format("<dt>{}</dt><dd>{}</dd>", escape_html(tr(lang, key)), value);
    };
    std::string out = "<dl class=\"facts\">";
    out += row("run.unit", escape_html(s.unit_name) + " <span class=\"muted\">(" + escape_html(s.unit_id) + ")</span>");
    out += row("run.level", std::to_string(s.level));
    out += row("run.owner", escape_html(s.owner));
    out += row("run.approval", badge(lang, "approval", s.approval_status) +
                                   (s.decision_no.empty() ? "" : " " + escape_html(s.decision_no)));
    out += row("run.contact", escape_html(s.contact));
    out += row("run.basis", escape_html(tr(lang, "basis", s.legal_basis)));
    return out + "</dl>\n";
}

std::string result_row(const RuleResultRow& r, Lang lang) {
    const bool failed = r.outcome == "fail";
    const std::string& title = lang == Lang::Vi ? r.title.vi : r.title.en;
    const std::string& remedy = lang == Lang::Vi ? r.remediation.vi : r.remediation.en;
    std::string out = fmt::format(
        "<tr class=\"{}\"><td><b>{}</b><br>{}</td><td>{}</td><td>{}</td><td class=\"evidence\">{}",
        failed ? "fail" : "", escape_html(r.rule_id), escape_html(title), badge(lang, "severity", r.severity),
        badge(lang, "outcome", r.outcome), escape_html(r.evidence));
    if (failed && !remedy.empty()) {
        out += fmt::format("<div class=\"remedy\"><b>{}:</b> {}</div>", escape_html(tr(lang, "run.remediation")),
                           escape_html(remedy));
    }
    return out + "</td></tr>\n";
}

std::string target_section(const TargetRow& t, Lang lang) {
    // The registry record has no address and nothing to connect to: its title is its kind.
    std::string out =
        t.kind == "system"
            ? fmt::format("<h3>{}</h3>\n", escape_html(tr(lang, "kind", t.kind)))
            : fmt::format("<h3>{} {}{} &nbsp; {} <span class=\"muted\">{} ms</span></h3>\n",
                          escape_html(tr(lang, "kind", t.kind)), escape_html(t.label),
                          t.sni.empty() ? "" : " (" + escape_html(t.sni) + ")", badge(lang, "status", t.status),
                          t.duration_ms);
    if (!t.detail.empty()) {
        out += "<p class=\"evidence\">" + escape_html(t.detail) + "</p>\n";
    }
    // Failures and errors in full; passes and not-applicable as one line, to keep the page short.
    std::string rows;
    std::size_t quiet = 0;
    for (const auto& r : t.results) {
        if (r.outcome == "fail" || r.outcome == "error") {
            rows += result_row(r, lang);
        } else {
            ++quiet;
        }
    }
    if (!rows.empty()) {
        out += fmt::format("<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n{}</table>\n",
                           escape_html(tr(lang, "run.rule")), escape_html(tr(lang, "run.severity")),
                           escape_html(tr(lang, "run.outcome")), escape_html(tr(lang, "run.evidence")), rows);
    }
    std::string passed;
    for (const auto& r : t.results) {
        if (r.outcome == "pass") {
            passed += (passed.empty() ? "" : ", ") + escape_html(r.rule_id);
        }
    }
    if (quiet > 0) {
        out += fmt::format("<p class=\"passed\">{} {}: {}</p>\n", badge(lang, "outcome", "pass"),
                           escape_html(tr(lang, "run.passed-rules")), passed.empty() ? "—" : passed);
    }
    return out;
}

std::string system_section(const SystemRow& s, Lang lang) {
    std::string out = fmt::format("<section class=\"system {}\" id=\"{}\">\n<h2>{} <span class=\"muted\">{}</span> "
                                  "&nbsp; {} {} · {} {}</h2>\n",
                                  s.counts.fail > 0 ? "failing" : "clean", escape_html(s.id), escape_html(s.name),
                                  escape_html(s.id), badge(lang, "outcome", "fail"), s.counts.fail,
                                  badge(lang, "outcome", "pass"), s.counts.pass);
    out += system_facts(s, lang);
    for (const auto& t : s.targets) {
        out += target_section(t, lang);
    }
    return out + "</section>\n";
}

}  // namespace

std::string render_run_html(const RunModel& model, Lang lang) {
    std::string html = page_begin(lang, fmt::format("{} #{}", tr(lang, "run.title"), model.run_id));
    html += header(model, lang);
    html += totals(model, lang);
    std::vector<const SystemRow*> systems;
    for (const auto& s : model.systems) {
        systems.push_back(&s);
    }
    // Most failures first: the officer reads the worst systems before the clean ones.
    std::stable_sort(systems.begin(), systems.end(),
                     [](const SystemRow* a, const SystemRow* b) { return a->counts.fail > b->counts.fail; });
    if (systems.empty()) {
        html += "<p>" + escape_html(tr(lang, "run.no-systems")) + "</p>\n";
    }
    for (const auto* s : systems) {
        html += system_section(*s, lang);
    }
    return html + page_end();
}

}  // namespace attt::reports
