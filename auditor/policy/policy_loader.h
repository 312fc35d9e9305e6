// Loads one policy file: safe parse, schema validation, then the model. A policy that fails
// any step is refused whole, with file:line errors.
#pragma once

#include <string>

#include "auditor/core/error.h"
#include "auditor/policy/policy.h"
#include "auditor/policy/schema_validator.h"

namespace attt::policy {

Result<Policy> load_policy_file(const std::string& path, const SchemaValidator& schema);

}  // namespace attt::policy
