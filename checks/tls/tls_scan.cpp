#include "checks/tls/tls_scan.h"

namespace attt::tls {

namespace {

struct ProtocolNames {
    std::string_view label;
    std::string_view key;
    std::uint16_t wire = 0;
};

constexpr std::array<ProtocolNames, 6> kNames{{
    {"SSLv2", "ssl2", 0x0002},
    {"SSLv3", "ssl3", 0x0300},
    {"TLSv1.0", "tls1_0", 0x0301},
    {"TLSv1.1", "tls1_1", 0x0302},
    {"TLSv1.2", "tls1_2", 0x0303},
    {"TLSv1.3", "tls1_3", 0x0304},
}};

}  // namespace

std::string_view protocol_label(Protocol protocol) {
    return kNames[static_cast<std::size_t>(protocol)].label;
}

std::string_view protocol_key(Protocol protocol) {
    return kNames[static_cast<std::size_t>(protocol)].key;
}

std::uint16_t wire_version(Protocol protocol) {
    return kNames[static_cast<std::size_t>(protocol)].wire;
}

}  // namespace attt::tls
