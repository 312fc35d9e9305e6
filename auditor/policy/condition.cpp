#include "auditor/policy/condition.h"

namespace attt::policy {

const char* to_string(Operator op) {
    switch (op) {
        case Operator::Eq:
            return "eq";
        case Operator::Ne:
            return "ne";
        case Operator::Lt:
            return "lt";
        case Operator::Le:
            return "le";
        case Operator::Gt:
            return "gt";
        case Operator::Ge:
            return "ge";
        case Operator::In:
            return "in";
        case Operator::NotIn:
            return "not-in";
        case Operator::Contains:
            return "contains";
        case Operator::NotContains:
            return "not-contains";
        case Operator::Exists:
            return "exists";
    }
    return "?";
}

}  // namespace attt::policy
