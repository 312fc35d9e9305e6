// Derives the known TLS weaknesses (Heartbleed, POODLE, SWEET32, ...) from what the prober
// observed in a TlsScan. Pure: no network; the collector calls it once the probes are done and
// stores the result in TlsScan::vulnerabilities, from which facts `tls.vuln.<name>` and the JSON
// `vulnerabilities` object are made. Definitions (also in docs/tls-grade.md):
//
//   heartbleed              features.heartbleed == true (the safe over-long heartbeat probe)
//   poodle                  SSLv3 accepted with at least one CBC suite
//   sweet32                 any accepted suite, any protocol, with a 64-bit block cipher (3DES,
//                           DES, IDEA, RC2 by the suite's encryption name; SSLv2 kinds included)
//   freak                   an accepted TLS RSA_EXPORT suite, or an export RSA ServerKeyExchange
//                           (key_exchange.export_rsa_bits > 0)
//   logjam                  an accepted DHE_EXPORT or DH_anon_EXPORT suite, or a DHE prime of
//                           fewer than 2048 bits (0 < smallest_dh_bits < 2048)
//   drown                   SSLv2 accepted
//   crime                   the server chose TLS compression (features.compression)
//   beast                   TLS 1.0 or SSLv3 accepted with at least one CBC suite
//   rc4                     any RC4 suite accepted, SSLv2 RC4 kinds 0x010080 / 0x020080 included
//   insecure_renegotiation  a protocol up to TLS 1.2 accepted and secure_renegotiation == false
//                           (no RFC 5746 renegotiation_info); unknown (nullopt) is not flagged
//   no_fallback_scsv        fallback_scsv == false; unknown (nullopt) is not flagged
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/tls/tls_scan.h"

namespace attt::tls {

/// Every weakness above, from the accepted protocols and suites, key exchange and features.
Vulnerabilities derive_vulnerabilities(const TlsScan& scan);

/// The weaknesses as (name, flag) in a fixed order: heartbleed, poodle, sweet32, freak, logjam,
/// drown, crime, beast, rc4, insecure_renegotiation, no_fallback_scsv. The names are the JSON
/// keys and the last part of the fact names `tls.vuln.<name>`.
std::vector<std::pair<std::string_view, bool>> vulnerability_list(const Vulnerabilities& vulns);

/// True when the suite's cipher has 64-bit blocks (SWEET32): 3DES, DES, IDEA, RC2.
bool has_64bit_block_cipher(std::uint16_t suite);

}  // namespace attt::tls
