// Checks a loaded policy for mistakes the schema cannot see: comparisons whose literal is not
// a number, lists that are empty, an "exists" test with a value, a title left empty.
#pragma once

#include <string>
#include <vector>

#include "auditor/policy/policy.h"

namespace attt::policy {

/// Every problem as "file:line: rule ID: what is wrong"; empty when the policy is clean.
std::vector<std::string> lint_policy(const Policy& policy);

}  // namespace attt::policy
