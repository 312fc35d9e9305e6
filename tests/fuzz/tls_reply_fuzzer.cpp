// libFuzzer target over the parsers of server bytes (see tls_reply_entry.h). Built only with
// -DATTT_FUZZ=ON and clang; run it with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <span>

#include "tests/fuzz/tls_reply_entry.h"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)attt::tls::fuzz::run_tls_reply_entry(std::span<const std::uint8_t>(data, size));
    return 0;
}
