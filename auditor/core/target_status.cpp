#include "auditor/core/target_status.h"

#include "auditor/core/enum_names.h"

namespace attt {

namespace {

constexpr EnumNames<TargetStatus, 6> kNames{{{
    {TargetStatus::Ok, "ok"},
    {TargetStatus::Unreachable, "unreachable"},
    {TargetStatus::Timeout, "timeout"},
    {TargetStatus::NotTls, "not-tls"},
    {TargetStatus::ProtocolError, "protocol-error"},
    {TargetStatus::Error, "error"},
}}};

}  // namespace

std::string_view to_string(TargetStatus status) {
    return kNames.name(status);
}

std::optional<TargetStatus> parse_target_status(std::string_view text) {
    return kNames.parse(text);
}

}  // namespace attt
