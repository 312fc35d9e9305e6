#include "checks/tls/tls_collector.h"

#include <chrono>
#include <exception>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "checks/tls/certificate_reader.h"
#include "checks/tls/evidence_text.h"
#include "checks/tls/protocol_probe.h"
#include "checks/tls/tls_handshake.h"
#include "checks/tls/trust_store.h"

namespace attt::tls {

namespace {

void set_failure(collect::CollectionResult& result, const ScanFailure& failure) {
    result.status = failure.status;
    result.detail = bounded_text(failure.detail);
}

std::string cipher_name(const SSL& ssl) {
    const SSL_CIPHER* cipher = SSL_get_current_cipher(&ssl);
    if (cipher == nullptr) {
        return "unknown";
    }
    const char* standard = SSL_CIPHER_standard_name(cipher);
    return standard != nullptr ? standard : SSL_CIPHER_get_name(cipher);
}

void add_protocol_facts(const std::vector<ProtocolSupport>& support,
                        FactSet& facts,
                        const Evidence& evidence) {
    FactList accepted;
    for (const auto& entry : support) {
        facts.add(entry.protocol.fact, entry.accepted, evidence);
        if (entry.accepted) {
            accepted.emplace_back(entry.protocol.label);
        }
    }
    facts.add("tls.protocols.accepted", std::move(accepted), evidence);
}

/// The main handshake, offering everything: negotiated protocol and cipher, certificate
/// facts. Returns the negotiated version; the connection is closed on return.
Attempt<int> read_main_handshake(SSL_CTX& ctx,
                                 X509_STORE& trust,
                                 const inventory::Endpoint& endpoint,
                                 const RunContext& context,
                                 const Evidence& evidence,
                                 FactSet& facts) {
    auto connection = open_tls(ctx, endpoint, std::nullopt, context);
    if (!connection) {
        return tl::unexpected(std::move(connection.error()));
    }
    SSL& ssl = *connection->ssl;
    facts.add("tls.negotiated.protocol", std::string(SSL_get_version(&ssl)), evidence);
    facts.add("tls.negotiated.cipher", bounded_text(cipher_name(ssl)), evidence);
    add_certificate_facts(ssl,
                          CertificateCheck{endpoint.expected_name(), evidence.observed_at, &trust},
                          facts,
                          evidence);
    const int negotiated = SSL_version(&ssl);
    close_politely(*connection);
    return negotiated;
}

void scan(const inventory::Endpoint& endpoint,
          const RunContext& context,
          collect::CollectionResult& result) {
    // The trust store first: a bad --ca-file is the same error for every endpoint, and
    // saying so needs no network.
    auto trust = load_trust_store(context.ca_file);
    if (!trust) {
        set_failure(result, trust.error());
        return;
    }
    auto ctx = make_client_context();
    if (!ctx) {
        set_failure(result, ctx.error());
        return;
    }
    const Evidence evidence{endpoint.place(), context.clock.now()};
    auto negotiated =
        read_main_handshake(**ctx, **trust, endpoint, context, evidence, result.facts);
    if (!negotiated) {
        context.log.debug("{}: {} ({})",
                          endpoint.place(),
                          negotiated.error().detail,
                          to_string(negotiated.error().status));
        set_failure(result, negotiated.error());
        return;
    }
    const auto support = probe_protocols(**ctx, endpoint, *negotiated, context);
    if (support.size() < kProbedVersions.size()) {
        set_failure(result, ScanFailure{TargetStatus::Error, "cancelled"});
        return;
    }
    add_protocol_facts(support, result.facts, evidence);
}

}  // namespace

collect::CollectionResult scan_endpoint(const inventory::Endpoint& endpoint,
                                        const RunContext& context) {
    const auto started = std::chrono::steady_clock::now();
    collect::CollectionResult result;
    try {
        scan(endpoint, context, result);
    } catch (const std::exception& error) {
        result.status = TargetStatus::Error;
        result.detail = bounded_text(fmt::format("internal error: {}", error.what()));
    } catch (...) {
        result.status = TargetStatus::Error;
        result.detail = "internal error";
    }
    ERR_clear_error();
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
    return scan_endpoint(*target.endpoint, context);
}

}  // namespace attt::tls
