// The one registry of collectors, keyed by the kind of target they accept. Filled explicitly
// by checks::register_builtin(registry); no static self-registration, no switch over kinds.
#pragma once

#include <map>
#include <memory>

#include "auditor/collect/collector.h"

namespace attt::collect {

class CollectorRegistry {
public:
    /// Registers a collector for its kind; a second one for the same kind replaces the first.
    void add(std::unique_ptr<Collector> collector);
    const Collector* find(TargetKind kind) const;

private:
    std::map<TargetKind, std::unique_ptr<Collector>> collectors_;
};

}  // namespace attt::collect
