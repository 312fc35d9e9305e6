// Evaluates the rules that fit one collected target: rules of the target's kind, judged at
// the level of the target's system.
#pragma once

#include <vector>

#include "auditor/collect/collection_result.h"
#include "auditor/evaluate/rule_result.h"
#include "auditor/plan/target.h"
#include "auditor/policy/policy_set.h"

namespace attt::audit {

std::vector<evaluate::RuleResult> evaluate_target(const plan::Target& target,
                                                  const collect::CollectionResult& collected,
                                                  const policy::PolicySet& policies);

}  // namespace attt::audit
