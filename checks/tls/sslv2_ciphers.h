// The seven SSLv2 cipher kinds (3-byte codes of the SSLv2 CLIENT-HELLO): an SSLv2 server
// answers with the kinds it shares with the client in one SERVER-HELLO.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace attt::tls {

struct Sslv2Cipher {
    std::uint32_t code = 0;         ///< e.g. 0x010080
    std::string_view name;          ///< SSL_CK_RC4_128_WITH_MD5
    std::string_view openssl_name;  ///< RC4-MD5
    int bits = 0;
    bool is_export = false;
    bool is_rc4 = false;
    bool is_64bit_block = false;  ///< DES, 3DES, RC2, IDEA: SWEET32-sized blocks
};

std::span<const Sslv2Cipher> all_sslv2_ciphers();

const Sslv2Cipher* find_sslv2_cipher(std::uint32_t code);

}  // namespace attt::tls
