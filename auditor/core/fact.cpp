#include "auditor/core/fact.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace attt {

namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
// C++20 deduces this by itself; clang 14 (the fuzz build) still needs the guide.
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace

std::string to_display(const FactValue& value) {
    return std::visit(Overloaded{[](bool b) { return std::string(b ? "true" : "false"); },
                                 [](std::int64_t i) { return std::to_string(i); },
                                 [](const std::string& s) { return s; },
                                 [](const FactList& l) {
                                     return fmt::format("[{}]", fmt::join(l, ", "));
                                 }},
                      value);
}

const char* type_name(const FactValue& value) {
    static constexpr const char* kNames[] = {"bool", "integer", "string", "list"};
    return kNames[value.index()];
}

}  // namespace attt
