// The lab description (seeds/lab/lab.json): which loopback port serves which deliberate
// set-up, good or bad. Read by attt-lab for the demo.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/lab/certificate_authority.h"
#include "tests/lab/loopback_server.h"

namespace attt::lab {

struct LabEndpoint {
    std::string name;        ///< the host name the certificate is for
    std::uint16_t port = 0;
    Behaviour behaviour = Behaviour::Tls;
    bool closed = false;     ///< registered but nothing listens: the auditor must say unreachable
    CertificateSpec certificate;
    std::string min_protocol = "TLSv1.2";
    std::string max_protocol = "TLSv1.3";
    std::string cipher_list;
    std::string defect;      ///< documentation for the demo reader ("expired", "weak-key", ...)
};

struct LabConfig {
    std::string ca_name;
    std::vector<LabEndpoint> endpoints;
};

/// Throws std::runtime_error "path: what is wrong" for unreadable or invalid descriptions.
LabConfig load_lab_config(const std::string& path);

}  // namespace attt::lab
