// Where a system's security-level dossier stands (hồ sơ đề xuất cấp độ).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attt::inventory {

enum class ApprovalStatus {
    Approved,      ///< đã phê duyệt: a decision number and date exist
    Pending,       ///< đang thẩm định: submitted, not yet approved
    NotSubmitted,  ///< chưa xây dựng hồ sơ
    Expired,       ///< the approval no longer covers the system (changed, or superseded)
};

std::string_view to_string(ApprovalStatus value);
std::optional<ApprovalStatus> parse_approval_status(std::string_view text);
std::string accepted_approval_statuses();

}  // namespace attt::inventory
