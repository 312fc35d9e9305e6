#include "auditor/cli/app.h"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "auditor/cli/commands.h"
#include "auditor/cli/exit_code.h"

namespace attt::cli {

namespace {

std::shared_ptr<spdlog::logger> make_logger(const std::string& level) {
    auto logger = std::make_shared<spdlog::logger>(
        "auditor", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    logger->set_level(spdlog::level::from_str(level));
    return logger;
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{
        "ATTT Auditor: checks information systems against the security level they were "
        "approved for (Decree 85/2016, Decree 331/2026, TCVN 11930, TCVN 14423)",
        "auditor"};
    app.set_version_flag("--version", std::string("auditor ") + ATTT_VERSION);
    app.require_subcommand(1);
    std::string log_level = "warn";
    app.add_option("--log-level", log_level, "Diagnostics on stderr")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();

    CommandContext context{make_logger("warn")};
    app.parse_complete_callback(
        [&] { context.log->set_level(spdlog::level::from_str(log_level)); });
    int exit_code = kExitOk;
    add_inventory_command(app, context, exit_code);
    add_policy_command(app, context, exit_code);
    add_audit_command(app, context, exit_code);
    add_tls_command(app, context, exit_code);
    add_report_command(app, context, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" with exit code 0 in CLI11.
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitError;
    }
    return exit_code;
}

}  // namespace attt::cli
