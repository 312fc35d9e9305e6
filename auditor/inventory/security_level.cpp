#include "auditor/inventory/security_level.h"

namespace attt::inventory {

std::optional<int> parse_level(std::string_view text) {
    if (text.size() != 1 || text[0] < '0' + kMinLevel || text[0] > '0' + kMaxLevel) {
        return std::nullopt;
    }
    return text[0] - '0';
}

}  // namespace attt::inventory
