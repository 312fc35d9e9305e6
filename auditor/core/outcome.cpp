#include "auditor/core/outcome.h"

#include "auditor/core/enum_names.h"

namespace attt {

namespace {

constexpr EnumNames<Outcome, 5> kNames{{{
    {Outcome::Pass, "pass"},
    {Outcome::Fail, "fail"},
    {Outcome::Error, "error"},
    {Outcome::NotApplicable, "not-applicable"},
    {Outcome::NotChecked, "not-checked"},
}}};

}  // namespace

std::string_view to_string(Outcome value) {
    return kNames.name(value);
}

std::optional<Outcome> parse_outcome(std::string_view text) {
    return kNames.parse(text);
}

std::string accepted_outcomes() {
    return kNames.accepted();
}

}  // namespace attt
