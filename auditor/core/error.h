// Errors that reach the user at the boundary: one line each, naming the input and the place.
// Expected failures travel as values (Result<T>); exceptions are for bugs and third-party edges.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace attt {

/// A user-facing error. `message` is the one-line summary ("inventory.csv: 3 problems");
/// `details` lists every problem found, each already prefixed with its place ("file:line: ...").
struct Error {
    std::string message;
    std::vector<std::string> details;
};

template <class T>
using Result = tl::expected<T, Error>;

/// Shorthand for returning a failed Result.
inline tl::unexpected<Error> fail(std::string message, std::vector<std::string> details = {}) {
    return tl::unexpected(Error{std::move(message), std::move(details)});
}

/// "<source>: 3 problems; nothing was imported", with every problem as a detail: the shape of
/// every all-or-nothing import error.
inline tl::unexpected<Error> fail_import(const std::string& source,
                                         std::vector<std::string> problems,
                                         const std::string& noun = "problem") {
    const std::size_t n = problems.size();
    std::string message = source + ": " + std::to_string(n) + " " + noun + (n == 1 ? "" : "s") +
                          "; nothing was imported";
    return tl::unexpected(Error{std::move(message), std::move(problems)});
}

}  // namespace attt
