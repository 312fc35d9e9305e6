#include "tests/lab/lab_config.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "checks/tls/cipher_suite_registry.h"
#include "checks/tls/named_groups.h"
#include "checks/tls/sslv2_ciphers.h"

namespace attt::lab {

namespace {

using Json = nlohmann::json;

// A lab description is a few tens of kilobytes; anything near these limits is a mistake.
constexpr std::size_t kMaxLabBytes = std::size_t{1} << 20U;
constexpr std::size_t kMaxEndpoints = 1024;
constexpr std::size_t kMaxNamesPerCertificate = 100;
// RFC 1035: a host name is at most 253 characters.
constexpr std::size_t kMaxHostNameLength = 253;
// A century either way, as CertificateAuthority accepts.
constexpr long long kMaxDays = 36'500;

template <class T>
struct Choice {
    std::string_view word;
    T value;
};

constexpr std::array<Choice<KeyKind>, 6> kKeys{{{"rsa1024", KeyKind::Rsa1024},
                                                {"rsa2048", KeyKind::Rsa2048},
                                                {"rsa3072", KeyKind::Rsa3072},
                                                {"rsa4096", KeyKind::Rsa4096},
                                                {"ec256", KeyKind::EcP256},
                                                {"ec384", KeyKind::EcP384}}};
constexpr std::array<Choice<SignatureHash>, 3> kSignatures{{{"sha1", SignatureHash::Sha1},
                                                            {"sha256", SignatureHash::Sha256},
                                                            {"sha384", SignatureHash::Sha384}}};
constexpr std::array<Choice<Behaviour>, 4> kBehaviours{
    {{"tls", Behaviour::Tls},
     {"plain", Behaviour::Plain},
     {"silent", Behaviour::Silent},
     {"http-redirect", Behaviour::HttpRedirect}}};
/// Extra HTTP headers of one endpoint: a handful is realistic, more is a typo in the lab file.
constexpr std::size_t kMaxHttpHeaders = 32;
constexpr std::array<Choice<Misbehaviour>, 9> kMisbehaviours{
    {{"none", Misbehaviour::None},
     {"garbage", Misbehaviour::Garbage},
     {"reset", Misbehaviour::Reset},
     {"silent", Misbehaviour::Silent},
     {"trickle", Misbehaviour::Trickle},
     {"oversized_record", Misbehaviour::OversizedRecord},
     {"truncated_record", Misbehaviour::TruncatedRecord},
     {"many_extensions", Misbehaviour::ManyExtensions},
     {"endless_hello_retry", Misbehaviour::EndlessHelloRetry}}};
constexpr std::array<Choice<std::uint16_t>, 6> kScriptedProtocols{{{"SSLv2", 0x0002},
                                                                   {"SSLv3", 0x0300},
                                                                   {"TLSv1", 0x0301},
                                                                   {"TLSv1.1", 0x0302},
                                                                   {"TLSv1.2", 0x0303},
                                                                   {"TLSv1.3", 0x0304}}};
// The IANA registry holds a few hundred suites; a scripted server lists at most all of them.
constexpr std::size_t kMaxScriptedList = 512;
// In protocol order, so the index compares versions.
constexpr std::array<std::string_view, 4> kProtocols{"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};

/// A problem at a place inside the document ("endpoints[3] (name).port"); the path is added
/// by load_lab_config.
[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::invalid_argument(where + ": " + what);
}

void require_object(const Json& value, const std::string& where) {
    if (!value.is_object()) {
        fail(where, "expected an object");
    }
}

void reject_unknown_keys(const Json& object,
                         std::initializer_list<std::string_view> known,
                         const std::string& where) {
    for (const auto& item : object.items()) {
        if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
            fail(where, "unknown key '" + item.key() + "'");
        }
    }
}

std::string get_string(const Json& object,
                       const char* key,
                       const std::string& where,
                       const std::string& fallback) {
    if (!object.contains(key)) {
        return fallback;
    }
    const auto& value = object.at(key);
    if (!value.is_string()) {
        fail(where + "." + key, "expected a string");
    }
    return value.get<std::string>();
}

long long get_integer(const Json& object,
                      const char* key,
                      const std::string& where,
                      long long fallback,
                      long long low,
                      long long high) {
    if (!object.contains(key)) {
        return fallback;
    }
    const auto& value = object.at(key);
    if (!value.is_number_integer()) {
        fail(where + "." + key, "expected an integer");
    }
    if (value.is_number_unsigned() && value.get<unsigned long long>() > 1'000'000'000ULL) {
        fail(where + "." + key, "is too large");
    }
    const auto number = value.get<long long>();
    if (number < low || number > high) {
        fail(where + "." + key,
             std::to_string(number) + " is outside " + std::to_string(low) + ".." +
                 std::to_string(high));
    }
    return number;
}

bool get_bool(const Json& object, const char* key, const std::string& where, bool fallback) {
    if (!object.contains(key)) {
        return fallback;
    }
    const auto& value = object.at(key);
    if (!value.is_boolean()) {
        fail(where + "." + key, "expected true or false");
    }
    return value.get<bool>();
}

std::vector<std::string> get_strings(const Json& object,
                                     const char* key,
                                     const std::string& where,
                                     std::vector<std::string> fallback) {
    if (!object.contains(key)) {
        return fallback;
    }
    const auto& value = object.at(key);
    if (!value.is_array() || value.size() > kMaxNamesPerCertificate) {
        fail(where + "." + key,
             "expected a list of at most " + std::to_string(kMaxNamesPerCertificate) + " strings");
    }
    std::vector<std::string> strings;
    for (const auto& item : value) {
        if (!item.is_string() || item.get<std::string>().empty()) {
            fail(where + "." + key, "expected non-empty strings");
        }
        strings.push_back(item.get<std::string>());
    }
    return strings;
}

template <class T, std::size_t N>
T choose(const std::array<Choice<T>, N>& choices,
         const std::string& word,
         const std::string& where) {
    std::string known;
    for (const auto& choice : choices) {
        if (choice.word == word) {
            return choice.value;
        }
        known += (known.empty() ? "" : ", ") + std::string(choice.word);
    }
    fail(where, "unknown value '" + word + "' (expected one of " + known + ")");
}

/// A word for the one-line-per-endpoint ready file: non-empty, no white space.
std::string get_word(const Json& object,
                     const char* key,
                     const std::string& where,
                     const std::string& fallback,
                     std::size_t max_length) {
    auto word = get_string(object, key, where, fallback);
    const bool blank = std::any_of(
        word.begin(), word.end(), [](unsigned char c) { return c <= ' ' || c == 0x7F; });
    if (word.empty() || blank || word.size() > max_length) {
        fail(where + "." + key,
             "expected a word of 1 to " + std::to_string(max_length) +
                 " characters without spaces or control characters");
    }
    return word;
}

std::size_t protocol_index(const std::string& name, const std::string& where) {
    const auto* it = std::find(kProtocols.begin(), kProtocols.end(), name);
    if (it == kProtocols.end()) {
        fail(where,
             "unknown protocol '" + name + "' (expected TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3)");
    }
    return static_cast<std::size_t>(it - kProtocols.begin());
}

CertificateSpec read_certificate(const Json& object,
                                 const std::string& endpoint_name,
                                 const std::string& where) {
    require_object(object, where);
    reject_unknown_keys(object,
                        {"common_name",
                         "dns_names",
                         "ip_addresses",
                         "key",
                         "signature",
                         "not_before_days",
                         "not_after_days",
                         "self_signed"},
                        where);
    CertificateSpec spec;
    spec.dns_names = get_strings(object, "dns_names", where, {endpoint_name});
    spec.ip_addresses = get_strings(object, "ip_addresses", where, {});
    spec.common_name = get_string(object,
                                  "common_name",
                                  where,
                                  spec.dns_names.empty() ? endpoint_name : spec.dns_names.front());
    spec.key = choose(kKeys, get_string(object, "key", where, "ec256"), where + ".key");
    spec.hash =
        choose(kSignatures, get_string(object, "signature", where, "sha256"), where + ".signature");
    spec.not_before_days =
        static_cast<int>(get_integer(object, "not_before_days", where, -1, -kMaxDays, kMaxDays));
    spec.not_after_days =
        static_cast<int>(get_integer(object, "not_after_days", where, 90, -kMaxDays, kMaxDays));
    if (spec.not_after_days <= spec.not_before_days) {
        fail(where, "not_after_days must be greater than not_before_days");
    }
    spec.self_signed = get_bool(object, "self_signed", where, false);
    return spec;
}

/// A list of at most kMaxScriptedList strings.
std::vector<std::string> get_word_list(const Json& object,
                                       const char* key,
                                       const std::string& where) {
    if (!object.contains(key)) {
        return {};
    }
    const auto& value = object.at(key);
    if (!value.is_array() || value.size() > kMaxScriptedList) {
        fail(where + "." + key,
             "expected a list of at most " + std::to_string(kMaxScriptedList) + " strings");
    }
    std::vector<std::string> words;
    for (const auto& item : value) {
        if (!item.is_string() || item.get<std::string>().empty()) {
            fail(where + "." + key, "expected non-empty strings");
        }
        words.push_back(item.get<std::string>());
    }
    return words;
}

/// "0x00FF"-style hexadecimal up to `max`, or nullopt when the word is not hexadecimal.
std::optional<std::uint32_t> parse_hex(const std::string& word, std::uint32_t max) {
    if (word.size() < 3 || word.size() > 8 || word[0] != '0' ||
        (word[1] != 'x' && word[1] != 'X')) {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    for (std::size_t i = 2; i < word.size(); ++i) {
        const char c = word[i];
        std::uint32_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        value = value * 16 + digit;
    }
    if (value > max) {
        return std::nullopt;
    }
    return value;
}

/// Suites by IANA name (TLS_RSA_WITH_RC4_128_MD5), OpenSSL name (RC4-MD5) or hex (0x0004).
std::vector<std::uint16_t> read_suites(const Json& object, const std::string& where) {
    std::vector<std::uint16_t> codes;
    for (const auto& word : get_word_list(object, "suites", where)) {
        std::optional<std::uint16_t> code;
        if (const auto hex = parse_hex(word, 0xffff)) {
            code = static_cast<std::uint16_t>(*hex);
        }
        for (const auto& suite : tls::all_cipher_suites()) {
            if (!code && (suite.iana_name == word || suite.openssl_name == word)) {
                code = suite.code;
            }
        }
        if (!code) {
            fail(where + ".suites",
                 "unknown cipher suite '" + word +
                     "' (expected an IANA name, an OpenSSL name or 0xHHHH)");
        }
        codes.push_back(*code);
    }
    return codes;
}

std::vector<std::uint32_t> read_sslv2_specs(const Json& object, const std::string& where) {
    std::vector<std::uint32_t> codes;
    for (const auto& word : get_word_list(object, "sslv2_cipher_specs", where)) {
        std::optional<std::uint32_t> code = parse_hex(word, 0xffffff);
        for (const auto& cipher : tls::all_sslv2_ciphers()) {
            if (!code && (cipher.name == word || cipher.openssl_name == word)) {
                code = cipher.code;
            }
        }
        if (!code) {
            fail(where + ".sslv2_cipher_specs",
                 "unknown SSLv2 cipher '" + word + "' (expected SSL_CK_... or 0xHHHHHH)");
        }
        codes.push_back(*code);
    }
    return codes;
}

std::vector<std::uint16_t> read_groups(const Json& object,
                                       const std::string& where,
                                       std::vector<std::uint16_t> fallback) {
    if (!object.contains("groups")) {
        return fallback;
    }
    std::vector<std::uint16_t> codes;
    for (const auto& word : get_word_list(object, "groups", where)) {
        std::optional<std::uint16_t> code;
        if (const auto hex = parse_hex(word, 0xffff)) {
            code = static_cast<std::uint16_t>(*hex);
        }
        for (const auto& group : tls::all_named_groups()) {
            if (!code && group.name == word) {
                code = group.code;
            }
        }
        if (!code) {
            fail(where + ".groups",
                 "unknown group '" + word + "' (expected x25519, ... or 0xHHHH)");
        }
        codes.push_back(*code);
    }
    return codes;
}

ScriptedSpec read_scripted(const Json& object, const std::string& where) {
    require_object(object, where);
    reject_unknown_keys(object,
                        {"protocols",
                         "suites",
                         "sslv2_cipher_specs",
                         "server_preference",
                         "groups",
                         "compression",
                         "secure_renegotiation",
                         "fallback_scsv",
                         "session_id",
                         "session_ticket",
                         "status_request",
                         "heartbeat",
                         "heartbleed",
                         "downgrade_to_lower_version",
                         "dh_bits",
                         "export_rsa_bits",
                         "misbehaviour"},
                        where);
    ScriptedSpec spec;
    for (const auto& word : get_word_list(object, "protocols", where)) {
        spec.versions.push_back(choose(kScriptedProtocols, word, where + ".protocols"));
    }
    if (spec.versions.empty()) {
        fail(where + ".protocols", "expected at least one protocol");
    }
    spec.suites = read_suites(object, where);
    spec.sslv2_cipher_specs = read_sslv2_specs(object, where);
    const bool tls = std::any_of(
        spec.versions.begin(), spec.versions.end(), [](std::uint16_t v) { return v != 0x0002; });
    if (tls && spec.suites.empty()) {
        fail(where + ".suites", "a TLS or SSLv3 protocol needs at least one suite");
    }
    const bool sslv2 =
        std::find(spec.versions.begin(), spec.versions.end(), 0x0002) != spec.versions.end();
    if (sslv2 && spec.sslv2_cipher_specs.empty()) {
        fail(where + ".sslv2_cipher_specs", "SSLv2 needs at least one cipher spec");
    }
    spec.groups = read_groups(object, where, spec.groups);
    spec.server_preference = get_bool(object, "server_preference", where, spec.server_preference);
    spec.compression = get_bool(object, "compression", where, spec.compression);
    spec.secure_renegotiation =
        get_bool(object, "secure_renegotiation", where, spec.secure_renegotiation);
    spec.fallback_scsv = get_bool(object, "fallback_scsv", where, spec.fallback_scsv);
    spec.session_id = get_bool(object, "session_id", where, spec.session_id);
    spec.session_ticket = get_bool(object, "session_ticket", where, spec.session_ticket);
    spec.status_request = get_bool(object, "status_request", where, spec.status_request);
    spec.heartbeat = get_bool(object, "heartbeat", where, spec.heartbeat);
    spec.heartbleed = get_bool(object, "heartbleed", where, spec.heartbleed);
    spec.downgrade_to_lower_version =
        get_bool(object, "downgrade_to_lower_version", where, spec.downgrade_to_lower_version);
    spec.dh_bits =
        static_cast<int>(get_integer(object, "dh_bits", where, spec.dh_bits, 256, 16384));
    spec.export_rsa_bits = static_cast<int>(
        get_integer(object, "export_rsa_bits", where, spec.export_rsa_bits, 256, 16384));
    spec.misbehaviour = choose(
        kMisbehaviours, get_string(object, "misbehaviour", where, "none"), where + ".misbehaviour");
    return spec;
}

/// "http_headers": {"Strict-Transport-Security": "max-age=31536000", ...}, in name order.
std::vector<std::pair<std::string, std::string>> read_http_headers(const Json& object,
                                                                   const std::string& where) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!object.contains("http_headers")) {
        return headers;
    }
    const auto& list = object.at("http_headers");
    require_object(list, where + ".http_headers");
    if (list.size() > kMaxHttpHeaders) {
        fail(where + ".http_headers", "more than " + std::to_string(kMaxHttpHeaders) + " headers");
    }
    for (const auto& [name, value] : list.items()) {
        if (!value.is_string()) {
            fail(where + ".http_headers." + name, "expected a string");
        }
        headers.emplace_back(name, value.get<std::string>());
    }
    return headers;
}

LabEndpoint read_endpoint(const Json& object, std::string where) {
    require_object(object, where);
    reject_unknown_keys(object,
                        {"name",
                         "port",
                         "behaviour",
                         "closed",
                         "defect",
                         "certificate",
                         "min_protocol",
                         "max_protocol",
                         "cipher_list",
                         "http_headers",
                         "starttls",
                         "scripted"},
                        where);
    if (!object.contains("name")) {
        fail(where, "missing name");
    }
    LabEndpoint endpoint;
    endpoint.name = get_word(object, "name", where, "", kMaxHostNameLength);
    where += " (" + endpoint.name + ")";
    if (!object.contains("port")) {
        fail(where, "missing port");
    }
    endpoint.port = static_cast<std::uint16_t>(get_integer(object, "port", where, 0, 1, 65535));
    const std::string behaviour = get_string(object, "behaviour", where, "tls");
    endpoint.scripted = behaviour == "scripted";
    if (endpoint.scripted) {
        if (!object.contains("scripted")) {
            fail(where, "behaviour \"scripted\" needs a \"scripted\" object");
        }
        endpoint.script = read_scripted(object.at("scripted"), where + ".scripted");
    } else if (object.contains("scripted")) {
        fail(where, "\"scripted\" is only for behaviour \"scripted\"");
    } else {
        endpoint.behaviour = choose(kBehaviours, behaviour, where + ".behaviour");
    }
    endpoint.closed = get_bool(object, "closed", where, false);
    endpoint.defect = get_word(object, "defect", where, "none", 100);
    endpoint.min_protocol = get_string(object, "min_protocol", where, "TLSv1.2");
    endpoint.max_protocol = get_string(object, "max_protocol", where, "TLSv1.3");
    if (protocol_index(endpoint.min_protocol, where + ".min_protocol") >
        protocol_index(endpoint.max_protocol, where + ".max_protocol")) {
        fail(where, "min_protocol is above max_protocol");
    }
    endpoint.cipher_list = get_string(object, "cipher_list", where, "");
    endpoint.starttls = get_string(object, "starttls", where, "");
    endpoint.http_headers = read_http_headers(object, where);
    endpoint.certificate =
        read_certificate(object.contains("certificate") ? object.at("certificate") : Json::object(),
                         endpoint.name,
                         where + ".certificate");
    return endpoint;
}

LabConfig read_config(const Json& document) {
    require_object(document, "document");
    reject_unknown_keys(document, {"ca", "endpoints"}, "document");
    LabConfig config;
    config.ca_name = "ATTT Lab Root CA";
    if (document.contains("ca")) {
        const auto& ca = document.at("ca");
        require_object(ca, "ca");
        reject_unknown_keys(ca, {"common_name"}, "ca");
        config.ca_name = get_string(ca, "common_name", "ca", config.ca_name);
    }
    if (!document.contains("endpoints") || !document.at("endpoints").is_array()) {
        fail("endpoints", "expected a list of endpoints");
    }
    const auto& endpoints = document.at("endpoints");
    if (endpoints.empty() || endpoints.size() > kMaxEndpoints) {
        fail("endpoints", "expected 1 to " + std::to_string(kMaxEndpoints) + " endpoints");
    }
    std::set<std::uint16_t> ports;
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        auto endpoint = read_endpoint(endpoints[i], "endpoints[" + std::to_string(i) + "]");
        if (!ports.insert(endpoint.port).second) {
            fail("endpoints[" + std::to_string(i) + "] (" + endpoint.name + ")",
                 "port " + std::to_string(endpoint.port) + " is used by an earlier endpoint");
        }
        config.endpoints.push_back(std::move(endpoint));
    }
    return config;
}

}  // namespace

const char* behaviour_name(Behaviour behaviour) {
    switch (behaviour) {
        case Behaviour::Plain:
            return "plain";
        case Behaviour::Silent:
            return "silent";
        case Behaviour::HttpRedirect:
            return "http-redirect";
        case Behaviour::Tls:
            break;
    }
    return "tls";
}

LabConfig load_lab_config(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(path + ": cannot open the lab description");
    }
    std::string text(kMaxLabBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) {
        throw std::runtime_error(path + ": cannot read the lab description");
    }
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxLabBytes) {
        throw std::runtime_error(path + ": larger than 1 MiB; a lab description is much smaller");
    }
    Json document;
    try {
        document = Json::parse(text);
    } catch (const Json::parse_error& e) {
        // e.what() is "[json.exception.parse_error.101] parse error at line L, column C: ...".
        const std::string message = e.what();
        const auto start = message.find("] ");
        throw std::runtime_error(
            path + ": invalid JSON: " +
            (start == std::string::npos ? message : message.substr(start + 2)));
    }
    try {
        return read_config(document);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
}

}  // namespace attt::lab
