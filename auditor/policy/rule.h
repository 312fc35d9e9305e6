// A rule is data from a policy file: what is required, of which systems, how it is checked
// and how to fix it. See policies/schema/policy.xsd and docs/policy-format.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auditor/core/severity.h"
#include "auditor/core/target_kind.h"
#include "auditor/policy/condition.h"

namespace attt::policy {

struct Text {
    std::string vi;
    std::string en;
};

/// A citation. `confidence` keeps REGULATION.md's mark visible: a rule resting on an
/// unverified clause says so in every report.
struct Reference {
    std::string source;      ///< "TCVN 11930:2017", "Mozilla Server Side TLS 6.0"
    std::string clause;      ///< "7.2.3.4"
    std::string confidence;  ///< "verified", "secondary", "unverified"
};

struct Rule {
    std::string id;
    Text title;
    Text description;
    Severity severity = Severity::Medium;
    int min_level = 1;  ///< applies to systems of this level and above
    TargetKind target = TargetKind::System;
    std::optional<Condition> applies_when;
    Condition check;
    Text remediation;
    std::vector<Reference> references;
    std::string policy_id;  ///< the policy that defined it
    std::string place;      ///< "file:line" of its <rule> element
};

}  // namespace attt::policy
