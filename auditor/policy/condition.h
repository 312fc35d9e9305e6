// A condition over facts, as written in a policy: a tree of all/any/not over fact tests.
// Pure data; the evaluator (auditor/evaluate) gives it meaning.
#pragma once

#include <string>
#include <vector>

namespace attt::policy {

enum class Operator {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Contains,
    NotContains,
    Exists
};

struct Condition {
    enum class Kind {
        Fact,
        All,
        Any,
        Not
    };
    Kind kind = Kind::Fact;
    // Kind::Fact
    std::string fact;
    Operator op = Operator::Eq;
    std::string value;                ///< literal as written; for in/not-in the whole list
    std::vector<std::string> values;  ///< for in/not-in: the list split on commas and trimmed
    // Kind::All, Any, Not
    std::vector<Condition> children;
    std::size_t line = 0;  ///< where it was written, for lint messages
};

const char* to_string(Operator op);

}  // namespace attt::policy
