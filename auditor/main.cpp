// The auditor binary: everything happens in the library; main only maps escapes to exit 1.
#include <cstdio>
#include <exception>

#include "auditor/cli/app.h"
#include "auditor/cli/exit_code.h"

int main(int argc, char** argv) {
    try {
        return attt::cli::run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "auditor: internal error: %s\n", e.what());
        return attt::cli::kExitError;
    }
}
