#include "auditor/policy/policy_linter.h"

#include <charconv>

#include <fmt/format.h>

#include "auditor/core/place.h"

namespace attt::policy {

namespace {

bool is_integer(const std::string& text) {
    long long value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return !text.empty() && ec == std::errc{} && ptr == end;
}

void lint_condition(const Policy& policy,
                    const Rule& rule,
                    const Condition& c,
                    std::vector<std::string>& problems) {
    auto report = [&](const std::string& what) {
        problems.push_back(
            fmt::format("{}: rule {}: {}", file_place(policy.path, c.line), rule.id, what));
    };
    for (const auto& child : c.children) {
        lint_condition(policy, rule, child, problems);
    }
    if (c.kind != Condition::Kind::Fact) {
        return;
    }
    switch (c.op) {
        case Operator::Lt:
        case Operator::Le:
        case Operator::Gt:
        case Operator::Ge:
            if (!is_integer(c.value)) {
                report(fmt::format("'{}' compares {} with '{}', which is not an integer",
                                   to_string(c.op),
                                   c.fact,
                                   c.value));
            }
            break;
        case Operator::In:
        case Operator::NotIn:
            if (c.values.empty()) {
                report(fmt::format(
                    "'{}' on {} needs a comma-separated list", to_string(c.op), c.fact));
            }
            break;
        case Operator::Exists:
            if (!c.value.empty()) {
                report(fmt::format("'exists' on {} takes no value", c.fact));
            }
            break;
        default:
            break;
    }
}

}  // namespace

std::vector<std::string> lint_policy(const Policy& policy) {
    std::vector<std::string> problems;
    for (const auto& rule : policy.rules) {
        if (rule.title.vi.empty() || rule.title.en.empty() || rule.remediation.vi.empty() ||
            rule.remediation.en.empty()) {
            problems.push_back(
                fmt::format("{}: rule {}: title and remediation need both vi and en text",
                            rule.place,
                            rule.id));
        }
        lint_condition(policy, rule, rule.check, problems);
        if (rule.applies_when) {
            lint_condition(policy, rule, *rule.applies_when, problems);
        }
    }
    return problems;
}

}  // namespace attt::policy
