// The terminal view of `auditor tls`: what sslscan users expect (protocols, then each accepted
// suite with its bits and a note on what is weak), plus groups, features, certificates,
// weaknesses, HTTPS headers and the grade. Colour only marks weak items, never carries meaning
// alone: the words are always there.
#pragma once

#include <cstdio>

#include "checks/tls/tls_scan.h"

namespace attt::cli {

void print_tls_scan_text(const tls::TlsScan& scan, bool colour, std::FILE* out);

}  // namespace attt::cli
