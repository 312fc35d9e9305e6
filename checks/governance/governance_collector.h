// Collects system.* facts from a system's registry record: approval status, decision, level,
// legal basis. No I/O: the record came with the target.
#pragma once

#include "auditor/collect/collector.h"

namespace attt::governance {

class GovernanceCollector final : public collect::Collector {
public:
    TargetKind kind() const override { return TargetKind::System; }

    std::string_view name() const override { return "governance"; }

    collect::CollectionResult collect(const plan::Target& target,
                                      const RunContext& context) const override;
};

}  // namespace attt::governance
