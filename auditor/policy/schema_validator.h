// XSD validation of policy documents against policies/schema/policy.xsd.
#pragma once

#include <string>

#include "auditor/core/error.h"
#include "auditor/policy/xml_handles.h"

namespace attt::policy {

class SchemaValidator {
public:
    /// Loads and compiles the schema; errors name the schema file.
    static Result<SchemaValidator> load(const std::string& xsd_path);

    /// Every schema violation as "path:line: message"; empty error means valid.
    Result<void> validate(const std::string& path, xmlDoc* doc) const;

private:
    explicit SchemaValidator(XmlSchemaPtr schema) : schema_(std::move(schema)) {}

    std::shared_ptr<xmlSchema> schema_;
};

}  // namespace attt::policy
