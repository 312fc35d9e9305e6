// attt-lab: serves the demo lab (seeds/lab/lab.json) on a loopback address until SIGTERM or
// SIGINT. Writes DIR/ca.pem (the lab CA, for the auditor's --ca-file) and then DIR/ready, one
// "port name behaviour defect" line per endpoint, once every endpoint listens. With --stats
// FILE, each SIGUSR1 rewrites FILE with one "port connections-accepted" line per listening
// endpoint, so bench/tls-vs-peers can count the TCP connections a tool opened.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/lab/certificate_authority.h"
#include "tests/lab/lab_config.h"
#include "tests/lab/loopback_server.h"
#include "tests/lab/scripted_tls_server.h"

namespace {

namespace fs = std::filesystem;
using namespace attt::lab;

// Key generation threads at start-up; more than the cores would only wait for each other.
constexpr unsigned kMaxIssuers = 8;

constexpr const char* kUsage =
    "usage: attt-lab --config LAB.json --out DIR [--bind 127.0.0.1] [--stats FILE]";

/// A mistake on the command line: reported with the usage line.
struct UsageError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

struct Arguments {
    std::string config;
    fs::path out;
    std::string bind = "127.0.0.1";
    fs::path stats;  ///< empty: SIGUSR1 is not handled
    bool help = false;
};

/// Parses the command line; throws UsageError with a one-line reason.
Arguments parse_arguments(int argc, char** argv) {
    Arguments args;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            args.help = true;
            return args;
        }
        if (flag != "--config" && flag != "--out" && flag != "--bind" && flag != "--stats") {
            throw UsageError("unknown argument '" + flag + "'");
        }
        if (i + 1 >= argc) {
            throw UsageError(flag + " needs a value");
        }
        const std::string value = argv[++i];
        if (flag == "--config") {
            args.config = value;
        } else if (flag == "--out") {
            args.out = value;
        } else if (flag == "--stats") {
            args.stats = value;
        } else {
            args.bind = value;
        }
    }
    if (args.config.empty() || args.out.empty()) {
        throw UsageError("--config and --out are required");
    }
    if (!is_loopback_address(args.bind)) {
        throw UsageError("refusing --bind " + args.bind +
                         ": the lab serves weak set-ups and only binds 127.0.0.0/8 or ::1");
    }
    return args;
}

/// Writes through a temporary file and a rename, so a reader never sees half a file.
void write_file(const fs::path& path, const std::string& text) {
    fs::path temporary = path;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            throw std::runtime_error(temporary.string() + ": cannot write");
        }
    }
    fs::rename(temporary, path);
}

std::string place(const std::string& bind, std::uint16_t port) {
    const bool v6 = bind.find(':') != std::string::npos;
    return (v6 ? "[" + bind + "]" : bind) + ":" + std::to_string(port);
}

/// Issues every TLS endpoint's certificate on a few threads: RSA key generation takes up to a
/// second per key, and the demo waits for the lab. Throws naming the first endpoint that failed.
std::vector<Credentials> issue_all(const CertificateAuthority& ca,
                                   const LabConfig& config,
                                   const std::string& bind) {
    const auto& endpoints = config.endpoints;
    std::vector<Credentials> credentials(endpoints.size());
    std::vector<std::exception_ptr> failures(endpoints.size());
    std::atomic<std::size_t> next{0};
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, kMaxIssuers);
    {
        std::vector<std::jthread> issuers;
        for (unsigned t = 0; t < threads; ++t) {
            issuers.emplace_back([&] {
                for (std::size_t i = next++; i < endpoints.size(); i = next++) {
                    if (endpoints[i].closed ||
                        (!endpoints[i].scripted && endpoints[i].behaviour != Behaviour::Tls)) {
                        continue;
                    }
                    try {
                        credentials[i] = ca.issue(endpoints[i].certificate);
                    } catch (...) {
                        failures[i] = std::current_exception();
                    }
                }
            });
        }
    }  // the jthreads join here
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        if (!failures[i]) {
            continue;
        }
        try {
            std::rethrow_exception(failures[i]);
        } catch (const std::exception& e) {
            throw std::runtime_error(place(bind, endpoints[i].port) + " (" + endpoints[i].name +
                                     "): " + e.what());
        }
    }
    return credentials;
}

/// One "port connections" line per listening endpoint: connections accepted since start-up,
/// failed handshakes included.
std::string connection_counts(const std::vector<std::unique_ptr<LoopbackServer>>& servers,
                              const std::vector<std::unique_ptr<ScriptedTlsServer>>& scripted) {
    std::string text;
    for (const auto& server : servers) {
        text += std::to_string(server->port()) + " " + std::to_string(server->connections()) + "\n";
    }
    for (const auto& server : scripted) {
        text += std::to_string(server->port()) + " " + std::to_string(server->connections()) + "\n";
    }
    return text;
}

int run(const Arguments& args) {
    const LabConfig config = load_lab_config(args.config);

    // Block the stop signals before any thread starts: every thread inherits the mask, so
    // they stay pending until sigwait below takes them, with no handler and no busy loop.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    if (!args.stats.empty()) {
        sigaddset(&stop_signals, SIGUSR1);  // a request for the counts, not a stop
    }
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    fs::create_directories(args.out);
    const fs::path ready_path = args.out / "ready";
    fs::remove(ready_path);  // a ready file from an earlier run must not announce this one
    const auto ca = CertificateAuthority::create(config.ca_name);
    write_file(args.out / "ca.pem", ca.certificate_pem());
    auto credentials = issue_all(ca, config, args.bind);

    std::vector<std::unique_ptr<LoopbackServer>> servers;
    std::vector<std::unique_ptr<ScriptedTlsServer>> scripted_servers;
    std::string ready;
    std::size_t closed = 0;
    for (std::size_t i = 0; i < config.endpoints.size(); ++i) {
        const auto& endpoint = config.endpoints[i];
        const char* kind = endpoint.closed     ? "closed"
                           : endpoint.scripted ? "scripted"
                                               : behaviour_name(endpoint.behaviour);
        ready += std::to_string(endpoint.port) + " " + endpoint.name + " " + kind + " " +
                 endpoint.defect + "\n";
        std::printf("%-22s %-7s %-36s %s\n",
                    place(args.bind, endpoint.port).c_str(),
                    kind,
                    endpoint.defect.c_str(),
                    endpoint.name.c_str());
        if (endpoint.closed) {
            ++closed;
            continue;
        }
        if (endpoint.scripted) {
            ScriptedSpec script = endpoint.script;
            script.port = endpoint.port;
            script.bind_address = args.bind;
            try {
                script.certificate_chain =
                    der_chain_from_pem(credentials[i].cert_pem + credentials[i].chain_pem);
                scripted_servers.push_back(std::make_unique<ScriptedTlsServer>(std::move(script)));
            } catch (const std::exception& e) {
                throw std::runtime_error(place(args.bind, endpoint.port) + " (" + endpoint.name +
                                         "): " + e.what());
            }
            continue;
        }
        ServerSpec spec;
        spec.behaviour = endpoint.behaviour;
        spec.port = endpoint.port;
        spec.bind_address = args.bind;
        spec.min_protocol = endpoint.min_protocol;
        spec.max_protocol = endpoint.max_protocol;
        spec.cipher_list = endpoint.cipher_list;
        spec.http_headers = endpoint.http_headers;
        spec.starttls = endpoint.starttls;
        spec.credentials = std::move(credentials[i]);
        try {
            servers.push_back(std::make_unique<LoopbackServer>(std::move(spec)));
        } catch (const std::exception& e) {
            throw std::runtime_error(place(args.bind, endpoint.port) + " (" + endpoint.name +
                                     "): " + e.what());
        }
    }
    write_file(ready_path, ready);
    std::printf(
        "attt-lab: %zu endpoints ready (%zu listening, %zu closed), CA in %s; "
        "stop with SIGTERM or Ctrl-C\n",
        config.endpoints.size(),
        servers.size() + scripted_servers.size(),
        closed,
        (args.out / "ca.pem").c_str());
    std::fflush(stdout);

    int signal_number = 0;
    // Each SIGUSR1 only rewrites the stats file; the loop ends on the first stop signal.
    for (;;) {
        sigwait(&stop_signals, &signal_number);
        if (signal_number != SIGUSR1) {
            break;
        }
        try {
            write_file(args.stats, connection_counts(servers, scripted_servers));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "attt-lab: %s\n", e.what());
        }
    }
    servers.clear();  // each server stops and joins its threads
    scripted_servers.clear();
    fs::remove(ready_path);
    std::printf("attt-lab: stopped on signal %d\n", signal_number);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Arguments args = parse_arguments(argc, argv);
        if (args.help) {
            std::printf("%s\n", kUsage);
            return 0;
        }
        return run(args);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "attt-lab: %s (%s)\n", e.what(), kUsage);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "attt-lab: %s\n", e.what());
    }
    return 1;
}
