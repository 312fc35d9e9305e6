// All policies in force for an audit, loaded from a directory (policies/ by default) or from
// named files. Rule ids are unique across the set.
#pragma once

#include <string>
#include <vector>

#include "auditor/core/error.h"
#include "auditor/policy/policy.h"

namespace attt::policy {

struct PolicySet {
    std::vector<Policy> policies;

    std::vector<const Rule*> rules() const;
    const Rule* find_rule(const std::string& id) const;
    std::vector<std::string> policy_ids() const;
};

/// The policy directory the CLI uses when none is given: $ATTT_POLICY_DIR, else the one
/// compiled in (the source tree's policies/).
std::string default_policy_dir();

/// The schema file inside a policy directory.
std::string schema_path(const std::string& policy_dir);

/// Loads every *.xml below `policy_dir` (except the schema folder), sorted by path.
Result<PolicySet> load_policy_dir(const std::string& policy_dir);

/// Loads the given files, validating them against the schema of `policy_dir`; reports every
/// problem of every file (used by `policy lint`).
Result<PolicySet> load_policy_files(const std::vector<std::string>& paths,
                                    const std::string& policy_dir);

}  // namespace attt::policy
