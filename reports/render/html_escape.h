// Escaping for HTML text and attribute values. Everything that came from input (names, owners,
// evidence, rule texts, ids, details) passes through here before it reaches a page.
#pragma once

#include <string>
#include <string_view>

namespace attt::reports {

/// Replaces & < > " ' with entities; safe in element text and in quoted attribute values.
/// Other bytes, UTF-8 included, are kept as they are.
std::string escape_html(std::string_view text);

}  // namespace attt::reports
