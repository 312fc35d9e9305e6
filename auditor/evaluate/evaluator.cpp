#include "auditor/evaluate/evaluator.h"

#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "auditor/core/limits.h"
#include "auditor/evaluate/fact_test.h"

namespace attt::evaluate {

namespace {

using policy::Condition;

/// Walks a condition tree in Kleene logic and remembers, per leaf, what it saw, so the
/// evidence can name exactly the facts that decided.
class ConditionWalker {
public:
    explicit ConditionWalker(const FactSet& facts) : facts_(facts) {}

    Truth walk(const Condition& c) {
        switch (c.kind) {
            case Condition::Kind::Fact:
                return leaf(c);
            case Condition::Kind::Not:
                return negate(walk(c.children.front()));
            case Condition::Kind::All:
                return combine(c, Truth::False);
            case Condition::Kind::Any:
                return combine(c, Truth::True);
        }
        return Truth::Unknown;
    }

    const std::vector<std::string>& failed() const { return failed_; }

    const std::vector<std::string>& passed() const { return passed_; }

    const std::vector<std::string>& unknown() const { return unknown_; }

private:
    static Truth negate(Truth t) {
        return t == Truth::Unknown ? t : (t == Truth::True ? Truth::False : Truth::True);
    }

    /// `dominant` decides the whole node as soon as one child has it (False for all, True for any).
    Truth combine(const Condition& c, Truth dominant) {
        bool any_unknown = false;
        bool decided = false;
        for (const auto& child : c.children) {
            const Truth t = walk(child);
            decided = decided || t == dominant;
            any_unknown = any_unknown || t == Truth::Unknown;
        }
        if (decided) {
            return dominant;
        }
        return any_unknown ? Truth::Unknown : negate(dominant);
    }

    Truth leaf(const Condition& c) {
        const Fact* fact = facts_.find(c.fact);
        if (fact == nullptr) {
            if (c.op == policy::Operator::Exists) {
                failed_.push_back(fmt::format("{} was not observed", c.fact));
                return Truth::False;
            }
            unknown_.push_back(fmt::format("{} was not observed", c.fact));
            return Truth::Unknown;
        }
        const TestOutcome outcome = test_fact(*fact, c);
        const std::string seen = fmt::format("{} = {}", fact->name, to_display(fact->value));
        if (!outcome.note.empty()) {
            unknown_.push_back(outcome.note);
        } else if (outcome.truth == Truth::False) {
            failed_.push_back(
                c.op == policy::Operator::Exists
                    ? seen
                    : fmt::format("{}, required {} {}", seen, policy::to_string(c.op), c.value));
        } else {
            passed_.push_back(seen);
        }
        return outcome.truth;
    }

    const FactSet& facts_;
    std::vector<std::string> failed_;
    std::vector<std::string> passed_;
    std::vector<std::string> unknown_;
};

std::string bounded(std::string text) {
    if (text.size() > limits::kMaxEvidenceBytes) {
        text.resize(limits::kMaxEvidenceBytes);
        text += "…";
    }
    return text;
}

/// The source of the first fact, so evidence says where it was seen ("[127.0.0.1:8443]").
std::string source_of(const FactSet& facts) {
    return facts.empty() ? std::string{}
                         : fmt::format(" [{}]", facts.all().front().evidence.source);
}

std::string status_note(const FactSet& facts) {
    const Fact* status = facts.find("target.status");
    if (status == nullptr || to_display(status->value) == "ok") {
        return {};
    }
    const Fact* detail = facts.find("target.detail");
    return fmt::format("; target.status = {}{}",
                       to_display(status->value),
                       detail != nullptr ? ": " + to_display(detail->value) : std::string{});
}

}  // namespace

RuleResult evaluate_rule(const policy::Rule& rule, const FactSet& facts, int system_level) {
    RuleResult result{rule.id, Outcome::NotApplicable, rule.severity, {}};
    if (system_level < rule.min_level) {
        result.evidence = fmt::format(
            "system level {} is below the rule's level {}", system_level, rule.min_level);
        return result;
    }
    if (rule.applies_when) {
        ConditionWalker scope(facts);
        if (scope.walk(*rule.applies_when) != Truth::True) {
            const auto& why = scope.failed().empty() ? scope.unknown() : scope.failed();
            result.evidence = bounded(
                fmt::format("does not apply: {}{}", fmt::join(why, "; "), source_of(facts)));
            return result;
        }
    }
    ConditionWalker walker(facts);
    switch (walker.walk(rule.check)) {
        case Truth::True:
            result.outcome = Outcome::Pass;
            result.evidence = fmt::format("{}", fmt::join(walker.passed(), "; "));
            break;
        case Truth::False:
            result.outcome = Outcome::Fail;
            result.evidence = fmt::format("{}", fmt::join(walker.failed(), "; "));
            break;
        case Truth::Unknown:
            result.outcome = Outcome::Error;
            result.evidence =
                fmt::format("{}{}", fmt::join(walker.unknown(), "; "), status_note(facts));
            break;
    }
    result.evidence = bounded(result.evidence + source_of(facts));
    return result;
}

}  // namespace attt::evaluate
