#include "auditor/audit/target_evaluation.h"

#include "auditor/evaluate/evaluator.h"

namespace attt::audit {

std::vector<evaluate::RuleResult> evaluate_target(const plan::Target& target,
                                                  const collect::CollectionResult& collected,
                                                  const policy::PolicySet& policies) {
    std::vector<evaluate::RuleResult> results;
    for (const auto* rule : policies.rules()) {
        if (rule->target == target.kind) {
            results.push_back(
                evaluate::evaluate_rule(*rule, collected.facts, target.system->level));
        }
    }
    return results;
}

}  // namespace attt::audit
