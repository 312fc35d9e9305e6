#include "auditor/core/target_kind.h"

#include "auditor/core/enum_names.h"

namespace attt {

namespace {

constexpr EnumNames<TargetKind, 3> kNames{{{
    {TargetKind::System, "system"},
    {TargetKind::TlsEndpoint, "tls-endpoint"},
    {TargetKind::HttpEndpoint, "http-endpoint"},
}}};

}  // namespace

std::string_view to_string(TargetKind value) {
    return kNames.name(value);
}

std::optional<TargetKind> parse_target_kind(std::string_view text) {
    return kNames.parse(text);
}

std::string accepted_target_kinds() {
    return kNames.accepted();
}

}  // namespace attt
