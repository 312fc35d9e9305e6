// A fact is one typed observation about a target, with the evidence of where and when it was
// seen. Collectors emit facts; rules read them. Facts say what is, never whether it is good.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "auditor/core/clock.h"

namespace attt {

using FactList = std::vector<std::string>;
using FactValue = std::variant<bool, std::int64_t, std::string, FactList>;

/// Where and when a fact was observed: an endpoint ("127.0.0.1:8443"), a file and line,
/// or "registry" for inventory records.
struct Evidence {
    std::string source;
    TimePoint observed_at{};
};

struct Fact {
    std::string name;  ///< dotted path, e.g. "tls.cert.days_left"; documented in docs/facts.md
    FactValue value;
    Evidence evidence;
};

/// "true", "42", "text", "[a, b]": how a value reads in evidence and reports.
std::string to_display(const FactValue& value);

/// "bool", "integer", "string", "list"
const char* type_name(const FactValue& value);

}  // namespace attt
