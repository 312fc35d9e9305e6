#include "checks/tls/openssl_errors.h"

#include <system_error>

#include <fmt/format.h>
#include <openssl/err.h>

#include "checks/tls/evidence_text.h"

namespace attt::tls {

unsigned long take_first_error() {
    const unsigned long first = ERR_get_error();
    ERR_clear_error();
    return first;
}

std::string error_text(unsigned long code) {
    if (ERR_SYSTEM_ERROR(code)) {
        return std::error_code(ERR_GET_REASON(code), std::system_category()).message();
    }
    const char* reason = ERR_reason_error_string(code);
    return reason != nullptr ? bounded_text(reason, 200) : fmt::format("error {:#x}", code);
}

}  // namespace attt::tls
