#include "checks/tls/tls_prober.h"

#include <fmt/format.h>
#include <openssl/err.h>

#include "checks/tls/certificate_reader.h"
#include "checks/tls/evidence_text.h"
#include "checks/tls/feature_probes.h"
#include "checks/tls/grade.h"
#include "checks/tls/hello_observer.h"
#include "checks/tls/tls_handshake.h"
#include "checks/tls/weaknesses.h"

namespace attt::tls {

namespace {

/// TLS 1.2 first: nearly every server speaks it, so the first probe tells reachability and
/// TLS-ness; then newest to oldest.
constexpr std::array<Protocol, 6> kProbeOrder{Protocol::Tls12,
                                              Protocol::Tls13,
                                              Protocol::Tls11,
                                              Protocol::Tls10,
                                              Protocol::Ssl3,
                                              Protocol::Ssl2};

bool any_openssl_version(const TlsScan& scan) {
    return scan.protocol(Protocol::Tls10).accepted || scan.protocol(Protocol::Tls11).accepted ||
           scan.protocol(Protocol::Tls12).accepted || scan.protocol(Protocol::Tls13).accepted;
}

bool any_accepted(const TlsScan& scan) {
    return std::any_of(
        scan.protocols.begin(), scan.protocols.end(), [](const auto& p) { return p.accepted; });
}

void fail(TlsScan& scan, const ScanFailure& failure) {
    scan.status = failure.status;
    scan.detail = bounded_text(failure.detail);
}

class Prober {
public:
    Prober(const ProbeTarget& target,
           X509_STORE& trust,
           const RunContext& context,
           const ProbeSettings& settings)
        : target_(target),
          trust_(trust),
          context_(context),
          settings_(settings),
          channel_(target, context),
          observer_(groups_) {}

    TlsScan run() {
        scan_.host = target_.endpoint.host;
        scan_.port = target_.endpoint.port;
        scan_.sni = target_.sni();
        scan_.starttls = std::string(to_string(target_.starttls));
        if (enumerate_protocols()) {
            probe_features();
            read_certificates();
            probe_http();
            scan_.vulnerabilities = derive_vulnerabilities(scan_);
            scan_.grade = compute_grade(scan_);
        }
        scan_.connections += channel_.connections();
        if (channel_.budget_exhausted() && scan_.status == TargetStatus::Ok) {
            scan_.detail = fmt::format(
                "incomplete: the server accepted more than a real server "
                "could; stopped after {} connections",
                kMaxConnectionsPerScan);
        }
        return std::move(scan_);
    }

private:
    /// False when the endpoint could not be scanned (status and detail set).
    bool enumerate_protocols() {
        std::string last_refusal;
        for (std::size_t i = 0; i < kProbeOrder.size(); ++i) {
            const Protocol protocol = kProbeOrder[i];
            auto probe =
                protocol == Protocol::Ssl2
                    ? probe_sslv2(channel_)
                    : enumerate_suites(channel_, protocol, groups_, observer_, settings_.limits);
            if (probe.first_failure) {
                const bool fatal = i == 0 || probe.first_failure->status == TargetStatus::Error;
                if (fatal) {
                    fail(scan_, *probe.first_failure);
                    return false;
                }
                context_.log.debug("{}: {} probe: {}",
                                   target_.endpoint.place(),
                                   protocol_label(protocol),
                                   probe.first_failure->detail);
                last_refusal = probe.first_failure->detail;
            }
            if (context_.is_cancelled()) {
                fail(scan_, ScanFailure{TargetStatus::Error, "cancelled"});
                return false;
            }
            scan_.protocol(protocol) = probe.support;
            probes_[static_cast<std::size_t>(protocol)] = std::move(probe);
        }
        if (!any_accepted(scan_)) {
            fail(scan_,
                 ScanFailure{TargetStatus::ProtocolError,
                             last_refusal.empty()
                                 ? "the server refused every protocol version from SSLv2 to TLS 1.3"
                                 : "no protocol version accepted; last refusal: " + last_refusal});
            return false;
        }
        return true;
    }

    /// The remaining groups, and the suite order questions the picks left open (TLS 1.3's is
    /// answered by the first group probe when there is one).
    void probe_groups_and_order() {
        auto& tls13 = probes_[static_cast<std::size_t>(Protocol::Tls13)];
        const auto tls13_choice = enumerate_remaining_groups(
            channel_, scan_.protocols, groups_, observer_, tls13.order_question);
        if (tls13_choice) {
            settle_server_order(tls13, tls13_choice);
        }
        for (auto& probe : probes_) {
            if (probe.order_question) {
                ask_server_order(channel_, groups_, probe);
            }
            scan_.protocol(probe.support.protocol) = probe.support;
        }
    }

    void probe_features() {
        probe_groups_and_order();
        scan_.features = observer_.features();
        scan_.features.fallback_scsv = probe_fallback_scsv(channel_, scan_.protocols);
        if (scan_.features.heartbeat) {
            scan_.features.heartbleed = probe_heartbleed(channel_, scan_.protocols);
        }
        scan_.key_exchange = observer_.key_exchange();
        scan_.key_exchange.groups = groups_.accepted();
    }

    void read_certificates() {
        const CertificateCheck check{
            target_.endpoint.expected_name(), context_.clock.now(), &trust_};
        if (any_openssl_version(scan_)) {
            read_with_openssl(check);
        }
        for (const auto& chain : observer_.chains()) {
            auto summary = read_certificate_chain(chain, check);
            if (summary && !has_certificate(summary->sha256_fingerprint)) {
                scan_.certificates.push_back(std::move(*summary));
            }
        }
    }

    bool has_certificate(const std::string& fingerprint) const {
        return std::any_of(scan_.certificates.begin(),
                           scan_.certificates.end(),
                           [&](const auto& c) { return c.sha256_fingerprint == fingerprint; });
    }

    /// One full handshake, offering everything as a modern client would: the negotiated
    /// choice, the certificate under TLS 1.3, OCSP stapling and ALPN.
    void read_with_openssl(const CertificateCheck& check) {
        auto ctx = make_client_context();
        if (!ctx) {
            return;
        }
        auto connection = open_tls(**ctx, channel_, HandshakeOptions{std::nullopt, true, true});
        if (!connection) {
            context_.log.debug(
                "{}: OpenSSL handshake: {}", target_.endpoint.place(), connection.error().detail);
            return;
        }
        SSL& ssl = *connection->ssl;
        scan_.negotiated_protocol = protocol_label(from_openssl_version(SSL_version(&ssl)));
        if (const SSL_CIPHER* cipher = SSL_get_current_cipher(&ssl)) {
            const char* standard = SSL_CIPHER_standard_name(cipher);
            scan_.negotiated_cipher = standard != nullptr ? standard : SSL_CIPHER_get_name(cipher);
        }
        const unsigned char* ocsp = nullptr;
        if (SSL_get_tlsext_status_ocsp_resp(&ssl, &ocsp) > 0) {
            scan_.features.ocsp_stapling = true;
        }
        const unsigned char* alpn = nullptr;
        unsigned int alpn_length = 0;
        SSL_get0_alpn_selected(&ssl, &alpn, &alpn_length);
        if (alpn != nullptr && alpn_length > 0) {
            add_alpn(std::string(reinterpret_cast<const char*>(alpn), alpn_length));
        }
        if (auto summary = read_peer_certificate(ssl, check)) {
            scan_.certificates.push_back(std::move(*summary));
        }
        close_politely(*connection);
        ERR_clear_error();
    }

    static Protocol from_openssl_version(int version) {
        switch (version) {
            case TLS1_VERSION:
                return Protocol::Tls10;
            case TLS1_1_VERSION:
                return Protocol::Tls11;
            case TLS1_3_VERSION:
                return Protocol::Tls13;
            default:
                return Protocol::Tls12;
        }
    }

    void add_alpn(const std::string& protocol) {
        auto& alpn = scan_.features.alpn;
        if (std::find(alpn.begin(), alpn.end(), protocol) == alpn.end()) {
            alpn.push_back(bounded_text(protocol, 64));
        }
    }

    void probe_http() {
        if (!settings_.http_probe || target_.endpoint.service != "https") {
            return;
        }
        scan_.http = settings_.http_probe(target_, context_);
        if (scan_.http) {
            ++scan_.connections;
        }
    }

    const ProbeTarget& target_;
    X509_STORE& trust_;
    const RunContext& context_;
    const ProbeSettings& settings_;
    ProbeChannel channel_;
    GroupDiscovery groups_;
    HelloObserver observer_;
    std::array<SuiteProbe, 6> probes_{};
    TlsScan scan_;
};

}  // namespace

TlsScan probe_endpoint(const ProbeTarget& target,
                       X509_STORE& trust,
                       const RunContext& context,
                       const ProbeSettings& settings) {
    const auto started = std::chrono::steady_clock::now();
    TlsScan scan = Prober(target, trust, context, settings).run();
    scan.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    return scan;
}

}  // namespace attt::tls
