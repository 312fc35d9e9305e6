// The lab's side of the handshake: reads a client's first flight (a TLS ClientHello, possibly
// spread over several records, or an SSLv2 CLIENT-HELLO) so the scripted server can answer it.
// Bounded and pure: any byte string gives a value, never an exception or a read past the span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace attt::lab {

/// A ClientHello is a few hundred bytes; clients that split the suites still stay far below
/// this. Longer is treated as hostile.
inline constexpr std::size_t kMaxClientHelloBytes = 65536;
/// Records read at most while reassembling one ClientHello.
inline constexpr std::size_t kMaxClientHelloRecords = 16;
/// Extensions read at most from one ClientHello (real clients send about twenty).
inline constexpr std::size_t kMaxClientHelloExtensions = 1024;

enum class HelloFormat {
    Tls,    ///< a TLS record carrying a ClientHello (SSLv3 to TLS 1.3)
    Sslv2,  ///< an SSLv2 CLIENT-HELLO with a 2-byte header
};

struct ClientHelloInfo {
    HelloFormat format = HelloFormat::Tls;
    std::uint16_t record_version = 0;  ///< TLS: version of the first record; SSLv2: 0x0002
    std::uint16_t client_version = 0;  ///< the hello's version field
    std::vector<std::uint8_t> session_id;
    std::vector<std::uint16_t> cipher_suites;       ///< TLS: in the client's order
    std::vector<std::uint32_t> sslv2_cipher_specs;  ///< SSLv2: 3-byte kinds in the client's order
    std::vector<std::uint8_t> compression_methods;
    std::vector<std::uint16_t> extensions;  ///< types in the order sent
    std::vector<std::uint16_t> supported_versions;
    std::vector<std::uint16_t> supported_groups;
    std::vector<std::uint16_t> key_share_groups;  ///< groups with a key share, in order
    std::vector<std::string> alpn;
    std::string server_name;

    bool has_extension(std::uint16_t type) const;
    bool offers_suite(std::uint16_t code) const;
};

enum class HelloStatus {
    Complete,    ///< a whole hello was read
    Incomplete,  ///< a valid prefix: read more bytes and parse again
    NotHello,    ///< neither a TLS handshake record nor an SSLv2 CLIENT-HELLO
    Malformed,   ///< a hello, but a length or field is wrong, or a cap was hit
};

struct HelloRead {
    HelloStatus status = HelloStatus::Incomplete;
    ClientHelloInfo hello;     ///< when Complete
    std::size_t consumed = 0;  ///< bytes taken by the records (or SSLv2 message) of the hello
    std::string error;         ///< why, for NotHello and Malformed
};

/// Parses the first bytes a client sent, from the start of the connection.
HelloRead parse_client_hello(std::span<const std::uint8_t> bytes);

std::string to_string(HelloStatus status);

}  // namespace attt::lab
