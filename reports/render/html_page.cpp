#include "reports/render/html_page.h"

#include <fmt/format.h>

#include "reports/render/html_escape.h"
#include "reports/render/palette.h"

namespace attt::reports {

namespace {

constexpr std::string_view kSharedStyle = R"css(
:root { --ink: #1d2733; --muted: #5b6776; --line: #d8dee6; --soft: #f4f6f9; --accent: #0b4f8a;
        --fail: #c92a2a; --pass: #2b8a3e; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1120px; padding: 24px 28px; line-height: 1.45; font-size: 14px; }
header.doc { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 14px; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: 11px; color: var(--muted);
          font-weight: 600; }
h1 { font-size: 22px; margin: 2px 0 8px; color: var(--accent); line-height: 1.25; }
h2 { font-size: 17px; margin: 24px 0 8px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 22px; font-size: 13px; }
.meta .k { color: var(--muted); margin-right: 4px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0 14px; }
.card { flex: 1; min-width: 130px; background: var(--soft); border: 1px solid var(--line);
        border-top: 4px solid var(--accent); border-radius: 6px; padding: 8px 14px; }
.card.alert { border-top-color: var(--fail); }
.card .value { font-size: 26px; font-weight: 700; line-height: 1.2; }
.card.alert .value { color: var(--fail); }
.card .label { font-size: 12px; font-weight: 600; }
.card .note { font-size: 12px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 7px; text-align: left;
         vertical-align: top; }
th { background: var(--soft); font-size: 12px; color: var(--muted); font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
         font-weight: 600; white-space: nowrap; line-height: 1.5; }
.muted { color: var(--muted); }
a { color: var(--accent); text-decoration: none; }
.mono { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .88em;
        overflow-wrap: anywhere; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
footer { margin-top: 26px; padding-top: 6px; border-top: 1px solid var(--line); color: var(--muted);
         font-size: 11px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  .badge { border: 1px solid rgba(0, 0, 0, .3); }
}
)css";

bool is_anchor_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

std::string page_begin(Lang lang, std::string_view title, std::string_view page_css) {
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n<style>{}{}{}</style>\n</head>\n<body>\n",
        lang_code(lang),
        escape_html(title),
        kSharedStyle,
        badge_css(),
        page_css);
}

std::string page_end(Lang lang, std::string_view tool_version) {
    return fmt::format("<footer>{} {}{}{}</footer>\n</body>\n</html>\n",
                       html_text(lang, MessageKey::GeneratedBy),
                       html_text(lang, MessageKey::ProductName),
                       tool_version.empty() ? "" : " ",
                       escape_html(tool_version));
}

std::string document_header(std::string_view kicker,
                            std::string_view title,
                            std::string_view meta_items_html) {
    return fmt::format(
        "<header class=\"doc\">\n<div class=\"kicker\">{}</div>\n<h1>{}</h1>\n"
        "<div class=\"meta\">{}</div>\n</header>\n",
        escape_html(kicker),
        escape_html(title),
        meta_items_html);
}

std::string meta_item(Lang lang, MessageKey label, std::string_view value_html) {
    return fmt::format(
        "<span><span class=\"k\">{}:</span>{}</span>", html_text(lang, label), value_html);
}

std::string html_text(Lang lang, MessageKey key) {
    return escape_html(tr(lang, key));
}

std::string badge(Lang lang, Vocabulary vocabulary, std::string_view name) {
    return fmt::format("<span class=\"badge b-{}\">{}</span>",
                       swatch(name).name,
                       escape_html(tr(lang, vocabulary, name)));
}

std::string figure_card(std::string_view value,
                        std::string_view label,
                        std::string_view note,
                        bool alert) {
    return fmt::format(
        "<div class=\"card{}\"><div class=\"value\">{}</div><div class=\"label\">{}</div>"
        "<div class=\"note\">{}</div></div>\n",
        alert ? " alert" : "",
        escape_html(value),
        escape_html(label),
        escape_html(note));
}

std::string table_begin(std::initializer_list<Column> columns, std::string_view css_class) {
    std::string out = fmt::format("<table class=\"{}\"><thead><tr>", escape_html(css_class));
    for (const auto& c : columns) {
        out +=
            fmt::format("<th{}>{}</th>", c.numeric ? " class=\"num\"" : "", escape_html(c.heading));
    }
    return out + "</tr></thead><tbody>\n";
}

std::string anchor_id(std::string_view prefix, std::string_view id) {
    std::string out(prefix);
    out += '-';
    for (const char c : id) {
        if (is_anchor_char(c)) {
            out += c;
        } else {
            out += fmt::format("_{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

}  // namespace attt::reports
