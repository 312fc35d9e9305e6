// Runs the auditor binary as a user would and captures what they would see.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace attt::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string shell_quote(const std::string& arg) {
    std::string quoted = "'";
    for (char c : arg) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Runs `auditor ARGS...` with a 120 s ceiling (coreutils timeout), capturing stdout and stderr.
/// With `kill_after`, the process gets SIGKILL after that many seconds, as a crash would.
inline CommandResult run_auditor(const std::vector<std::string>& args,
                                 const std::string& kill_after = "") {
    TempDir io;
    std::string command =
        (kill_after.empty() ? std::string("timeout 120 ") : "timeout -s KILL " + kill_after + " ") +
        shell_quote(ATTT_AUDITOR_BIN);
    for (const auto& a : args) {
        command += " " + shell_quote(a);
    }
    command +=
        " >" + shell_quote(io.file("out")) + " 2>" + shell_quote(io.file("err")) + " </dev/null";
    const int status = std::system(command.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = slurp(io.file("out"));
    result.err = slurp(io.file("err"));
    return result;
}

/// The shipped policy directory, passed explicitly so tests never depend on the environment.
inline const std::string kPolicyDir = std::string(ATTT_SOURCE_DIR) + "/policies";

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

inline std::size_t count_lines(const std::string& text) {
    std::size_t n = 0;
    for (char c : text) {
        n += c == '\n' ? 1 : 0;
    }
    return n;
}

}  // namespace attt::test
