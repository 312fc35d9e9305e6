// The TLS named groups (IANA "TLS Supported Groups" registry) the prober offers and names:
// elliptic curves, finite-field groups and the hybrid post-quantum groups of 2024-2026.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace attt::tls {

struct NamedGroup {
    std::uint16_t code = 0;
    std::string_view name;  ///< x25519, secp256r1, ffdhe2048, X25519MLKEM768, ...
    /// Strength as the size of an RSA modulus of equal security (NIST SP 800-57): what the
    /// grade compares key exchanges by. secp256r1 = 3072, ffdhe2048 = 2048.
    int rsa_equivalent_bits = 0;
    bool tls13 = false;  ///< allowed in TLS 1.3
    bool ffdhe = false;  ///< a finite-field group (RFC 7919), not an elliptic curve
};

/// Every group the prober knows, sorted by code.
std::span<const NamedGroup> all_named_groups();

/// The group with this code, or nullptr.
const NamedGroup* find_named_group(std::uint16_t code);

/// The group's name, or "0x%04x" for one not in the table.
std::string group_name(std::uint16_t code);

}  // namespace attt::tls
