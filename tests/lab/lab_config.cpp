#include "tests/lab/lab_config.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <initializer_list>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

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
constexpr std::array<Choice<Behaviour>, 3> kBehaviours{
    {{"tls", Behaviour::Tls}, {"plain", Behaviour::Plain}, {"silent", Behaviour::Silent}}};
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
                         "cipher_list"},
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
    endpoint.behaviour =
        choose(kBehaviours, get_string(object, "behaviour", where, "tls"), where + ".behaviour");
    endpoint.closed = get_bool(object, "closed", where, false);
    endpoint.defect = get_word(object, "defect", where, "none", 100);
    endpoint.min_protocol = get_string(object, "min_protocol", where, "TLSv1.2");
    endpoint.max_protocol = get_string(object, "max_protocol", where, "TLSv1.3");
    if (protocol_index(endpoint.min_protocol, where + ".min_protocol") >
        protocol_index(endpoint.max_protocol, where + ".max_protocol")) {
        fail(where, "min_protocol is above max_protocol");
    }
    endpoint.cipher_list = get_string(object, "cipher_list", where, "");
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
