#include "checks/tls/named_groups.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace attt::tls {

namespace {

// RFC 8422, RFC 7919, RFC 8734 and draft-ietf-tls-ecdhe-mlkem; strengths from SP 800-57 Part 1
// Table 2 (160-bit curves = 1024, 224 = 2048, 256 = 3072, 384 = 7680, 512+ = 15360).
constexpr std::array<NamedGroup, 38> kAllGroups{{
    {0x0001, "sect163k1", 1024, false, false},
    {0x0002, "sect163r1", 1024, false, false},
    {0x0003, "sect163r2", 1024, false, false},
    {0x0004, "sect193r1", 1536, false, false},
    {0x0005, "sect193r2", 1536, false, false},
    {0x0006, "sect233k1", 2048, false, false},
    {0x0007, "sect233r1", 2048, false, false},
    {0x0008, "sect239k1", 2048, false, false},
    {0x0009, "sect283k1", 3072, false, false},
    {0x000a, "sect283r1", 3072, false, false},
    {0x000b, "sect409k1", 7680, false, false},
    {0x000c, "sect409r1", 7680, false, false},
    {0x000d, "sect571k1", 15360, false, false},
    {0x000e, "sect571r1", 15360, false, false},
    {0x000f, "secp160k1", 1024, false, false},
    {0x0010, "secp160r1", 1024, false, false},
    {0x0011, "secp160r2", 1024, false, false},
    {0x0012, "secp192k1", 1536, false, false},
    {0x0013, "secp192r1", 1536, false, false},
    {0x0014, "secp224k1", 2048, false, false},
    {0x0015, "secp224r1", 2048, false, false},
    {0x0016, "secp256k1", 3072, false, false},
    {0x0017, "secp256r1", 3072, true, false},
    {0x0018, "secp384r1", 7680, true, false},
    {0x0019, "secp521r1", 15360, true, false},
    {0x001a, "brainpoolP256r1", 3072, false, false},
    {0x001b, "brainpoolP384r1", 7680, false, false},
    {0x001c, "brainpoolP512r1", 15360, false, false},
    {0x001d, "x25519", 3072, true, false},
    {0x001e, "x448", 7680, true, false},
    {0x0100, "ffdhe2048", 2048, true, true},
    {0x0101, "ffdhe3072", 3072, true, true},
    {0x0102, "ffdhe4096", 4096, true, true},
    {0x0103, "ffdhe6144", 6144, true, true},
    {0x0104, "ffdhe8192", 8192, true, true},
    {0x11eb, "SecP256r1MLKEM768", 3072, true, false},
    {0x11ec, "X25519MLKEM768", 3072, true, false},
    {0x11ed, "SecP384r1MLKEM1024", 7680, true, false},
}};

}  // namespace

std::span<const NamedGroup> all_named_groups() {
    return kAllGroups;
}

const NamedGroup* find_named_group(std::uint16_t code) {
    const auto it = std::lower_bound(
        kAllGroups.begin(),
        kAllGroups.end(),
        code,
        [](const NamedGroup& group, std::uint16_t value) { return group.code < value; });
    return it != kAllGroups.end() && it->code == code ? &*it : nullptr;
}

std::string group_name(std::uint16_t code) {
    const NamedGroup* group = find_named_group(code);
    return group != nullptr ? std::string(group->name) : fmt::format("0x{:04x}", code);
}

}  // namespace attt::tls
