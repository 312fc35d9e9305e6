// Pure evaluation: a rule and the facts of one target give a result. No I/O, no clock, so a
// stored scan can be re-evaluated under a new policy and rules are tested without sockets.
#pragma once

#include "auditor/core/fact_set.h"
#include "auditor/evaluate/rule_result.h"
#include "auditor/policy/rule.h"

namespace attt::evaluate {

/// Outcome rules:
///  - not-applicable when the system's level is below the rule's min-level, or its
///    applies-when condition is false;
///  - pass / fail by the check condition (three-valued: a fact that was not observed makes a
///    test unknown; all/any/not combine as in Kleene logic);
///  - error when the outcome depends on a fact that was not observed, with the target status
///    in the evidence (an unreachable endpoint has no certificate to judge).
RuleResult evaluate_rule(const policy::Rule& rule, const FactSet& facts, int system_level);

}  // namespace attt::evaluate
