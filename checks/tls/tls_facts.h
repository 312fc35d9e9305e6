// Turns a TlsScan into tls.* facts for the rules (docs/facts-tls.md lists them all). The JSON
// of `auditor tls` is made from the same scan, so both say the same thing.
#pragma once

#include "auditor/core/fact_set.h"
#include "checks/tls/tls_scan.h"

namespace attt::tls {

/// Adds every fact the scan supports; nothing for a scan whose status is not ok (the status
/// and detail are the collector's target.* facts).
void add_scan_facts(const TlsScan& scan, FactSet& facts, const Evidence& evidence);

/// IANA name of a suite code, or "0x%04X" for one not in the registry.
std::string suite_name(std::uint16_t code);

/// The names of a protocol's accepted suites (SSLv2 cipher kinds for SSLv2), in order.
FactList suite_names(const ProtocolSupport& support);

}  // namespace attt::tls
