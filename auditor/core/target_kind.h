// What a rule checks and what a collector accepts
// Ordered  the registry record of a system, or one TLS endpoint..
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attt {

enum class TargetKind {
    System,
    TlsEndpoint,
};

std::string_view to_string(TargetKind value);
std::optional<TargetKind> parse_target_kind(std::string_view text);
/// The accepted spellings, for error messages.
std::string accepted_target_kinds();

}  // namespace attt
