// The extension point for observation: a collector turns one kind of target into facts.
// It knows nothing about rules. It never throws for an expected failure (refused, timed out,
// not TLS): those are statuses in the result.
#pragma once

#include <string_view>

#include "auditor/collect/collection_result.h"
#include "auditor/core/run_context.h"
#include "auditor/core/target_kind.h"
#include "auditor/plan/target.h"

namespace attt::collect {

class Collector {
public:
    virtual ~Collector() = default;
    virtual TargetKind kind() const = 0;
    virtual std::string_view name() const = 0;
    virtual CollectionResult collect(const plan::Target& target,
                                     const RunContext& context) const = 0;
};

}  // namespace attt::collect
