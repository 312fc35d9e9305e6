#include "auditor/evaluate/fact_test.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include <fmt/format.h>

namespace attt::evaluate {

namespace {

using policy::Condition;
using policy::Operator;

Truth truth_of(bool b) {
    return b ? Truth::True : Truth::False;
}

TestOutcome type_mismatch(const Fact& fact, const Condition& test) {
    return {Truth::Unknown,
            fmt::format("cannot apply '{}' with '{}' to {} fact {}",
                        policy::to_string(test.op),
                        test.value,
                        type_name(fact.value),
                        fact.name)};
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

std::optional<std::int64_t> parse_int(const std::string& text) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

TestOutcome test_integer(const Fact& fact, std::int64_t v, const Condition& test) {
    if (test.op == Operator::In || test.op == Operator::NotIn) {
        const bool found = contains(test.values, std::to_string(v));
        return {truth_of(test.op == Operator::In ? found : !found), {}};
    }
    auto literal = parse_int(test.value);
    if (!literal) {
        return type_mismatch(fact, test);
    }
    switch (test.op) {
        case Operator::Eq:
            return {truth_of(v == *literal), {}};
        case Operator::Ne:
            return {truth_of(v != *literal), {}};
        case Operator::Lt:
            return {truth_of(v < *literal), {}};
        case Operator::Le:
            return {truth_of(v <= *literal), {}};
        case Operator::Gt:
            return {truth_of(v > *literal), {}};
        case Operator::Ge:
            return {truth_of(v >= *literal), {}};
        default:
            return type_mismatch(fact, test);
    }
}

TestOutcome test_bool(const Fact& fact, bool v, const Condition& test) {
    if (test.value != "true" && test.value != "false") {
        return type_mismatch(fact, test);
    }
    const bool literal = test.value == "true";
    switch (test.op) {
        case Operator::Eq:
            return {truth_of(v == literal), {}};
        case Operator::Ne:
            return {truth_of(v != literal), {}};
        default:
            return type_mismatch(fact, test);
    }
}

TestOutcome test_string(const Fact& fact, const std::string& v, const Condition& test) {
    switch (test.op) {
        case Operator::Eq:
            return {truth_of(v == test.value), {}};
        case Operator::Ne:
            return {truth_of(v != test.value), {}};
        case Operator::In:
            return {truth_of(contains(test.values, v)), {}};
        case Operator::NotIn:
            return {truth_of(!contains(test.values, v)), {}};
        case Operator::Contains:
            return {truth_of(v.find(test.value) != std::string::npos), {}};
        case Operator::NotContains:
            return {truth_of(v.find(test.value) == std::string::npos), {}};
        default:
            return type_mismatch(fact, test);
    }
}

TestOutcome test_list(const Fact& fact, const FactList& v, const Condition& test) {
    auto allowed = [&](const std::string& item) {
        return contains(test.values, item);
    };
    switch (test.op) {
        case Operator::In:
            return {truth_of(std::all_of(v.begin(), v.end(), allowed)), {}};
        case Operator::NotIn:
            return {truth_of(std::none_of(v.begin(), v.end(), allowed)), {}};
        case Operator::Contains:
            return {truth_of(contains(v, test.value)), {}};
        case Operator::NotContains:
            return {truth_of(!contains(v, test.value)), {}};
        default:
            return type_mismatch(fact, test);
    }
}

}  // namespace

TestOutcome test_fact(const Fact& fact, const Condition& test) {
    if (test.op == Operator::Exists) {
        return {Truth::True, {}};
    }
    if (const auto* b = std::get_if<bool>(&fact.value)) {
        return test_bool(fact, *b, test);
    }
    if (const auto* i = std::get_if<std::int64_t>(&fact.value)) {
        return test_integer(fact, *i, test);
    }
    if (const auto* s = std::get_if<std::string>(&fact.value)) {
        return test_string(fact, *s, test);
    }
    return test_list(fact, std::get<FactList>(fact.value), test);
}

}  // namespace attt::evaluate
