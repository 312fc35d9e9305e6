// The one list of built-in collectors. main() and tests call it explicitly; nothing registers
// itself behind the reader's back.
#pragma once

#include "auditor/collect/collector_registry.h"
#include "checks/tls/tls_collector.h"

namespace attt::checks {

void register_builtin(collect::CollectorRegistry& registry);

/// The TLS scan as the built-in collector runs it: with the HTTPS header probe of
/// checks/http wired in (`auditor tls` uses the same).
tls::TlsScanOptions builtin_tls_options();

}  // namespace attt::checks
