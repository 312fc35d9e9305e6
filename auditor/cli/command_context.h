// What every subcommand shares: the logger the global flags set up, and how to tell the user
// about an error (one line naming the input, then each problem on its own line).
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "auditor/core/error.h"

namespace attt::cli {

struct CommandContext {
    std::shared_ptr<spdlog::logger> log;
};

/// Prints "auditor: error: <message>" and the details to stderr; returns kExitError.
int report_error(const Error& error);

/// The same for a plain message.
int report_error(const std::string& message);

}  // namespace attt::cli
