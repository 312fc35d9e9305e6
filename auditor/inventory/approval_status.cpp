#include "auditor/inventory/approval_status.h"

#include "auditor/core/enum_names.h"

namespace attt::inventory {

namespace {

constexpr EnumNames<ApprovalStatus, 4> kNames{{{
    {ApprovalStatus::Approved, "approved"},
    {ApprovalStatus::Pending, "pending"},
    {ApprovalStatus::NotSubmitted, "not-submitted"},
    {ApprovalStatus::Expired, "expired"},
}}};

}  // namespace

std::string_view to_string(ApprovalStatus value) {
    return kNames.name(value);
}

std::optional<ApprovalStatus> parse_approval_status(std::string_view text) {
    return kNames.parse(text);
}

std::string accepted_approval_statuses() {
    return kNames.accepted();
}

}  // namespace attt::inventory
