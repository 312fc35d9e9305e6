#include "checks/tls/sslv2_ciphers.h"

#include <algorithm>
#include <array>

namespace attt::tls {

namespace {

// draft-hickman-netscape-ssl-00, Appendix C.
constexpr std::array<Sslv2Cipher, 7> kCiphers{{
    {0x010080, "SSL_CK_RC4_128_WITH_MD5", "RC4-MD5", 128, false, true, false},
    {0x020080, "SSL_CK_RC4_128_EXPORT40_WITH_MD5", "EXP-RC4-MD5", 40, true, true, false},
    {0x030080, "SSL_CK_RC2_128_CBC_WITH_MD5", "RC2-CBC-MD5", 128, false, false, true},
    {0x040080, "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5", "EXP-RC2-CBC-MD5", 40, true, false, true},
    {0x050080, "SSL_CK_IDEA_128_CBC_WITH_MD5", "IDEA-CBC-MD5", 128, false, false, true},
    {0x060040, "SSL_CK_DES_64_CBC_WITH_MD5", "DES-CBC-MD5", 56, false, false, true},
    {0x0700c0, "SSL_CK_DES_192_EDE3_CBC_WITH_MD5", "DES-CBC3-MD5", 168, false, false, true},
}};

}  // namespace

std::span<const Sslv2Cipher> all_sslv2_ciphers() {
    return kCiphers;
}

const Sslv2Cipher* find_sslv2_cipher(std::uint32_t code) {
    const auto it = std::find_if(
        kCiphers.begin(), kCiphers.end(), [code](const Sslv2Cipher& c) { return c.code == code; });
    return it != kCiphers.end() ? &*it : nullptr;
}

}  // namespace attt::tls
