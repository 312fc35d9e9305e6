// The lab description (seeds/lab/lab.json): which loopback port serves which deliberate set-up,
// good or bad. Read by attt-lab, which starts one LoopbackServer (or, for "behaviour":
// "scripted", one ScriptedTlsServer) per endpoint for the demo.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/lab/certificate_authority.h"
#include "tests/lab/loopback_server.h"
#include "tests/lab/scripted_tls_server.h"

namespace attt::lab {

struct LabEndpoint {
    std::string name;  ///< the host name the endpoint stands for (its intended SNI)
    std::uint16_t port = 0;
    Behaviour behaviour = Behaviour::Tls;  ///< ignored when `scripted`
    /// "behaviour": "scripted": served by a ScriptedTlsServer following `script` (its
    /// certificate_chain is filled by attt-lab from `certificate`, port and address too).
    bool scripted = false;
    ScriptedSpec script;
    bool closed = false;          ///< listed but nothing listens: the auditor must say unreachable
    CertificateSpec certificate;  ///< used when behaviour is Tls or scripted
    std::string min_protocol = "TLSv1.2";
    std::string max_protocol = "TLSv1.3";
    std::string cipher_list;
    /// Extra headers of the HTTP answer (Strict-Transport-Security, Server, Set-Cookie, ...).
    std::vector<std::pair<std::string, std::string>> http_headers;
    std::string starttls;         ///< "", smtp, imap, pop3, ftp, ldap: the plaintext preamble first
    std::string defect = "none";  ///< documentation for the demo reader ("expired", ...)
};

struct LabConfig {
    std::string ca_name;
    std::vector<LabEndpoint> endpoints;
};

/// Reads and checks a lab description: at most 1 MiB and 1024 endpoints, ports 1-65535 and
/// unique, known key, signature, behaviour and protocol names, no unknown keys (a typo must
/// not silently serve a different set-up). Throws std::runtime_error "path: what is wrong".
LabConfig load_lab_config(const std::string& path);

/// The word used for a behaviour in lab.json and in attt-lab's ready file: tls, plain, silent
/// (http-redirect for LoopbackServer's HttpRedirect; "scripted" is LabEndpoint::scripted).
const char* behaviour_name(Behaviour behaviour);

}  // namespace attt::lab
