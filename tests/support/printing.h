// Lets Boost.Test print the auditor's enums by their stable names in failure messages.
#pragma once

#include <ostream>

#include "auditor/core/outcome.h"
#include "auditor/core/severity.h"
#include "auditor/core/target_status.h"

namespace attt {

inline std::ostream& operator<<(std::ostream& os, Outcome v) {
    return os << to_string(v);
}

inline std::ostream& operator<<(std::ostream& os, Severity v) {
    return os << to_string(v);
}

inline std::ostream& operator<<(std::ostream& os, TargetStatus v) {
    return os << to_string(v);
}

}  // namespace attt
