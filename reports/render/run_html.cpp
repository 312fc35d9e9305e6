#include "reports/render/run_html.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "reports/i18n/catalog.h"
#include "reports/i18n/locale_format.h"
#include "reports/render/html_escape.h"
#include "reports/render/html_page.h"
#include "reports/render/palette.h"
#include "reports/render/severity_scale.h"

namespace attt::reports {

namespace {

constexpr std::string_view kRunStyle = R"css(
.findings { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; margin: 0 0 6px; }
.findings .n { font-weight: 700; margin-left: 4px; }
table.overview td { font-size: 13px; }
td.hot { color: var(--fail); font-weight: 700; }
section.system { border: 1px solid var(--line); border-left: 6px solid var(--pass);
                 border-radius: 6px; padding: 2px 14px 6px; margin: 16px 0; }
section.system.failing { border-left-color: var(--fail); }
section.system h2 { margin: 10px 0 4px; }
section.system h2 .id { font-size: 13px; color: var(--muted); font-weight: 400; margin-left: 8px; }
.tally { float: right; font-size: 12px; font-weight: 400; }
.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 12px;
         font-size: 13px; margin: 6px 0 8px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.target { display: flex; flex-wrap: wrap; gap: 2px 18px; align-items: baseline; margin: 10px 0 2px;
          padding: 4px 8px; background: var(--soft); border-radius: 4px; font-size: 13px; }
.target .label { font-weight: 700; }
.target .k { color: var(--muted); margin-right: 4px; }
.target .detail { flex-basis: 100%; color: var(--fail); }
table.results td:nth-child(1) { width: 34%; }
table.results td:nth-child(2), table.results td:nth-child(3) { width: 11%; }
tr.loud td { background: #fff5f5; font-size: 13px; }
tr.loud td:first-child { border-left: 4px solid var(--fail); }
tr.loud.error td { background: #f8f0fc; }
tr.loud.error td:first-child { border-left-color: #862e9c; }
.remedy { margin-top: 4px; padding: 4px 8px; background: #fff; border: 1px solid #f1c0c0;
          border-radius: 4px; font-size: 12px; }
.remedy b { color: var(--fail); }
tr.quiet td { font-size: 12px; padding-top: 2px; padding-bottom: 2px; color: var(--muted); }
tr.quiet .badge { background: none; color: var(--muted); border: 1px solid var(--line);
                  font-weight: 400; }
tr.quiet .badge.b-pass { color: var(--pass); border-color: var(--pass); }
)css";

/// Failures first, then errors, then what says nothing is wrong.
int outcome_rank(std::string_view outcome) {
    if (outcome == "fail") {
        return 0;
    }
    if (outcome == "error") {
        return 1;
    }
    if (outcome == "pass") {
        return 3;
    }
    if (outcome == "not-applicable") {
        return 4;
    }
    return 2;  // not-checked, and any name this renderer does not know: worth a look
}

bool is_loud(const RuleResultRow& r) {
    return outcome_rank(r.outcome) < 2;
}

std::string or_dash(std::string_view text) {
    return text.empty() ? std::string("—") : escape_html(text);
}

std::string header(const RunModel& m, Lang lang) {
    std::string policies;
    for (const auto& p : m.policies) {
        policies += (policies.empty() ? "" : ", ") + escape_html(p);
    }
    std::string meta =
        meta_item(lang, MessageKey::Started, escape_html(format_time(m.started_at, lang)));
    meta += meta_item(lang,
                      MessageKey::Finished,
                      m.finished_at.empty() ? html_text(lang, MessageKey::NotFinished)
                                            : escape_html(format_time(m.finished_at, lang)));
    meta += meta_item(lang, MessageKey::RunStatus, badge(lang, Vocabulary::RunStatus, m.status));
    meta += meta_item(lang, MessageKey::Policies, policies.empty() ? "—" : policies);
    meta += meta_item(lang,
                      MessageKey::Tool,
                      html_text(lang, MessageKey::ProductName) + " " + escape_html(m.tool_version));
    const auto kicker = fmt::format(
        "{} · {} #{}", tr(lang, MessageKey::ProductName), tr(lang, MessageKey::AuditRun), m.run_id);
    return document_header(kicker, tr(lang, MessageKey::RunTitle), meta);
}

std::string outcome_card(Lang lang, std::string_view outcome, std::int64_t count, bool alert) {
    return figure_card(format_integer(count, lang),
                       tr(lang, Vocabulary::Outcome, outcome),
                       tr(lang, MessageKey::RuleResults),
                       alert && count > 0);
}

std::string totals(const RunModel& m, Lang lang) {
    std::string out = "<div class=\"cards\">\n";
    out += figure_card(format_integer(static_cast<std::int64_t>(m.systems.size()), lang),
                       tr(lang, MessageKey::SystemsAudited),
                       "",
                       false);
    out += outcome_card(lang, "fail", m.totals.fail, true);
    out += outcome_card(lang, "error", m.totals.error, true);
    out += outcome_card(lang, "pass", m.totals.pass, false);
    out += outcome_card(lang, "not-applicable", m.totals.not_applicable, false);
    if (m.totals.not_checked > 0) {
        out += outcome_card(lang, "not-checked", m.totals.not_checked, false);
    }
    out +=
        "</div>\n<div class=\"findings\"><b>" + html_text(lang, MessageKey::OpenFindings) + ":</b>";
    for (const auto severity : kSeverities) {
        out += fmt::format("<span>{}<span class=\"n\">{}</span></span>",
                           badge(lang, Vocabulary::Severity, severity),
                           format_integer(severity_count(m.findings_by_severity, severity), lang));
    }
    return out + "</div>\n";
}

std::string count_cell(std::int64_t count, Lang lang, bool hot) {
    return fmt::format(
        "<td class=\"num{}\">{}</td>", hot && count > 0 ? " hot" : "", format_integer(count, lang));
}

std::string overview(const std::vector<const SystemRow*>& systems, Lang lang) {
    std::string out = "<h2>" + html_text(lang, MessageKey::Overview) + "</h2>\n";
    out += table_begin({{tr(lang, MessageKey::System)},
                        {tr(lang, MessageKey::Unit)},
                        {tr(lang, MessageKey::Level), true},
                        {tr(lang, MessageKey::Approval)},
                        {tr(lang, Vocabulary::Outcome, "fail"), true},
                        {tr(lang, Vocabulary::Outcome, "error"), true},
                        {tr(lang, Vocabulary::Outcome, "pass"), true}},
                       "overview");
    for (const auto* s : systems) {
        out += fmt::format(
            "<tr><td><a href=\"#{}\">{}</a> <span class=\"muted mono\">{}</span></td><td>{}</td>"
            "<td class=\"num\">{}</td><td>{}</td>{}{}{}</tr>\n",
            anchor_id("sys", s->id),
            or_dash(s->name),
            escape_html(s->id),
            or_dash(s->unit_name),
            s->level > 0 ? std::to_string(s->level) : "—",
            badge(lang, Vocabulary::Approval, s->approval_status),
            count_cell(s->counts.fail, lang, true),
            count_cell(s->counts.error, lang, false),
            count_cell(s->counts.pass, lang, false));
    }
    return out + std::string(kTableEnd);
}

std::string fact(Lang lang, MessageKey label, std::string_view value_html) {
    return fmt::format("<dt>{}</dt><dd>{}</dd>", html_text(lang, label), value_html);
}

std::string system_facts(const SystemRow& s, Lang lang) {
    std::string approval = badge(lang, Vocabulary::Approval, s.approval_status);
    if (!s.decision_no.empty()) {
        approval += fmt::format(" <span class=\"muted\">{}</span> {}",
                                html_text(lang, MessageKey::DecisionNo),
                                escape_html(s.decision_no));
    }
    std::string unit = or_dash(s.unit_name);
    if (!s.unit_id.empty()) {
        unit += " <span class=\"muted mono\">" + escape_html(s.unit_id) + "</span>";
    }
    std::string out = "<dl class=\"facts\">";
    out += fact(lang, MessageKey::Unit, unit);
    out += fact(lang, MessageKey::Level, s.level > 0 ? std::to_string(s.level) : "—");
    out += fact(lang, MessageKey::Owner, or_dash(s.owner));
    out += fact(lang, MessageKey::Approval, approval);
    out += fact(lang, MessageKey::Contact, or_dash(s.contact));
    out +=
        fact(lang,
             MessageKey::LegalBasis,
             or_dash(s.legal_basis.empty() ? "" : tr(lang, Vocabulary::LegalBasis, s.legal_basis)));
    return out + "</dl>\n";
}

std::string target_head(const TargetRow& t, Lang lang) {
    const bool record = t.kind == "system";  // the registry record: nothing was connected to
    std::string out = fmt::format(R"(<div class="target"><span class="label">{}{}</span>)",
                                  escape_html(tr(lang, Vocabulary::TargetKind, t.kind)),
                                  record ? "" : " " + escape_html(t.label));
    if (!t.sni.empty()) {
        out += fmt::format("<span><span class=\"k\">{}:</span>{}</span>",
                           html_text(lang, MessageKey::ServerName),
                           escape_html(t.sni));
    }
    if (!record || t.status != "ok") {
        out += "<span>" + badge(lang, Vocabulary::TargetStatus, t.status) + "</span>";
    }
    if (!record) {
        out += fmt::format("<span><span class=\"k\">{}:</span>{} ms</span>",
                           html_text(lang, MessageKey::Duration),
                           format_integer(t.duration_ms, lang));
    }
    if (t.status != "ok" && !t.detail.empty()) {
        out += R"(<span class="detail mono">)" + escape_html(t.detail) + "</span>";
    }
    return out + "</div>\n";
}

std::string result_row(const RuleResultRow& r, Lang lang) {
    const std::string& title = lang == Lang::Vi ? r.title.vi : r.title.en;
    const std::string& remedy = lang == Lang::Vi ? r.remediation.vi : r.remediation.en;
    std::string evidence = "<div class=\"mono\">" + escape_html(r.evidence) + "</div>";
    if (r.outcome == "fail" && !remedy.empty()) {
        evidence += fmt::format("<div class=\"remedy\"><b>{}:</b> {}</div>",
                                html_text(lang, MessageKey::Remediation),
                                escape_html(remedy));
    }
    return fmt::format(
        "<tr class=\"{} {}\"><td><b class=\"mono\">{}</b>{}{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>\n",
        is_loud(r) ? "loud" : "quiet",
        swatch(r.outcome).name,
        escape_html(r.rule_id),
        is_loud(r) ? "<br>" : " ",
        escape_html(title),
        badge(lang, Vocabulary::Severity, r.severity),
        badge(lang, Vocabulary::Outcome, r.outcome),
        evidence);
}

std::string target_section(const TargetRow& t, Lang lang) {
    std::string out = target_head(t, lang);
    if (t.results.empty()) {
        return out + "<p class=\"muted\">" + html_text(lang, MessageKey::NoResults) + "</p>\n";
    }
    std::vector<const RuleResultRow*> rows;
    for (const auto& r : t.results) {
        rows.push_back(&r);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const RuleResultRow* a, const RuleResultRow* b) {
        const int oa = outcome_rank(a->outcome);
        const int ob = outcome_rank(b->outcome);
        return oa != ob ? oa < ob : severity_rank(a->severity) < severity_rank(b->severity);
    });
    out += table_begin({{tr(lang, MessageKey::Rule)},
                        {tr(lang, MessageKey::Severity)},
                        {tr(lang, MessageKey::Outcome)},
                        {tr(lang, MessageKey::Evidence)}},
                       "results");
    for (const auto* r : rows) {
        out += result_row(*r, lang);
    }
    return out + std::string(kTableEnd);
}

std::string tally(const OutcomeCounts& c, Lang lang) {
    const auto item = [lang](std::string_view outcome, std::int64_t count) {
        return badge(lang, Vocabulary::Outcome, outcome) + " " + format_integer(count, lang);
    };
    std::string out = item("fail", c.fail);
    if (c.error > 0) {
        out += " · " + item("error", c.error);
    }
    out += " · " + item("pass", c.pass);
    if (c.not_applicable > 0) {
        out += " · " + item("not-applicable", c.not_applicable);
    }
    return out;
}

std::string system_section(const SystemRow& s, Lang lang) {
    std::string out = fmt::format(
        "<section class=\"system {}\" id=\"{}\">\n<h2><span class=\"tally\">{}</span>{}"
        "<span class=\"id mono\">{}</span></h2>\n",
        s.counts.fail > 0 ? "failing" : "clean",
        anchor_id("sys", s.id),
        tally(s.counts, lang),
        or_dash(s.name),
        escape_html(s.id));
    out += system_facts(s, lang);
    for (const auto& t : s.targets) {
        out += target_section(t, lang);
    }
    return out + "</section>\n";
}

}  // namespace

std::string render_run_html(const RunModel& model, Lang lang) {
    std::string html = page_begin(lang,
                                  fmt::format("{} — {} #{}",
                                              tr(lang, MessageKey::RunTitle),
                                              tr(lang, MessageKey::AuditRun),
                                              model.run_id),
                                  kRunStyle);
    html += header(model, lang);
    html += totals(model, lang);
    std::vector<const SystemRow*> systems;
    for (const auto& s : model.systems) {
        systems.push_back(&s);
    }
    // Most failures first: the officer reads the worst systems before the clean ones.
    std::stable_sort(systems.begin(), systems.end(), [](const SystemRow* a, const SystemRow* b) {
        return a->counts.fail != b->counts.fail ? a->counts.fail > b->counts.fail
                                                : a->counts.error > b->counts.error;
    });
    if (systems.empty()) {
        html += "<p>" + html_text(lang, MessageKey::NoSystems) + "</p>\n";
    } else {
        html += overview(systems, lang);
    }
    for (const auto* s : systems) {
        html += system_section(*s, lang);
    }
    return html + page_end(lang, model.tool_version);
}

}  // namespace attt::reports
