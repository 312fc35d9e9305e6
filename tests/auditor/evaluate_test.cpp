// Rule evaluation is pure: facts in, outcome and evidence out. These tests need no sockets.
#define BOOST_TEST_MODULE evaluate
#include <boost/test/unit_test.hpp>

#include "auditor/core/text_split.h"
#include "auditor/evaluate/evaluator.h"
#include "tests/support/printing.h"

using namespace attt;
using namespace attt::policy;
using attt::evaluate::evaluate_rule;

namespace {

Condition fact(const std::string& name, Operator op, const std::string& value) {
    Condition c;
    c.kind = Condition::Kind::Fact;
    c.fact = name;
    c.op = op;
    c.value = value;
    c.values = split_trimmed(value, ',');
    return c;
}

Condition node(Condition::Kind kind, std::vector<Condition> children) {
    Condition c;
    c.kind = kind;
    c.children = std::move(children);
    return c;
}

Rule rule_with(Condition check, int min_level = 1) {
    Rule r;
    r.id = "R-1";
    r.min_level = min_level;
    r.severity = Severity::High;
    r.check = std::move(check);
    return r;
}

FactSet facts(std::initializer_list<std::pair<std::string, FactValue>> items) {
    FactSet set;
    for (const auto& [name, value] : items) {
        set.add(name, value, Evidence{"127.0.0.1:8443", {}});
    }
    return set;
}

}  // namespace

BOOST_AUTO_TEST_CASE(integer_comparison_fails_with_the_value_and_requirement_in_evidence) {
    auto r = evaluate_rule(rule_with(fact("tls.cert.days_left", Operator::Ge, "30")),
                           facts({{"tls.cert.days_left", std::int64_t{12}}}),
                           3);
    BOOST_TEST(r.outcome == Outcome::Fail);
    BOOST_TEST(r.evidence == "tls.cert.days_left = 12, required ge 30 [127.0.0.1:8443]");
    BOOST_TEST(r.severity == Severity::High);
}

BOOST_AUTO_TEST_CASE(passes_when_the_condition_holds) {
    auto r = evaluate_rule(rule_with(fact("tls.cert.days_left", Operator::Ge, "30")),
                           facts({{"tls.cert.days_left", std::int64_t{300}}}),
                           1);
    BOOST_TEST(r.outcome == Outcome::Pass);
}

BOOST_AUTO_TEST_CASE(below_min_level_is_not_applicable) {
    auto r = evaluate_rule(rule_with(fact("x.y", Operator::Eq, "true"), 3), facts({}), 2);
    BOOST_TEST(r.outcome == Outcome::NotApplicable);
    BOOST_TEST(r.evidence.find("level 2 is below the rule's level 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_fact_is_an_error_that_names_the_target_status) {
    auto r = evaluate_rule(rule_with(fact("tls.cert.trusted", Operator::Eq, "true")),
                           facts({{"target.status", std::string("timeout")},
                                  {"target.detail", std::string("no answer within 500 ms")}}),
                           1);
    BOOST_TEST(r.outcome == Outcome::Error);
    BOOST_TEST(
        r.evidence.find("tls.cert.trusted was not observed; target.status = timeout: no answer") !=
        std::string::npos);
}

BOOST_AUTO_TEST_CASE(any_is_true_despite_an_unknown_branch_and_all_is_false_despite_one) {
    auto any = node(Condition::Kind::Any,
                    {fact("missing.fact", Operator::Eq, "true"),
                     fact("tls.protocol.tls1_3", Operator::Eq, "true")});
    auto all = node(Condition::Kind::All,
                    {fact("missing.fact", Operator::Eq, "true"),
                     fact("tls.protocol.tls1_3", Operator::Eq, "false")});
    auto set = facts({{"tls.protocol.tls1_3", true}});
    BOOST_TEST(evaluate_rule(rule_with(any), set, 1).outcome == Outcome::Pass);
    BOOST_TEST(evaluate_rule(rule_with(all), set, 1).outcome == Outcome::Fail);
}

BOOST_AUTO_TEST_CASE(not_inverts_and_keeps_unknown) {
    auto set = facts({{"a.b", true}});
    BOOST_TEST(
        evaluate_rule(
            rule_with(node(Condition::Kind::Not, {fact("a.b", Operator::Eq, "true")})), set, 1)
            .outcome == Outcome::Fail);
    BOOST_TEST(
        evaluate_rule(
            rule_with(node(Condition::Kind::Not, {fact("c.d", Operator::Eq, "true")})), set, 1)
            .outcome == Outcome::Error);
}

BOOST_AUTO_TEST_CASE(string_membership_and_list_operators) {
    auto sig = facts({{"tls.cert.signature_hash", std::string("SHA1")},
                      {"tls.protocols.accepted", FactList{"TLSv1", "TLSv1.2"}}});
    BOOST_TEST(evaluate_rule(
                   rule_with(fact("tls.cert.signature_hash", Operator::NotIn, "MD5, SHA1")), sig, 1)
                   .outcome == Outcome::Fail);
    BOOST_TEST(
        evaluate_rule(
            rule_with(fact("tls.protocols.accepted", Operator::NotIn, "SSLv3, TLSv1")), sig, 1)
            .outcome == Outcome::Fail);
    BOOST_TEST(
        evaluate_rule(
            rule_with(fact("tls.protocols.accepted", Operator::In, "TLSv1, TLSv1.2, TLSv1.3")),
            sig,
            1)
            .outcome == Outcome::Pass);
    BOOST_TEST(evaluate_rule(
                   rule_with(fact("tls.protocols.accepted", Operator::Contains, "TLSv1.3")), sig, 1)
                   .outcome == Outcome::Fail);
}

BOOST_AUTO_TEST_CASE(applies_when_false_gives_not_applicable) {
    Rule r = rule_with(fact("tls.cert.key_bits", Operator::Ge, "2048"));
    r.applies_when = fact("tls.cert.key_type", Operator::Eq, "RSA");
    auto ec =
        facts({{"tls.cert.key_type", std::string("EC")}, {"tls.cert.key_bits", std::int64_t{256}}});
    auto rsa = facts(
        {{"tls.cert.key_type", std::string("RSA")}, {"tls.cert.key_bits", std::int64_t{1024}}});
    BOOST_TEST(evaluate_rule(r, ec, 1).outcome == Outcome::NotApplicable);
    BOOST_TEST(evaluate_rule(r, rsa, 1).outcome == Outcome::Fail);
}

BOOST_AUTO_TEST_CASE(type_mismatch_is_an_error_not_a_pass) {
    auto r = evaluate_rule(rule_with(fact("tls.cert.trusted", Operator::Ge, "1")),
                           facts({{"tls.cert.trusted", true}}),
                           1);
    BOOST_TEST(r.outcome == Outcome::Error);
    BOOST_TEST(r.evidence.find("cannot apply 'ge'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(exists_fails_when_the_fact_is_absent) {
    BOOST_TEST(evaluate_rule(rule_with(fact("a.b", Operator::Exists, "")), facts({}), 1).outcome ==
               Outcome::Fail);
    BOOST_TEST(
        evaluate_rule(rule_with(fact("a.b", Operator::Exists, "")), facts({{"a.b", true}}), 1)
            .outcome == Outcome::Pass);
}
