#include "reports/render/html_page.h"

#include <fmt/format.h>

#include "reports/i18n/catalog.h"
#include "reports/render/html_escape.h"

namespace attt::reports {

namespace {

constexpr std::string_view kStyle = R"css(
:root { --ink:#1d2733; --muted:#5b6776; --line:#d8dee6; --bg:#f5f7fa; --accent:#0b5394; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.45; font-size: 14px; }
h1 { font-size: 22px; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: var(--muted); margin: 0 0 16px; }
.meta span { margin-right: 18px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.card .value { font-size: 24px; font-weight: 700; }
.card .label { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 7px; text-align: left; vertical-align: top; }
th { background: var(--bg); font-size: 12px; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600;
         color: #fff; white-space: nowrap; }
.b-critical { background: #8b0000; } .b-high { background: #d9480f; } .b-medium { background: #e8a317; color: #222; }
.b-low { background: #4a7fb5; } .b-info { background: #8a96a3; }
.b-pass, .b-ok, .b-approved, .b-completed { background: #2b8a3e; }
.b-fail, .b-unreachable, .b-timeout, .b-not-tls, .b-protocol-error, .b-expired, .b-failed { background: #c92a2a; }
.b-error, .b-interrupted, .b-not-submitted { background: #862e9c; }
.b-not-applicable, .b-not-checked, .b-pending, .b-running { background: #868e96; }
.system { border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 8px; margin: 14px 0; page-break-inside: avoid; }
.system.failing { border-left: 5px solid #c92a2a; }
.system.clean { border-left: 5px solid #2b8a3e; }
.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 12px; font-size: 13px; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; }
tr.fail td { background: #fff5f5; }
.evidence { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-word; }
.remedy { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 12px; color: #2f3b48;
          margin-top: 3px; }
.passed { color: var(--muted); font-size: 12px; }
.muted { color: var(--muted); }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
footer { margin-top: 30px; color: var(--muted); font-size: 11px; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  .system { page-break-inside: avoid; }
  .badge { border: 1px solid #000; color: #000 !important; background: none !important; }
  h2 { page-break-after: avoid; }
}
)css";

}  // namespace

std::string page_begin(Lang lang, std::string_view title) {
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        lang == Lang::Vi ? "vi" : "en", escape_html(title), kStyle);
}

std::string page_end() {
    return "<footer>ATTT Auditor</footer>\n</body>\n</html>\n";
}

std::string badge(Lang lang, std::string_view prefix, std::string_view name) {
    return fmt::format("<span class=\"badge b-{}\">{}</span>", escape_html(name),
                       escape_html(tr(lang, prefix, name)));
}

std::string_view severity_colour(std::string_view severity) {
    if (severity == "critical") {
        return "#8b0000";
    }
    if (severity == "high") {
        return "#d9480f";
    }
    if (severity == "medium") {
        return "#e8a317";
    }
    if (severity == "low") {
        return "#4a7fb5";
    }
    return "#8a96a3";
}

}  // namespace attt::reports
