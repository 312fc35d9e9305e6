// Options shared by the commands that scan: trust anchors and deadlines.
#pragma once

#include <string>

#include <CLI/App.hpp>

#include "auditor/core/run_context.h"

namespace attt::cli {

struct NetworkOptions {
    std::string ca_file;
    long connect_timeout_ms = limits::kDefaultConnectTimeout.count();
    long handshake_timeout_ms = limits::kDefaultHandshakeTimeout.count();

    void add_to(CLI::App& cmd) {
        cmd.add_option("--ca-file",
                       ca_file,
                       "Extra trusted CA certificates (PEM), added to the system store")
            ->check(CLI::ExistingFile);
        cmd.add_option("--connect-timeout", connect_timeout_ms, "TCP connect deadline in ms")
            ->check(CLI::Range(100L, 120'000L))
            ->capture_default_str();
        cmd.add_option("--handshake-timeout", handshake_timeout_ms, "TLS handshake deadline in ms")
            ->check(CLI::Range(100L, 120'000L))
            ->capture_default_str();
    }

    NetworkDeadlines deadlines() const {
        return {std::chrono::milliseconds(connect_timeout_ms),
                std::chrono::milliseconds(handshake_timeout_ms)};
    }
};

}  // namespace attt::cli
