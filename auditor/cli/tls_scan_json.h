// The JSON of `auditor tls --json`: one object per scanned endpoint (schema in
// docs/tls-json.md), made from the same TlsScan the audit turns into facts.
#pragma once

#include <nlohmann/json.hpp>

#include "checks/tls/tls_scan.h"

namespace attt::cli {

nlohmann::json tls_scan_json(const tls::TlsScan& scan);

}  // namespace attt::cli
