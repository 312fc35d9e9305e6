#include "reports/i18n/lang.h"

namespace attt::reports {

std::optional<Lang> parse_lang(std::string_view text) {
    if (text == "vi") {
        return Lang::Vi;
    }
    if (text == "en") {
        return Lang::En;
    }
    return std::nullopt;
}

std::string_view lang_code(Lang lang) {
    return lang == Lang::Vi ? "vi" : "en";
}

}  // namespace attt::reports
