// Reads the rest of a TLS 1.2-or-older server's first flight after ServerHello: the
// certificate chain as sent, a stapled OCSP response, the key exchange parameters (DH prime
// size, ECDH group, export RSA modulus) and ServerHelloDone. Our prober needs them to judge
// Logjam and FREAK and to read certificates OpenSSL cannot fetch (SSLv3-only servers). Pure and
// bounded like the ServerHello parser: any byte string gives a value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace attt::tls {

/// How a ServerKeyExchange is laid out, from the key exchange of the chosen suite.
enum class KeyExchangeKind {
    None,       ///< plain RSA and others: no ServerKeyExchange expected
    Dhe,        ///< dh_p, dh_g, dh_Ys (DHE_*, DH_anon_*)
    Ecdhe,      ///< curve_type, named_curve, point (ECDHE_*, ECDH_anon_*)
    RsaExport,  ///< rsa_modulus, rsa_exponent (RSA_EXPORT_*)
};

/// Certificates kept from one flight; a real chain has fewer than ten.
inline constexpr std::size_t kMaxFlightCertificates = 16;
/// Bytes of flight read at most: certificate chains stay well below this.
inline constexpr std::size_t kMaxFlightBytes = 256 * 1024;

struct ServerFlight {
    bool server_hello_done = false;
    std::vector<std::vector<std::uint8_t>> certificates;  ///< DER, leaf first, as sent
    bool certificate_status = false;                      ///< a CertificateStatus (OCSP) message
    int dh_prime_bits = 0;
    std::uint16_t ecdh_group = 0;
    int export_rsa_bits = 0;
};

enum class FlightStatus {
    Complete,    ///< ServerHelloDone was read
    Incomplete,  ///< a valid prefix: read more bytes
    Malformed,   ///< framing or a message is wrong, or a cap was hit
};

struct FlightRead {
    FlightStatus status = FlightStatus::Incomplete;
    ServerFlight flight;  ///< what was understood, even when not Complete
    std::string error;    ///< why, for Malformed
};

/// Parses `bytes` from the start of the server's answer (ServerHello included) up to
/// ServerHelloDone. `kind` says how to read a ServerKeyExchange.
FlightRead read_server_flight(std::span<const std::uint8_t> bytes, KeyExchangeKind kind);

struct CipherSuite;

/// The layout of the ServerKeyExchange the suite implies: DHE and DH_anon → Dhe, ECDHE and
/// ECDH_anon → Ecdhe, RSA_EXPORT → RsaExport; PSK variants and static DH/ECDH → None.
KeyExchangeKind key_exchange_kind(const CipherSuite& suite);

/// Bits of a big-endian unsigned integer, leading zero bytes and bits not counted.
int significant_bits(std::span<const std::uint8_t> number);

}  // namespace attt::tls
