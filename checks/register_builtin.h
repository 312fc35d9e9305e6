// The one list of built-in collectors. main() and tests call it explicitly; nothing registers
// itself behind the reader's back.
#pragma once

#include "auditor/collect/collector_registry.h"

namespace attt::checks {

void register_builtin(collect::CollectorRegistry& registry);

}  // namespace attt::checks
