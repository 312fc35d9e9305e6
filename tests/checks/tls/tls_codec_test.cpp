// Our own TLS codec without OpenSSL: the cipher suite registry against its CSV, the ClientHello
// builder's wire format, the bounded reply parser (rejections and a seeded fuzz loop), and two
// live handshakes with the in-process lab server on 127.0.0.1.
// NOLINTNEXTLINE(readability-identifier-naming): the name Boost.Test expects
#define BOOST_TEST_MODULE tls_codec
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/client_hello.h"
#include "checks/tls/record_reader.h"
#include "checks/tls/server_hello.h"
#include "tests/lab/certificate_authority.h"
#include "tests/lab/loopback_server.h"

namespace {

namespace tls = attt::tls;
namespace lab = attt::lab;
using Bytes = std::vector<std::uint8_t>;

// ---------------------------------------------------------------------------------------------
// Helpers

/// Splits one CSV line; handles double-quoted fields (the code column is "0x13,0x01").
std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else {
            fields.back().push_back(c);
        }
    }
    return fields;
}

std::uint16_t parse_code(const std::string& text) {
    const auto comma = text.find(',');
    BOOST_REQUIRE(comma != std::string::npos);
    const auto high = std::stoul(text.substr(0, comma), nullptr, 16);
    const auto low = std::stoul(text.substr(comma + 1), nullptr, 16);
    return static_cast<std::uint16_t>((high << 8) | low);
}

std::uint16_t u16_at(const Bytes& bytes, std::size_t offset) {
    BOOST_REQUIRE(offset + 2 <= bytes.size());
    return static_cast<std::uint16_t>((bytes[offset] << 8) | bytes[offset + 1]);
}

std::uint32_t u24_at(const Bytes& bytes, std::size_t offset) {
    BOOST_REQUIRE(offset + 3 <= bytes.size());
    return (static_cast<std::uint32_t>(bytes[offset]) << 16) | (bytes[offset + 1] << 8) |
           bytes[offset + 2];
}

/// The parts of a ClientHello the tests check, found by walking its length fields.
struct ParsedHello {
    std::uint16_t record_version = 0;
    std::uint16_t client_version = 0;
    std::vector<std::uint16_t> suites;
    std::vector<std::uint16_t> extension_types;
    std::string server_name;
    Bytes key_share;
};

ParsedHello walk_client_hello(const Bytes& record) {
    ParsedHello out;
    BOOST_REQUIRE_GE(record.size(), 9U);
    BOOST_REQUIRE_EQUAL(record[0], 22);
    out.record_version = u16_at(record, 1);
    BOOST_REQUIRE_EQUAL(u16_at(record, 3), record.size() - 5);
    BOOST_REQUIRE_EQUAL(record[5], 1);
    BOOST_REQUIRE_EQUAL(u24_at(record, 6), record.size() - 9);
    std::size_t at = 9;
    out.client_version = u16_at(record, at);
    at += 2 + 32;
    BOOST_REQUIRE_LT(at, record.size());
    at += 1 + record[at];  // session id
    const auto suites_length = u16_at(record, at);
    BOOST_REQUIRE_EQUAL(suites_length % 2, 0);
    at += 2;
    for (std::size_t i = 0; i < suites_length; i += 2) {
        out.suites.push_back(u16_at(record, at + i));
    }
    at += suites_length;
    BOOST_REQUIRE_LT(at, record.size());
    at += 1 + record[at];  // compression methods
    if (at == record.size()) {
        return out;
    }
    const auto extensions_length = u16_at(record, at);
    at += 2;
    BOOST_REQUIRE_EQUAL(at + extensions_length, record.size());
    while (at < record.size()) {
        const auto type = u16_at(record, at);
        const auto length = u16_at(record, at + 2);
        at += 4;
        BOOST_REQUIRE_LE(at + length, record.size());
        out.extension_types.push_back(type);
        if (type == 0x0000) {
            BOOST_REQUIRE_EQUAL(u16_at(record, at), length - 2);
            BOOST_REQUIRE_EQUAL(record[at + 2], 0);
            const auto name_length = u16_at(record, at + 3);
            BOOST_REQUIRE_EQUAL(name_length + 5U, length);
            out.server_name.assign(
                record.begin() + static_cast<std::ptrdiff_t>(at + 5),
                record.begin() + static_cast<std::ptrdiff_t>(at + 5 + name_length));
        } else if (type == 0x0033) {
            out.key_share.assign(record.begin() + static_cast<std::ptrdiff_t>(at),
                                 record.begin() + static_cast<std::ptrdiff_t>(at + length));
        }
        at += length;
    }
    return out;
}

Bytes record(std::uint8_t type, std::uint16_t version, const Bytes& fragment) {
    Bytes out{type,
              static_cast<std::uint8_t>(version >> 8),
              static_cast<std::uint8_t>(version & 0xff),
              static_cast<std::uint8_t>(fragment.size() >> 8),
              static_cast<std::uint8_t>(fragment.size() & 0xff)};
    out.insert(out.end(), fragment.begin(), fragment.end());
    return out;
}

/// A ServerHello handshake message (header included) choosing `suite`, with extensions.
Bytes server_hello_message(std::uint16_t version, std::uint16_t suite, const Bytes& extensions) {
    Bytes body{static_cast<std::uint8_t>(version >> 8), static_cast<std::uint8_t>(version & 0xff)};
    body.insert(body.end(), 32, 0x42);  // random
    body.push_back(0);                  // session id
    body.push_back(static_cast<std::uint8_t>(suite >> 8));
    body.push_back(static_cast<std::uint8_t>(suite & 0xff));
    body.push_back(0);  // compression
    if (!extensions.empty()) {
        body.push_back(static_cast<std::uint8_t>(extensions.size() >> 8));
        body.push_back(static_cast<std::uint8_t>(extensions.size() & 0xff));
        body.insert(body.end(), extensions.begin(), extensions.end());
    }
    Bytes message{2,
                  0,
                  static_cast<std::uint8_t>(body.size() >> 8),
                  static_cast<std::uint8_t>(body.size() & 0xff)};
    message.insert(message.end(), body.begin(), body.end());
    return message;
}

/// renegotiation_info (empty) and supported_versions = 0x0304.
const Bytes kTls13Extensions{0xff, 0x01, 0x00, 0x01, 0x00, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04};

/// A blocking socket to 127.0.0.1 with 3 s send/receive timeouts; closed on destruction.
class LoopbackSocket {
public:
    explicit LoopbackSocket(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        if (fd_ < 0) {
            throw std::runtime_error("socket() failed");
        }
        timeval timeout{};
        timeout.tv_sec = 3;
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
            ::close(fd_);
            throw std::runtime_error("connect() to 127.0.0.1 failed");
        }
    }

    ~LoopbackSocket() { ::close(fd_); }

    LoopbackSocket(const LoopbackSocket&) = delete;
    LoopbackSocket& operator=(const LoopbackSocket&) = delete;
    LoopbackSocket(LoopbackSocket&&) = delete;
    LoopbackSocket& operator=(LoopbackSocket&&) = delete;

    void send_all(const Bytes& bytes) const {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) {
                throw std::runtime_error("send() failed");
            }
            sent += static_cast<std::size_t>(n);
        }
    }

    /// Reads until the reply parses as something other than Incomplete; at most 64 reads and
    /// 64 KiB, each read bounded by the 3 s timeout.
    tls::ServerReply read_reply() const {
        Bytes received;
        tls::ServerReply reply;
        for (int reads = 0; reads < 64 && received.size() < 65536; ++reads) {
            std::array<std::uint8_t, 4096> buffer{};
            const auto n = ::recv(fd_, buffer.data(), buffer.size(), 0);
            if (n <= 0) {
                break;
            }
            received.insert(received.end(), buffer.begin(), buffer.begin() + n);
            reply = tls::parse_server_reply(received);
            if (reply.kind != tls::ReplyKind::Incomplete) {
                break;
            }
        }
        return reply;
    }

private:
    int fd_;
};

const lab::CertificateAuthority& lab_ca() {
    static const auto ca = lab::CertificateAuthority::create("ATTT Codec Test CA");
    return ca;
}

lab::ServerSpec rsa_server(const std::string& min_protocol, const std::string& max_protocol) {
    lab::CertificateSpec certificate;
    certificate.common_name = "localhost";
    certificate.dns_names = {"localhost"};
    certificate.ip_addresses = {"127.0.0.1"};
    certificate.key = lab::KeyKind::Rsa2048;
    lab::ServerSpec spec;
    spec.credentials = lab_ca().issue(certificate);
    spec.min_protocol = min_protocol;
    spec.max_protocol = max_protocol;
    return spec;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Cipher suite registry

BOOST_AUTO_TEST_SUITE(cipher_suite_registry)

BOOST_AUTO_TEST_CASE(finds_tls13_suite_by_code) {
    const auto* suite = tls::find_cipher_suite(0x1301);
    BOOST_REQUIRE(suite != nullptr);
    BOOST_TEST(suite->iana_name == "TLS_AES_128_GCM_SHA256");
    BOOST_TEST(suite->is_aead);
    BOOST_TEST(suite->forward_secret);
    BOOST_TEST(suite->bits == 128);
}

BOOST_AUTO_TEST_CASE(finds_ecdhe_rsa_gcm_with_openssl_name) {
    const auto* suite = tls::find_cipher_suite(0xC02F);
    BOOST_REQUIRE(suite != nullptr);
    BOOST_TEST(suite->iana_name == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    BOOST_TEST(suite->openssl_name == "ECDHE-RSA-AES128-GCM-SHA256");
    BOOST_TEST(suite->key_exchange == "ECDHE");
    BOOST_TEST(suite->authentication == "RSA");
    BOOST_TEST(suite->encryption == "AES_128_GCM");
    BOOST_TEST(suite->mac == "AEAD");
    BOOST_TEST(suite->forward_secret);
    BOOST_TEST(!suite->is_cbc);
}

BOOST_AUTO_TEST_CASE(flags_export_rc4_des_null_and_anon_suites) {
    const auto* export_rc4 = tls::find_cipher_suite(0x0003);
    BOOST_REQUIRE(export_rc4 != nullptr);
    BOOST_TEST(export_rc4->iana_name == "TLS_RSA_EXPORT_WITH_RC4_40_MD5");
    BOOST_TEST(export_rc4->is_export);
    BOOST_TEST(export_rc4->is_rc4);
    BOOST_TEST(export_rc4->bits == 40);

    const auto* rc4 = tls::find_cipher_suite(0x0005);
    BOOST_REQUIRE(rc4 != nullptr);
    BOOST_TEST(rc4->is_rc4);
    BOOST_TEST(!rc4->is_export);

    const auto* triple_des = tls::find_cipher_suite(0x000A);
    BOOST_REQUIRE(triple_des != nullptr);
    BOOST_TEST(triple_des->is_3des);
    BOOST_TEST(!triple_des->is_des);
    BOOST_TEST(triple_des->is_cbc);

    const auto* des = tls::find_cipher_suite(0x0009);
    BOOST_REQUIRE(des != nullptr);
    BOOST_TEST(des->is_des);

    const auto* null_suite = tls::find_cipher_suite(0x0002);
    BOOST_REQUIRE(null_suite != nullptr);
    BOOST_TEST(null_suite->is_null);

    const auto* anon = tls::find_cipher_suite(0x0034);
    BOOST_REQUIRE(anon != nullptr);
    BOOST_TEST(anon->is_anon);
    BOOST_TEST(anon->iana_name == "TLS_DH_anon_WITH_AES_128_CBC_SHA");
}

BOOST_AUTO_TEST_CASE(returns_null_for_unassigned_codes) {
    BOOST_TEST(tls::find_cipher_suite(0x0A0A) == nullptr);  // GREASE
    BOOST_TEST(tls::find_cipher_suite(0x1300) == nullptr);
    BOOST_TEST(tls::find_cipher_suite(0xFFFF) == nullptr);
}

BOOST_AUTO_TEST_CASE(table_is_sorted_without_duplicates) {
    const auto suites = tls::all_cipher_suites();
    BOOST_TEST(suites.size() >= 300U);
    for (std::size_t i = 1; i < suites.size(); ++i) {
        BOOST_TEST(suites[i - 1].code < suites[i].code);
    }
}

BOOST_AUTO_TEST_CASE(compiled_table_equals_csv) {
    std::ifstream file(ATTT_SOURCE_DIR "/checks/tls/data/iana_cipher_suites.csv");
    BOOST_REQUIRE(file.good());
    std::string line;
    std::getline(file, line);
    BOOST_REQUIRE_EQUAL(split_csv_line(line).size(), 17U);
    std::size_t rows = 0;
    while (std::getline(file, line) && rows < 100000) {
        if (line.empty()) {
            continue;
        }
        const auto f = split_csv_line(line);
        BOOST_REQUIRE_EQUAL(f.size(), 17U);
        const auto code = parse_code(f[0]);
        const auto* suite = tls::find_cipher_suite(code);
        BOOST_REQUIRE_MESSAGE(suite != nullptr, "missing from the compiled table: " << f[1]);
        BOOST_TEST(suite->iana_name == f[1]);
        BOOST_TEST(suite->openssl_name == f[2]);
        BOOST_TEST(suite->key_exchange == f[3]);
        BOOST_TEST(suite->authentication == f[4]);
        BOOST_TEST(suite->encryption == f[5]);
        BOOST_TEST(suite->mac == f[6]);
        BOOST_TEST(suite->bits == std::stoi(f[7]));
        const std::array<bool, 9> flags{suite->is_export,
                                        suite->is_null,
                                        suite->is_anon,
                                        suite->is_rc4,
                                        suite->is_des,
                                        suite->is_3des,
                                        suite->is_cbc,
                                        suite->is_aead,
                                        suite->forward_secret};
        for (std::size_t i = 0; i < flags.size(); ++i) {
            BOOST_TEST(flags[i] == (f[8 + i] == "1"), f[1] << " column " << 8 + i);
        }
        ++rows;
    }
    BOOST_TEST(rows == tls::all_cipher_suites().size());
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// ClientHello builder

BOOST_AUTO_TEST_SUITE(client_hello)

BOOST_AUTO_TEST_CASE(tls12_hello_has_consistent_lengths_and_sni) {
    tls::ClientHelloSpec spec;
    spec.cipher_suites = {0xC030, 0xC02F, 0x009C};
    spec.server_name = "portal.lab.test";
    spec.empty_renegotiation_info_scsv = true;
    const auto hello = walk_client_hello(tls::build_client_hello(spec));
    BOOST_TEST(hello.record_version == tls::kTls10);
    BOOST_TEST(hello.client_version == tls::kTls12);
    BOOST_TEST(hello.suites == (std::vector<std::uint16_t>{0xC030, 0xC02F, 0x009C, 0x00FF}));
    BOOST_TEST(hello.server_name == "portal.lab.test");
    const std::set<std::uint16_t> types(hello.extension_types.begin(), hello.extension_types.end());
    BOOST_TEST(types.count(0x000a) == 1U);
    BOOST_TEST(types.count(0x000d) == 1U);
    BOOST_TEST(types.count(0x002b) == 0U);
}

BOOST_AUTO_TEST_CASE(tls13_hello_offers_supported_versions_and_x25519_share) {
    tls::ClientHelloSpec spec;
    spec.offer_tls13 = true;
    spec.cipher_suites = {0x1301, 0x1302};
    spec.fallback_scsv = true;
    const auto hello = walk_client_hello(tls::build_client_hello(spec));
    BOOST_TEST(hello.suites.back() == 0x5600);
    BOOST_TEST(hello.server_name.empty());
    const std::set<std::uint16_t> types(hello.extension_types.begin(), hello.extension_types.end());
    BOOST_TEST(types.count(0x002b) == 1U);
    BOOST_REQUIRE_EQUAL(hello.key_share.size(), 2U + 2U + 2U + 32U);
    BOOST_TEST(u16_at(hello.key_share, 2) == 0x001d);
    BOOST_TEST(u16_at(hello.key_share, 4) == 32);
}

BOOST_AUTO_TEST_CASE(ssl3_hello_has_no_extensions) {
    tls::ClientHelloSpec spec;
    spec.version = tls::kSsl3;
    spec.cipher_suites = {0x000A};
    spec.server_name = "localhost";
    const auto hello = walk_client_hello(tls::build_client_hello(spec));
    BOOST_TEST(hello.record_version == tls::kSsl3);
    BOOST_TEST(hello.client_version == tls::kSsl3);
    BOOST_TEST(hello.extension_types.empty());
}

BOOST_AUTO_TEST_CASE(rejects_specs_that_cannot_be_sent) {
    tls::ClientHelloSpec empty;
    BOOST_CHECK_THROW(tls::build_client_hello(empty), std::invalid_argument);

    tls::ClientHelloSpec tls13_on_tls10;
    tls13_on_tls10.version = tls::kTls10;
    tls13_on_tls10.offer_tls13 = true;
    tls13_on_tls10.cipher_suites = {0x1301};
    BOOST_CHECK_THROW(tls::build_client_hello(tls13_on_tls10), std::invalid_argument);

    tls::ClientHelloSpec bad_version;
    bad_version.version = 0x0304;
    bad_version.cipher_suites = {0x1301};
    BOOST_CHECK_THROW(tls::build_client_hello(bad_version), std::invalid_argument);

    tls::ClientHelloSpec bad_name;
    bad_name.cipher_suites = {0x1301};
    bad_name.server_name = "a..b";
    BOOST_CHECK_THROW(tls::build_client_hello(bad_name), std::invalid_argument);
    bad_name.server_name = std::string(256, 'a');
    BOOST_CHECK_THROW(tls::build_client_hello(bad_name), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(rejects_hello_larger_than_one_record) {
    tls::ClientHelloSpec spec;
    spec.cipher_suites.assign(8200, 0xC02F);  // 16400 bytes of suites alone
    BOOST_CHECK_THROW(tls::build_client_hello(spec), std::invalid_argument);
    spec.cipher_suites.assign(8000, 0xC02F);
    const auto record = tls::build_client_hello(spec);
    BOOST_TEST(record.size() <= 5 + tls::kMaxPlaintextFragment);
}

BOOST_AUTO_TEST_CASE(sslv2_hello_has_header_length_and_specs) {
    const std::vector<std::uint32_t> specs{0x010080, 0x0700C0};
    const auto hello = tls::build_sslv2_client_hello(specs);
    BOOST_REQUIRE_GE(hello.size(), 2U);
    BOOST_TEST((hello[0] & 0x80) != 0);
    BOOST_TEST(((hello[0] & 0x7f) << 8 | hello[1]) == static_cast<int>(hello.size() - 2));
    BOOST_TEST(hello[2] == 1);
    BOOST_TEST(u16_at(hello, 3) == 0x0002);
    BOOST_TEST(u16_at(hello, 5) == 6);
    BOOST_TEST(u16_at(hello, 9) == 16);
    BOOST_TEST(u24_at(hello, 11) == 0x010080U);
    BOOST_TEST(u24_at(hello, 14) == 0x0700C0U);
    BOOST_CHECK_THROW(tls::build_sslv2_client_hello({}), std::invalid_argument);
    const std::vector<std::uint32_t> too_wide{0x1000000};
    BOOST_CHECK_THROW(tls::build_sslv2_client_hello(too_wide), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// Reply parser

BOOST_AUTO_TEST_SUITE(reply_parser)

BOOST_AUTO_TEST_CASE(parses_tls12_server_hello) {
    const Bytes extensions{0xff, 0x01, 0x00, 0x01, 0x00};
    const auto bytes = record(22, 0x0303, server_hello_message(0x0303, 0xC02F, extensions));
    const auto reply = tls::parse_server_reply(bytes);
    BOOST_REQUIRE_MESSAGE(reply.kind == tls::ReplyKind::ServerHello, reply.error);
    BOOST_TEST(reply.server_hello.version == 0x0303);
    BOOST_TEST(reply.server_hello.cipher_suite == 0xC02F);
    BOOST_TEST(reply.server_hello.compression_method == 0);
    BOOST_TEST(reply.server_hello.secure_renegotiation);
    BOOST_TEST(!reply.server_hello.hello_retry_request);
}

BOOST_AUTO_TEST_CASE(takes_version_from_supported_versions) {
    const auto bytes = record(22, 0x0303, server_hello_message(0x0303, 0x1301, kTls13Extensions));
    const auto reply = tls::parse_server_reply(bytes);
    BOOST_REQUIRE_MESSAGE(reply.kind == tls::ReplyKind::ServerHello, reply.error);
    BOOST_TEST(reply.server_hello.legacy_version == 0x0303);
    BOOST_TEST(reply.server_hello.version == 0x0304);
}

BOOST_AUTO_TEST_CASE(reassembles_hello_split_over_records) {
    const auto message = server_hello_message(0x0303, 0x009C, {});
    Bytes bytes;
    for (std::size_t at = 0; at < message.size(); at += 7) {
        const auto end = std::min(message.size(), at + 7);
        const auto piece = record(22,
                                  0x0303,
                                  Bytes(message.begin() + static_cast<std::ptrdiff_t>(at),
                                        message.begin() + static_cast<std::ptrdiff_t>(end)));
        bytes.insert(bytes.end(), piece.begin(), piece.end());
    }
    const auto reply = tls::parse_server_reply(bytes);
    BOOST_REQUIRE_MESSAGE(reply.kind == tls::ReplyKind::ServerHello, reply.error);
    BOOST_TEST(reply.server_hello.cipher_suite == 0x009C);
}

BOOST_AUTO_TEST_CASE(parses_alert) {
    const auto reply = tls::parse_server_reply(record(21, 0x0303, {2, 40}));
    BOOST_REQUIRE(reply.kind == tls::ReplyKind::Alert);
    BOOST_TEST(reply.alert.level == 2);
    BOOST_TEST(reply.alert.description == 40);
}

BOOST_AUTO_TEST_CASE(truncated_record_is_incomplete) {
    auto bytes = record(22, 0x0303, server_hello_message(0x0303, 0xC02F, {}));
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        const auto reply = tls::parse_server_reply(std::span(bytes.data(), size));
        BOOST_TEST((reply.kind == tls::ReplyKind::Incomplete), "size " << size);
    }
}

BOOST_AUTO_TEST_CASE(rejects_record_longer_than_limit) {
    const Bytes header{22, 3, 3, 0x48, 0x01};  // 18433 > 16384 + 2048
    const auto reply = tls::parse_server_reply(header);
    BOOST_TEST((reply.kind == tls::ReplyKind::Malformed));
    BOOST_TEST(reply.error.find("18433") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(server_hello_claiming_more_than_sent_is_incomplete) {
    auto message = server_hello_message(0x0303, 0xC02F, {});
    message[3] = static_cast<std::uint8_t>(message[3] + 10);  // claims 10 more bytes than sent
    const auto bytes = record(22, 0x0303, message);
    const auto reply = tls::parse_server_reply(bytes);
    BOOST_TEST((reply.kind == tls::ReplyKind::Incomplete));
}

BOOST_AUTO_TEST_CASE(garbage_and_http_are_not_tls) {
    const std::string http = "HTTP/1.1 400 Bad Request\r\n\r\n";
    const Bytes http_bytes(http.begin(), http.end());
    BOOST_TEST((tls::parse_server_reply(http_bytes).kind == tls::ReplyKind::NotTls));
    const Bytes wrong_major{22, 9, 1, 0, 4, 1, 2, 3, 4};
    BOOST_TEST((tls::parse_server_reply(wrong_major).kind == tls::ReplyKind::NotTls));
}

BOOST_AUTO_TEST_CASE(rejects_wrong_first_message_and_bad_extensions) {
    auto certificate = server_hello_message(0x0303, 0xC02F, {});
    certificate[0] = 11;
    BOOST_TEST((tls::parse_server_reply(record(22, 0x0303, certificate)).kind ==
                tls::ReplyKind::Malformed));
    const Bytes repeated{0xff, 0x01, 0x00, 0x01, 0x00, 0xff, 0x01, 0x00, 0x01, 0x00};
    BOOST_TEST(
        (tls::parse_server_reply(record(22, 0x0303, server_hello_message(0x0303, 0xC02F, repeated)))
             .kind == tls::ReplyKind::Malformed));
    const Bytes short_versions{0x00, 0x2b, 0x00, 0x01, 0x03};
    BOOST_TEST((tls::parse_server_reply(
                    record(22, 0x0303, server_hello_message(0x0303, 0x1301, short_versions)))
                    .kind == tls::ReplyKind::Malformed));
    BOOST_TEST(
        (tls::parse_server_reply(record(20, 0x0303, {1})).kind == tls::ReplyKind::Malformed));
}

BOOST_AUTO_TEST_CASE(parses_sslv2_server_hello) {
    Bytes message{4, 0, 1, 0x00, 0x02, 0x00, 0x02, 0x00, 0x06, 0x00, 0x10, 0xAA, 0xBB};
    message.insert(message.end(), {0x01, 0x00, 0x80, 0x07, 0x00, 0xC0});
    message.insert(message.end(), 16, 0x11);
    Bytes bytes{static_cast<std::uint8_t>(0x80 | (message.size() >> 8)),
                static_cast<std::uint8_t>(message.size() & 0xff)};
    bytes.insert(bytes.end(), message.begin(), message.end());
    const auto reply = tls::parse_server_reply(bytes);
    BOOST_REQUIRE_MESSAGE(reply.kind == tls::ReplyKind::Sslv2ServerHello, reply.error);
    BOOST_TEST(reply.sslv2.version == 0x0002);
    BOOST_TEST(reply.sslv2.cipher_specs == (std::vector<std::uint32_t>{0x010080, 0x0700C0}));
    bytes.pop_back();
    BOOST_TEST((tls::parse_server_reply(bytes).kind == tls::ReplyKind::Incomplete));
}

/// 20 000 inputs from a fixed seed: random bytes, and mutations (byte flips, truncations,
/// insertions) of valid replies. The parser must return a value for each; ASan/UBSan builds
/// check that it never reads out of bounds.
BOOST_AUTO_TEST_CASE(survives_random_and_mutated_inputs) {
    // A fixed seed, so a failing input can be reproduced.
    std::mt19937 generator(20261129);  // NOLINT(cert-msc32-c,cert-msc51-cpp)
    std::uniform_int_distribution<int> byte(0, 255);
    const std::vector<Bytes> seeds{
        record(22, 0x0303, server_hello_message(0x0303, 0xC02F, {0xff, 0x01, 0x00, 0x01, 0x00})),
        record(22, 0x0303, server_hello_message(0x0303, 0x1301, kTls13Extensions)),
        record(21, 0x0303, {2, 70}),
        Bytes{0x80, 0x10, 4, 0, 1, 0, 2, 0, 0, 0, 3, 0, 0, 1, 0, 0x80},
    };
    std::size_t classified = 0;
    for (int i = 0; i < 20000; ++i) {
        Bytes input;
        if (i % 4 == 0) {
            input.resize(static_cast<std::size_t>(byte(generator)));
            for (auto& value : input) {
                value = static_cast<std::uint8_t>(byte(generator));
            }
        } else {
            input = seeds[static_cast<std::size_t>(i) % seeds.size()];
            const int mutations = 1 + byte(generator) % 4;
            for (int m = 0; m < mutations && !input.empty(); ++m) {
                const auto at = static_cast<std::size_t>(byte(generator) * 997) % input.size();
                switch (byte(generator) % 3) {
                    case 0:
                        input[at] = static_cast<std::uint8_t>(byte(generator));
                        break;
                    case 1:
                        input.resize(at);
                        break;
                    default:
                        input.insert(input.begin() + static_cast<std::ptrdiff_t>(at),
                                     static_cast<std::uint8_t>(byte(generator)));
                        break;
                }
            }
        }
        const auto reply = tls::parse_server_reply(input);
        if (reply.kind != tls::ReplyKind::ServerHello && reply.kind != tls::ReplyKind::Alert &&
            reply.kind != tls::ReplyKind::Sslv2ServerHello) {
            BOOST_TEST(!reply.error.empty());
        }
        ++classified;
    }
    BOOST_TEST(classified == 20000U);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// Live handshakes with the lab server on 127.0.0.1

BOOST_AUTO_TEST_SUITE(live)

BOOST_AUTO_TEST_CASE(tls12_only_rsa_server_chooses_an_offered_suite) {
    const lab::LoopbackServer server(rsa_server("TLSv1.2", "TLSv1.2"));
    tls::ClientHelloSpec spec;
    spec.cipher_suites = {0xC030, 0xC02F, 0x009C};
    spec.server_name = "localhost";
    spec.empty_renegotiation_info_scsv = true;
    LoopbackSocket socket(server.port());
    socket.send_all(tls::build_client_hello(spec));
    const auto reply = socket.read_reply();
    BOOST_REQUIRE_MESSAGE(reply.kind == tls::ReplyKind::ServerHello,
                          tls::to_string(reply.kind) << ": " << reply.error);
    BOOST_TEST(reply.server_hello.version == 0x0303);
    const std::set<std::uint16_t> offered{0xC030, 0xC02F, 0x009C};
    BOOST_TEST(offered.count(reply.server_hello.cipher_suite) == 1U);
    BOOST_TEST(reply.server_hello.secure_renegotiation);
}

BOOST_AUTO_TEST_CASE(tls13_server_answers_with_version_0304) {
    const lab::LoopbackServer server(rsa_server("TLSv1.2", "TLSv1.3"));
    tls::ClientHelloSpec spec;
    spec.offer_tls13 = true;
    spec.cipher_suites = {0x1301, 0x1302, 0x1303, 0xC02F};
    spec.server_name = "localhost";
    LoopbackSocket socket(server.port());
    socket.send_all(tls::build_client_hello(spec));
    const auto reply = socket.read_reply();
    BOOST_REQUIRE_MESSAGE(reply.kind == tls::ReplyKind::ServerHello,
                          tls::to_string(reply.kind) << ": " << reply.error);
    BOOST_TEST(reply.server_hello.version == 0x0304);
    BOOST_TEST(!reply.server_hello.hello_retry_request);
    BOOST_TEST(reply.server_hello.key_share_group == 0x001d);
    const auto* suite = tls::find_cipher_suite(reply.server_hello.cipher_suite);
    BOOST_REQUIRE(suite != nullptr);
    BOOST_TEST(suite->key_exchange == "any");
}

BOOST_AUTO_TEST_SUITE_END()
