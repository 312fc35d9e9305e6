#include "auditor/core/severity.h"

#include "auditor/core/enum_names.h"

namespace attt {

namespace {

constexpr EnumNames<Severity, 5> kNames{{{
    {Severity::Info, "info"},
    {Severity::Low, "low"},
    {Severity::Medium, "medium"},
    {Severity::High, "high"},
    {Severity::Critical, "critical"},
}}};

}  // namespace

std::string_view to_string(Severity value) {
    return kNames.name(value);
}

std::optional<Severity> parse_severity(std::string_view text) {
    return kNames.parse(text);
}

std::string accepted_severities() {
    return kNames.accepted();
}

}  // namespace attt
