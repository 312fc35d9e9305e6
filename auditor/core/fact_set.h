// The facts of one target after collection. Lookup by name; insertion order is kept so that
// reports and JSON list facts in the order the collector found them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/fact.h"

namespace attt {

class FactSet {
public:
    /// Adds a fact, replacing an earlier one of the same name.
    void add(Fact fact);

    /// Convenience for collectors: a fact observed at one source and time.
    void add(std::string name, FactValue value, const Evidence& evidence);

    const Fact* find(std::string_view name) const;

    const std::vector<Fact>& all() const { return facts_; }

    bool empty() const { return facts_.empty(); }

private:
    std::vector<Fact> facts_;
};

}  // namespace attt
