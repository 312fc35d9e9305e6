#include "checks/tls/evidence_text.h"

namespace attt::tls {

std::string bounded_text(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return std::string(text);
    }
    std::size_t cut = max_bytes;
    // Step back over UTF-8 continuation bytes (10xxxxxx) so the cut lands on a sequence start.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut;
    }
    return std::string(text.substr(0, cut));
}

}  // namespace attt::tls
