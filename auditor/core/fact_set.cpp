#include "auditor/core/fact_set.h"

#include <algorithm>

namespace attt {

void FactSet::add(Fact fact) {
    auto it = std::find_if(
        facts_.begin(), facts_.end(), [&](const Fact& f) { return f.name == fact.name; });
    if (it != facts_.end()) {
        *it = std::move(fact);
        return;
    }
    facts_.push_back(std::move(fact));
}

void FactSet::add(std::string name, FactValue value, const Evidence& evidence) {
    add(Fact{std::move(name), std::move(value), evidence});
}

const Fact* FactSet::find(std::string_view name) const {
    auto it =
        std::find_if(facts_.begin(), facts_.end(), [&](const Fact& f) { return f.name == name; });
    return it == facts_.end() ? nullptr : &*it;
}

}  // namespace attt
