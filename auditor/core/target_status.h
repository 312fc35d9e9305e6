// What happened when a collector tried a target. A target that could not be reached is a
// result to record, never the end of an audit.
#pragma once

#include <optional>
#include <string_view>

namespace attt {

enum class TargetStatus {
    Ok,             ///< collected normally
    Unreachable,    ///< connection refused, no route, name did not resolve
    Timeout,        ///< connect or handshake deadline passed
    NotTls,         ///< the peer answered, but not with TLS
    ProtocolError,  ///< TLS, but the handshake failed or the peer misbehaved
    Error,          ///< the collector itself could not run (bad target, internal fault)
};

/// Stable identifiers stored in the database and shown in reports: "ok", "unreachable",
/// "timeout", "not-tls", "protocol-error", "error".
std::string_view to_string(TargetStatus status);
std::optional<TargetStatus> parse_target_status(std::string_view text);

}  // namespace attt
