// What a collector returns for one target: the facts it saw and how the attempt went.
#pragma once

#include <chrono>
#include <string>

#include "auditor/core/fact_set.h"
#include "auditor/core/target_status.h"

namespace attt::collect {

struct CollectionResult {
    FactSet facts;
    TargetStatus status = TargetStatus::Ok;
    std::string detail;  ///< one line for the user when status is not Ok ("connection refused")
    std::chrono::milliseconds duration{0};
};

}  // namespace attt::collect
