// One comparison of a fact with a literal from a policy: the leaf of every condition.
#pragma once

#include <string>

#include "auditor/core/fact.h"
#include "auditor/policy/condition.h"

namespace attt::evaluate {

enum class Truth {
    False,
    True,
    Unknown
};

struct TestOutcome {
    Truth truth = Truth::Unknown;
    std::string note;  ///< set when the literal does not fit the fact's type
};

/// Compares by the fact's type: integers numerically, booleans as true/false, strings exactly,
/// lists element-wise (`in`: every element is allowed; `not-in`: none is; `contains`: one is).
TestOutcome test_fact(const Fact& fact, const policy::Condition& test);

}  // namespace attt::evaluate
