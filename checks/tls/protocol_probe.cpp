#include "checks/tls/protocol_probe.h"

#include "checks/tls/tls_handshake.h"

namespace attt::tls {

std::vector<ProtocolSupport> probe_protocols(SSL_CTX& ctx,
                                             const inventory::Endpoint& endpoint,
                                             std::optional<int> known_accepted,
                                             const RunContext& context) {
    std::vector<ProtocolSupport> support;
    for (const ProtocolVersion& protocol : kProbedVersions) {
        if (context.is_cancelled()) {
            break;
        }
        if (known_accepted && *known_accepted == protocol.version) {
            support.push_back({protocol, true});
            continue;
        }
        auto connection = open_tls(ctx, endpoint, protocol.version, context);
        if (connection) {
            close_politely(*connection);
            support.push_back({protocol, true});
            continue;
        }
        context.log.debug("{}: {} not accepted ({}: {})",
                          endpoint.place(),
                          protocol.label,
                          to_string(connection.error().status),
                          connection.error().detail);
        support.push_back({protocol, false});
    }
    return support;
}

}  // namespace attt::tls
