// The frame and the building blocks every HTML report shares: one self-contained file (UTF-8,
// inline CSS, no JavaScript, no external resources) readable on screen and on A4 paper; the
// document header, figure cards, table heads and badges for stable names. Every function here
// escapes the text it is given; arguments named *_html are already markup.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "reports/i18n/catalog.h"
#include "reports/i18n/lang.h"

namespace attt::reports {

/// "<!DOCTYPE html>…<body>" with the escaped title, the shared style and `page_css`.
std::string page_begin(Lang lang, std::string_view title, std::string_view page_css);

/// The footer naming the tool (and its version, when known) and the closing tags.
std::string page_end(Lang lang, std::string_view tool_version);

/// The title block: a small line above the title (`kicker`), the title, and the meta line.
std::string document_header(std::string_view kicker,
                            std::string_view title,
                            std::string_view meta_items_html);

/// One "label value" pair of the meta line under the title.
std::string meta_item(Lang lang, MessageKey label, std::string_view value_html);

/// A catalogue text, escaped.
std::string html_text(Lang lang, MessageKey key);

/// A coloured label for a stable name ("fail", "critical", "timeout"), translated; an unknown
/// name is shown as it is, in grey.
std::string badge(Lang lang, Vocabulary vocabulary, std::string_view name);

/// A big figure with its label and an optional note ("66/71 hệ thống"); `alert` marks it red.
std::string figure_card(std::string_view value,
                        std::string_view label,
                        std::string_view note,
                        bool alert);

struct Column {
    std::string_view heading;  ///< plain text, escaped by table_begin
    bool numeric = false;      ///< right-aligned
};

/// "<table class=…><thead>…</thead><tbody>"; close with kTableEnd.
std::string table_begin(std::initializer_list<Column> columns, std::string_view css_class);
inline constexpr std::string_view kTableEnd = "</tbody></table>\n";

/// An element id (and link target) made of [A-Za-z0-9-] only, distinct for distinct ids:
/// anchor_id("sys", "VP DVC") == "sys-VP_20DVC".
std::string anchor_id(std::string_view prefix, std::string_view id);

}  // namespace attt::reports
