#include "checks/tls/tls_collector.h"

#include <chrono>
#include <exception>
#include <string>

#include <fmt/format.h>
#include <openssl/err.h>

#include "checks/tls/evidence_text.h"
#include "checks/tls/starttls.h"
#include "checks/tls/tls_facts.h"
#include "checks/tls/trust_store.h"

namespace attt::tls {

namespace {

void scan(const ProbeTarget& target,
          const RunContext& context,
          const TlsScanOptions& options,
          collect::CollectionResult& result,
          TlsScan* full) {
    // The trust store first: a bad --ca-file is the same error for every endpoint, and
    // saying so needs no network.
    auto trust = shared_trust_store(context.ca_file);
    if (!trust) {
        result.status = trust.error().status;
        result.detail = bounded_text(trust.error().detail);
        return;
    }
    TlsScan scanned = probe_endpoint(target, **trust, context, options.probe);
    result.status = scanned.status;
    result.detail = scanned.detail;
    const Evidence evidence{target.endpoint.place(), context.clock.now()};
    add_scan_facts(scanned, result.facts, evidence);
    if (scanned.status == TargetStatus::Ok && scanned.http && options.http_facts) {
        options.http_facts(*scanned.http, result.facts, evidence);
    }
    if (scanned.status != TargetStatus::Ok) {
        context.log.debug(
            "{}: {} ({})", target.endpoint.place(), scanned.detail, to_string(scanned.status));
    }
    if (full != nullptr) {
        *full = std::move(scanned);
    }
}

}  // namespace

ProbeTarget probe_target(const inventory::Endpoint& endpoint) {
    return ProbeTarget{endpoint, starttls_for_service(endpoint.service)};
}

collect::CollectionResult scan_endpoint(const ProbeTarget& target,
                                        const RunContext& context,
                                        const TlsScanOptions& options,
                                        TlsScan* full) {
    const auto started = std::chrono::steady_clock::now();
    collect::CollectionResult result;
    try {
        scan(target, context, options, result, full);
    } catch (const std::exception& error) {
        result.status = TargetStatus::Error;
        result.detail = bounded_text(fmt::format("internal error: {}", error.what()));
    } catch (...) {
        result.status = TargetStatus::Error;
        result.detail = "internal error";
    }
    ERR_clear_error();
    if (full != nullptr && result.status == TargetStatus::Error &&
        full->status != TargetStatus::Error) {
        full->status = result.status;
        full->detail = result.detail;
    }
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    return result;
}

TargetKind TlsCollector::kind() const {
    return TargetKind::TlsEndpoint;
}

std::string_view TlsCollector::name() const {
    return "tls";
}

collect::CollectionResult TlsCollector::collect(const plan::Target& target,
                                                const RunContext& context) const {
    if (!target.endpoint) {
        collect::CollectionResult result;
        result.status = TargetStatus::Error;
        result.detail = "target has no endpoint";
        return result;
    }
    return scan_endpoint(probe_target(*target.endpoint), context, options_);
}

}  // namespace attt::tls
