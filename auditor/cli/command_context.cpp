#include "auditor/cli/command_context.h"

#include <cstdio>

#include <fmt/format.h>

#include "auditor/cli/exit_code.h"

namespace attt::cli {

namespace {

// A file with thousands of bad rows should not bury the terminal; the first ones say enough.
constexpr std::size_t kMaxDetailsShown = 50;

}  // namespace

int report_error(const Error& error) {
    fmt::print(stderr, "auditor: error: {}\n", error.message);
    std::size_t shown = 0;
    for (const auto& detail : error.details) {
        if (detail == error.message) {
            continue;
        }
        if (++shown > kMaxDetailsShown) {
            fmt::print(stderr, "  … and {} more\n", error.details.size() - kMaxDetailsShown);
            break;
        }
        fmt::print(stderr, "  {}\n", detail);
    }
    return kExitError;
}

int report_error(const std::string& message) {
    return report_error(Error{message, {}});
}

}  // namespace attt::cli
