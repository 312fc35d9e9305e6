#include "auditor/collect/collector_registry.h"

namespace attt::collect {

void CollectorRegistry::add(std::unique_ptr<Collector> collector) {
    const TargetKind kind = collector->kind();
    collectors_[kind] = std::move(collector);
}

const Collector* CollectorRegistry::find(TargetKind kind) const {
    auto it = collectors_.find(kind);
    return it == collectors_.end() ? nullptr : it->second.get();
}

}  // namespace attt::collect
