// The IANA TLS cipher suite registry with properties derived from each name (key exchange,
// cipher, weakness flags), for naming and judging the suites our own prober sees.
// The data lives in checks/tls/data/iana_cipher_suites.csv; cipher_suite_table.cpp is generated.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace attt::tls {

struct CipherSuite {
    std::uint16_t code = 0;      ///< the two code point bytes, e.g. 0xC02F
    std::string_view iana_name;  ///< TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
    /// ECDHE-RSA-AES128-GCM-SHA256; also the names of suites OpenSSL 3 dropped (RC4-MD5,
    /// DES-CBC3-SHA, EXP-RC4-MD5) as sslscan prints them; empty where OpenSSL never had one.
    std::string_view openssl_name;
    std::string_view
        key_exchange;  ///< RSA, DH, DHE, ECDH, ECDHE, PSK, DHE_PSK, ..., "any" (TLS 1.3)
    std::string_view authentication;  ///< RSA, DSS, ECDSA, anon, PSK, ..., "any" (TLS 1.3)
    std::string_view encryption;      ///< AES_128_GCM, 3DES_EDE_CBC, RC4_40, NULL, ...
    std::string_view mac;             ///< MD5, SHA, SHA256, SHA384, or AEAD
    std::uint16_t bits = 0;           ///< cipher key bits (3DES 168, export 40, NULL 0)
    bool is_export = false;
    bool is_null = false;  ///< no encryption at all
    bool is_anon = false;  ///< no server authentication
    bool is_rc4 = false;
    bool is_des = false;  ///< single DES, including DES40
    bool is_3des = false;
    bool is_cbc = false;
    bool is_aead = false;
    bool forward_secret = false;  ///< ephemeral key exchange (DHE, ECDHE, TLS 1.3)
};

/// Every assigned suite (and the two signalling values 0x00FF and 0x5600), sorted by code.
std::span<const CipherSuite> all_cipher_suites();

/// The suite with this code point, or nullptr for an unassigned or reserved one.
const CipherSuite* find_cipher_suite(std::uint16_t code);

}  // namespace attt::tls
