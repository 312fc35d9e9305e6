// How bad a failing rule is; decides remediation deadlines and report order.
// Ordered info < low < medium < high < critical, so severities compare with <.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attt {

enum class Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
};

std::string_view to_string(Severity value);
std::optional<Severity> parse_severity(std::string_view text);
/// The accepted spellings, for error messages.
std::string accepted_severities();

}  // namespace attt
