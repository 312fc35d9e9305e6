#include "auditor/inventory/host_name.h"

#include <idn2.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>

namespace attt::inventory {

namespace {

bool is_ascii(std::string_view text) {
    return std::all_of(
        text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

struct FreeDeleter {
    void operator()(char* text) const { idn2_free(text); }
};

}  // namespace

Result<std::string> ascii_host_name(std::string_view host) {
    if (is_ascii(host)) {
        return std::string(host);
    }
    const std::string input(host);
    char* output = nullptr;
    const int rc = idn2_to_ascii_8z(input.c_str(), &output, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
    const std::unique_ptr<char, FreeDeleter> owned(output);
    if (rc != IDN2_OK || output == nullptr) {
        return fail(fmt::format(
            "host name '{}' is not a valid internationalised name ({})", input, idn2_strerror(rc)));
    }
    return std::string(output);
}

}  // namespace attt::inventory
