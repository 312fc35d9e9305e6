// What a rule checks and what a collector accepts: the registry record of a system, one TLS
// endpoint, or one plain-HTTP endpoint (registered so that its redirect to HTTPS is checked).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attt {

enum class TargetKind {
    System,
    TlsEndpoint,
    HttpEndpoint,  ///< an "http://" endpoint: plain HTTP, checked for its redirect to HTTPS
};

std::string_view to_string(TargetKind value);
std::optional<TargetKind> parse_target_kind(std::string_view text);
/// The accepted spellings, for error messages.
std::string accepted_target_kinds();

}  // namespace attt
