// The SSL Labs style grade of one TLS endpoint (A+ ... F, T, M), computed from a TlsScan whose
// vulnerabilities are already derived (weaknesses.h). It follows the Qualys "SSL Server Rating
// Guide" (2009 scores plus the caps of its 2014-2020 revisions); docs/tls-grade.md is the
// specification, with a table of every rule and where we deviate from SSL Labs.
#pragma once

#include <string_view>

#include "checks/tls/tls_scan.h"

namespace attt::tls {

/// HSTS max-age needed for A+: 180 days, as SSL Labs requires.
inline constexpr long kHstsMinMaxAgeForAPlus = 15552000;

/// The grade. A scan with status != ok (or with no protocol accepted) gets an empty letter and
/// one reason; compute_grade is meant for successful scans only.
Grade compute_grade(const TlsScan& scan);

/// Protocol score of the guide: SSLv2 0, SSLv3 80, TLS 1.0 90, TLS 1.1 95, TLS 1.2/1.3 100.
int protocol_points(Protocol protocol);

/// Key exchange score for a strength in RSA-equivalent bits: 0 → 0 (anonymous), < 512 → 20,
/// < 1024 → 40, < 2048 → 80, < 4096 → 90, otherwise 100.
int key_exchange_points(int rsa_equivalent_bits);

/// Cipher score for effective key bits: 0 → 0, < 128 → 20, < 256 → 80, otherwise 100.
int cipher_points(int bits);

/// Letter for a numeric score: A >= 80, B >= 65, C >= 50, D >= 35, E >= 20, F below.
std::string_view letter_for_score(int score);

}  // namespace attt::tls
