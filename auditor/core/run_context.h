// Everything a collector needs from outside, passed in rather than read from globals: the
// logger, the clock, deadlines, the trust anchors and a cancellation flag. Keeping the engine
// free of global state lets tests fake the clock and lets a scan run as one shard of many.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include <spdlog/logger.h>

#include "auditor/core/clock.h"
#include "auditor/core/limits.h"

namespace attt {

struct NetworkDeadlines {
    std::chrono::milliseconds connect = limits::kDefaultConnectTimeout;
    std::chrono::milliseconds handshake = limits::kDefaultHandshakeTimeout;
};

struct RunContext {
    spdlog::logger& log;
    const Clock& clock;
    NetworkDeadlines deadlines{};
    /// Extra trust anchors (PEM) added to the system store, e.g. the province's own CA.
    std::string ca_file{};
    /// Set by the caller to abandon work in flight (SIGTERM in the service).
    const std::atomic<bool>* cancelled = nullptr;

    bool is_cancelled() const { return cancelled != nullptr && cancelled->load(); }
};

}  // namespace attt
