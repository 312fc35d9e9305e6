// How one rule result moves a finding along its lifecycle. Pure, so the rule that an
// unscanned target never counts as fixed is tested without a database.
#pragma once

#include <optional>
#include <string_view>

#include "auditor/core/outcome.h"

namespace attt::findings {

enum class FindingStatus {
    Open,
    Fixed,
    Reopened
};

std::string_view to_string(FindingStatus status);
std::optional<FindingStatus> parse_finding_status(std::string_view text);

enum class Transition {
    None,       ///< nothing to record (no finding, or the result says nothing new)
    Opened,     ///< first failure of this rule on this target
    SeenAgain,  ///< still failing: last_seen moves
    Fixed,      ///< passed (or no longer applies) after failing
    Reopened,   ///< failing again after being fixed
};

/// `previous` is the finding's current status, or nullopt when there is none. Error and
/// not-checked outcomes leave a finding as it is: a target we could not see is not fixed.
Transition next_transition(std::optional<FindingStatus> previous, Outcome outcome);

/// The status a finding has after a transition (None and SeenAgain keep `previous`).
std::optional<FindingStatus> status_after(std::optional<FindingStatus> previous, Transition t);

}  // namespace attt::findings
