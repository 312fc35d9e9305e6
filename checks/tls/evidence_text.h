// Text taken from a peer (certificate names, error strings) is cut to the evidence cap before
// it becomes a fact or a detail, so a hostile server cannot flood the store.
#pragma once

#include <string>
#include <string_view>

#include "auditor/core/limits.h"

namespace attt::tls {

/// `text`, cut to at most `max_bytes` without splitting a UTF-8 sequence.
std::string bounded_text(std::string_view text, std::size_t max_bytes = limits::kMaxEvidenceBytes);

}  // namespace attt::tls
