// Where something was read or seen: a file and line, or an endpoint. Every error and every
// piece of evidence names one, so a user can go and look.
#pragma once

#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace attt {

/// "path:line" for messages about files; line 0 means the file as a whole.
inline std::string file_place(const std::string& path, std::size_t line) {
    return line == 0 ? path : fmt::format("{}:{}", path, line);
}

/// "host:port", with IPv6 literals bracketed as in a URL.
inline std::string endpoint_place(const std::string& host, std::uint16_t port) {
    return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port)
                                               : fmt::format("{}:{}", host, port);
}

}  // namespace attt
