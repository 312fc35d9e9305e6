// Each subcommand adds itself to the CLI11 app; the handlers live in one file per command.
#pragma once

#include <CLI/App.hpp>

#include "auditor/cli/command_context.h"

namespace attt::cli {

/// Each registrar adds a subcommand whose callback stores its exit code in `exit_code`.
void add_inventory_command(CLI::App& app, CommandContext& context, int& exit_code);
void add_policy_command(CLI::App& app, CommandContext& context, int& exit_code);
void add_audit_command(CLI::App& app, CommandContext& context, int& exit_code);
void add_tls_command(CLI::App& app, CommandContext& context, int& exit_code);
void add_report_command(CLI::App& app, CommandContext& context, int& exit_code);

}  // namespace attt::cli
