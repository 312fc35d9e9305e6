// STARTTLS: the plaintext preamble of SMTP, IMAP, POP3, FTP and LDAP that turns a connected
// socket into one ready for the TLS handshake. Runs after connect_tcp and before the prober's
// first ClientHello, on the same socket; it never reads a byte past the server's last reply.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auditor/core/run_context.h"
#include "checks/tls/scan_failure.h"
#include "checks/tls/socket.h"

namespace attt::tls {

enum class StartTls {
    None,
    Smtp,
    Imap,
    Pop3,
    Ftp,
    Ldap
};

/// "smtp", "submission" (→ Smtp), "imap", "pop3", "ftp", "ldap", and "" (→ None), as given to
/// `auditor tls --starttls`; nullopt for anything else. Case-sensitive, like service names.
std::optional<StartTls> parse_starttls(std::string_view text);

/// The STARTTLS dialect an inventory service implies: smtp and submission → Smtp, imap, pop3,
/// ftp, ldap → their own; every other service (https, smtps, ...) → None.
StartTls starttls_for_service(std::string_view service);

/// "", "smtp", "imap", "pop3", "ftp", "ldap" (TlsScan::starttls).
std::string_view to_string(StartTls protocol);

/// Speaks `protocol`'s plaintext preamble on `fd` (non-blocking, connected) until the server
/// agrees to start TLS, all within `deadline`. SMTP: 220 greeting, "EHLO <client_name>", 250,
/// "STARTTLS", 220. IMAP: "* OK", "a1 STARTTLS", "a1 OK". POP3: "+OK", "STLS", "+OK". FTP: 220,
/// "AUTH TLS", 234. LDAP: the StartTLS ExtendedRequest (1.3.6.1.4.1.1466.20037), resultCode 0.
/// Bounded: at most 8 KiB read and 64 lines in all, one line at most 1 KiB.
/// Failures: a greeting of another protocol → NotTls; a refusal or a malformed reply →
/// ProtocolError (the server's reply quoted); the peer closing → ProtocolError; the deadline →
/// Timeout; a cancelled run → Error. StartTls::None succeeds at once without I/O.
Attempt<void> negotiate_starttls(int fd,
                                 StartTls protocol,
                                 const std::string& client_name,
                                 Deadline deadline,
                                 const RunContext& context);

}  // namespace attt::tls
