// The result of one rule on one target, with the evidence that decided it.
#pragma once

#include <string>

#include "auditor/core/outcome.h"
#include "auditor/core/severity.h"

namespace attt::evaluate {

struct RuleResult {
    std::string rule_id;
    Outcome outcome = Outcome::NotChecked;
    Severity severity = Severity::Medium;
    /// One line a person can check: "tls.cert.days_left = -12, required ge 0 [127.0.0.1:8443]".
    std::string evidence;
};

}  // namespace attt::evaluate
