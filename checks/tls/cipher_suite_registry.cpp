#include "checks/tls/cipher_suite_registry.h"

#include <algorithm>

namespace attt::tls {

const CipherSuite* find_cipher_suite(std::uint16_t code) {
    const auto suites = all_cipher_suites();
    const auto it = std::lower_bound(
        suites.begin(), suites.end(), code, [](const CipherSuite& suite, std::uint16_t value) {
            return suite.code < value;
        });
    if (it == suites.end() || it->code != code) {
        return nullptr;
    }
    return &*it;
}

}  // namespace attt::tls
