// Shared fixtures of the TLS tests: a run context with loopback deadlines, the lab CA, lab
// servers (in-process OpenSSL and `openssl s_server` processes) and a closed port. Every
// server listens on 127.0.0.1 only.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include "auditor/core/clock.h"
#include "auditor/core/run_context.h"
#include "auditor/inventory/endpoint.h"
#include "tests/lab/certificate_authority.h"
#include "tests/lab/loopback_server.h"

extern char** environ;

namespace attt::test {

using namespace std::chrono_literals;
namespace lab = attt::lab;
using attt::inventory::Endpoint;

/// A RunContext with a silent logger, the system clock and short loopback deadlines.
struct Context {
    spdlog::logger log{"test", std::make_shared<spdlog::sinks::null_sink_mt>()};
    attt::SystemClock clock;
    attt::RunContext run{log, clock, {}, {}, nullptr};

    Context() {
        run.deadlines.connect = 2'000ms;
        run.deadlines.handshake = 3'000ms;
    }
};

/// One CA for the whole suite: key generation is the slow part of every test.
inline const lab::CertificateAuthority& lab_ca() {
    static const auto ca = lab::CertificateAuthority::create("ATTT Test CA");
    return ca;
}

inline lab::CertificateSpec localhost_spec() {
    lab::CertificateSpec spec;
    spec.common_name = "localhost";
    spec.dns_names = {"localhost", "portal.lab.test"};
    spec.ip_addresses = {"127.0.0.1"};
    return spec;
}

/// A lab server presenting `credentials`, TLS 1.2 and 1.3 unless told otherwise.
struct LabServer {
    explicit LabServer(lab::Credentials credentials,
                       std::string min_protocol = "TLSv1.2",
                       std::string max_protocol = "TLSv1.3",
                       std::string cipher_list = {})
        : server(make_spec(std::move(credentials),
                           std::move(min_protocol),
                           std::move(max_protocol),
                           std::move(cipher_list))) {}

    static lab::ServerSpec make_spec(lab::Credentials credentials,
                                     std::string min_protocol,
                                     std::string max_protocol,
                                     std::string cipher_list) {
        lab::ServerSpec spec;
        spec.behaviour = lab::Behaviour::Tls;
        spec.credentials = std::move(credentials);
        spec.min_protocol = std::move(min_protocol);
        spec.max_protocol = std::move(max_protocol);
        if (!cipher_list.empty()) {
            spec.cipher_list = std::move(cipher_list);
        }
        return spec;
    }

    Endpoint endpoint(std::string sni = {}) const {
        Endpoint endpoint;
        endpoint.host = "127.0.0.1";
        endpoint.port = server.port();
        endpoint.service = "https";
        endpoint.sni = std::move(sni);
        return endpoint;
    }

    lab::LoopbackServer server;
};

inline Endpoint loopback(std::uint16_t port) {
    Endpoint endpoint;
    endpoint.host = "127.0.0.1";
    endpoint.port = port;
    endpoint.service = "https";
    return endpoint;
}

/// A port on 127.0.0.1 that nothing listens on: bound, then released.
inline std::uint16_t closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                       ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    ::close(fd);
    BOOST_TEST_REQUIRE(bound, "cannot find a free loopback port");
    return ntohs(address.sin_port);
}

/// An `openssl s_server` process on 127.0.0.1 with an ephemeral port; killed on destruction.
class SServer {
public:
    SServer(const std::string& cert_file,
            const std::string& key_file,
            const std::vector<std::string>& options) {
        std::array<int, 2> out{-1, -1};
        BOOST_TEST_REQUIRE(::pipe2(out.data(), O_CLOEXEC) == 0);
        stdout_ = out[0];
        std::vector<std::string> args{"openssl",
                                      "s_server",
                                      "-accept",
                                      "127.0.0.1:0",
                                      "-cert",
                                      cert_file,
                                      "-key",
                                      key_file,
                                      "-www"};
        args.insert(args.end(), options.begin(), options.end());
        std::vector<char*> argv;
        argv.reserve(args.size() + 1);
        for (auto& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        const int spawned =
            ::posix_spawnp(&pid_, "openssl", &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        BOOST_TEST_REQUIRE(spawned == 0, "cannot start openssl s_server");
        port_ = read_port();
        BOOST_TEST_REQUIRE(port_ != 0, "openssl s_server did not report its port");
    }

    ~SServer() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            bool reaped = false;
            for (int i = 0; i < 100 && !reaped; ++i) {  // up to 2 s
                reaped = ::waitpid(pid_, &status, WNOHANG) == pid_;
                if (!reaped) {
                    std::this_thread::sleep_for(20ms);
                }
            }
            if (!reaped) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
            }
        }
        if (stdout_ >= 0) {
            ::close(stdout_);
        }
    }

    SServer(const SServer&) = delete;
    SServer& operator=(const SServer&) = delete;
    SServer(SServer&&) = delete;
    SServer& operator=(SServer&&) = delete;

    std::uint16_t port() const { return port_; }

private:
    /// Reads stdout until "ACCEPT 127.0.0.1:PORT" (or 0.0.0.0), for at most 5 s.
    std::uint16_t read_port() const {
        const std::regex accept_line(R"(ACCEPT [^\s]*:(\d+))");
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        std::string seen;
        while (std::chrono::steady_clock::now() < deadline && seen.size() < 4096) {
            pollfd entry{stdout_, POLLIN, 0};
            if (::poll(&entry, 1, 100) <= 0) {
                continue;
            }
            std::array<char, 256> buffer{};
            const ssize_t got = ::read(stdout_, buffer.data(), buffer.size());
            if (got <= 0) {
                return 0;
            }
            seen.append(buffer.data(), static_cast<std::size_t>(got));
            std::smatch match;
            if (std::regex_search(seen, match, accept_line)) {
                return static_cast<std::uint16_t>(std::stoi(match[1].str()));
            }
        }
        return 0;
    }

    pid_t pid_ = -1;
    int stdout_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace attt::test
