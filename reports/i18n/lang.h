// The languages reports are written in. Vietnamese is the default: the readers are provincial
// officers, owners and leaders.
#pragma once

#include <optional>
#include <string_view>

namespace attt::reports {

enum class Lang { Vi, En };

/// "vi" or "en"; anything else → nullopt.
std::optional<Lang> parse_lang(std::string_view text);

}  // namespace attt::reports
