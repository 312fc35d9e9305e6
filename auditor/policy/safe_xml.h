// The only way the auditor parses XML. libxml2 runs with no network, no DTD loading, no entity
// substitution and no XInclude; documents that declare a DTD or entities are refused before
// libxml2 sees them, so external entities and entity-expansion bombs cannot start.
#pragma once

#include <string>
#include <string_view>

#include "auditor/core/error.h"
#include "auditor/policy/xml_handles.h"

namespace attt::policy {

/// Parses a document already read into memory (bounded by the caller). Errors are one line,
/// "path:line: what libxml2 said".
Result<XmlDocPtr> parse_xml_safely(const std::string& path, std::string_view text);

/// Reads (size-capped) and parses a file.
Result<XmlDocPtr> read_xml_file(const std::string& path, std::size_t max_bytes);

/// libxml2 must be initialised once per process before threads use it.
void initialise_libxml();

}  // namespace attt::policy
