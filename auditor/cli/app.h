// The auditor's command line: global flags (--version, --log-level), the subcommands, and
// the mapping of every outcome to an exit code.
#pragma once

namespace attt::cli {

/// Parses argv, runs the chosen subcommand and returns the process exit code (0 / 2 / 1).
int run(int argc, char** argv);

}  // namespace attt::cli
