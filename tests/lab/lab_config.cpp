#include "tests/lab/lab_config.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace attt::lab {

namespace {

using Json = nlohmann::json;

// A lab description is a few kilobytes; anything near this is a mistake.
constexpr std::size_t kMaxLabBytes = 1U << 20U;

template <class T>
T lookup(const std::map<std::string, T>& table, const std::string& key, const std::string& what) {
    auto it = table.find(key);
    if (it == table.end()) {
        throw std::invalid_argument("unknown " + what + " '" + key + "'");
    }
    return it->second;
}

CertificateSpec read_certificate(const Json& j, const std::string& name) {
    static const std::map<std::string, KeyKind> kKeys{
        {"rsa1024", KeyKind::Rsa1024}, {"rsa2048", KeyKind::Rsa2048}, {"rsa3072", KeyKind::Rsa3072},
        {"rsa4096", KeyKind::Rsa4096}, {"ec256", KeyKind::EcP256},    {"ec384", KeyKind::EcP384}};
    static const std::map<std::string, SignatureHash> kHashes{
        {"sha1", SignatureHash::Sha1}, {"sha256", SignatureHash::Sha256}, {"sha384", SignatureHash::Sha384}};
    CertificateSpec spec;
    spec.dns_names = j.value("dns_names", std::vector<std::string>{name});
    spec.common_name = spec.dns_names.empty() ? name : spec.dns_names.front();
    spec.key = lookup(kKeys, j.value("key", std::string("ec256")), "key");
    spec.hash = lookup(kHashes, j.value("signature", std::string("sha256")), "signature");
    spec.not_before_days = j.value("not_before_days", -1);
    spec.not_after_days = j.value("not_after_days", 90);
    spec.self_signed = j.value("self_signed", false);
    return spec;
}

LabEndpoint read_endpoint(const Json& j) {
    static const std::map<std::string, Behaviour> kBehaviours{
        {"tls", Behaviour::Tls}, {"plain", Behaviour::Plain}, {"silent", Behaviour::Silent}};
    LabEndpoint e;
    e.name = j.at("name").get<std::string>();
    const int port = j.at("port").get<int>();
    if (port < 1 || port > 65535) {
        throw std::invalid_argument("port " + std::to_string(port) + " is outside 1-65535");
    }
    e.port = static_cast<std::uint16_t>(port);
    e.closed = j.value("closed", false);
    e.behaviour = lookup(kBehaviours, j.value("behaviour", std::string("tls")), "behaviour");
    e.defect = j.value("defect", std::string("none"));
    e.min_protocol = j.value("min_protocol", std::string("TLSv1.2"));
    e.max_protocol = j.value("max_protocol", std::string("TLSv1.3"));
    e.cipher_list = j.value("cipher_list", std::string());
    e.certificate = read_certificate(j.value("certificate", Json::object()), e.name);
    return e;
}

}  // namespace

LabConfig load_lab_config(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(path + ": cannot read");
    }
    std::string text(kMaxLabBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxLabBytes) {
        throw std::runtime_error(path + ": larger than 1 MiB");
    }
    LabConfig config;
    std::size_t index = 0;
    try {
        const Json doc = Json::parse(text);
        config.ca_name = doc.at("ca").value("common_name", std::string("ATTT Lab Root CA"));
        std::set<std::uint16_t> ports;
        for (const auto& j : doc.at("endpoints")) {
            auto endpoint = read_endpoint(j);
            if (!ports.insert(endpoint.port).second) {
                throw std::invalid_argument("port " + std::to_string(endpoint.port) + " is used twice");
            }
            config.endpoints.push_back(std::move(endpoint));
            ++index;
        }
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": endpoints[" + std::to_string(index) + "]: " + e.what());
    }
    return config;
}

}  // namespace attt::lab
