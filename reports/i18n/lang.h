// The languages reports are written in. Vietnamese is the default: the readers are provincial
// security officers, system owners and leaders.
#pragma once

#include <optional>
#include <string_view>

namespace attt::reports {

enum class Lang {
    Vi,
    En,
};

/// "vi" or "en", as the CLI's --lang takes them; anything else → nullopt.
std::optional<Lang> parse_lang(std::string_view text);

/// The language tag for <html lang="…">: "vi" or "en".
std::string_view lang_code(Lang lang);

}  // namespace attt::reports
