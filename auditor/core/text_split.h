// Trimming and splitting the small lists that input files hold in one field: endpoints in a
// CSV cell ("a;b"), values of a policy test ("MD5, SHA1"), policy ids of a run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attt {

/// Without leading and trailing spaces, tabs, CR and LF.
std::string trim(std::string_view text);

/// Splits on `separator`, trims every item and drops the empty ones: "a; ;b;" → {"a", "b"}.
std::vector<std::string> split_trimmed(std::string_view text, char separator);

}  // namespace attt
