// The result of one rule on one target (XCCDF-like names).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attt {

enum class Outcome {
    Pass,
    Fail,
    Error,
    NotApplicable,
    NotChecked,
};

std::string_view to_string(Outcome value);
std::optional<Outcome> parse_outcome(std::string_view text);
/// The accepted spellings, for error messages.
std::string accepted_outcomes();

}  // namespace attt
