#include "reports/render/palette.h"

#include <array>

#include <fmt/format.h>

namespace attt::reports {

namespace {

// Red for what an officer must act on, orange/amber for what blocks the audit, green for pass,
// grey for what says nothing about compliance.
constexpr std::array kSwatches{
    Swatch{"unknown", "#868e96", "#ffffff"},     Swatch{"critical", "#7d1212", "#ffffff"},
    Swatch{"high", "#d9480f", "#ffffff"},        Swatch{"medium", "#f0a800", "#1d2733"},
    Swatch{"low", "#3b6fb6", "#ffffff"},         Swatch{"info", "#7a8794", "#ffffff"},
    Swatch{"pass", "#2b8a3e", "#ffffff"},        Swatch{"fail", "#c92a2a", "#ffffff"},
    Swatch{"error", "#862e9c", "#ffffff"},       Swatch{"not-applicable", "#adb5bd", "#1d2733"},
    Swatch{"not-checked", "#ced4da", "#1d2733"}, Swatch{"approved", "#2b8a3e", "#ffffff"},
    Swatch{"pending", "#f0a800", "#1d2733"},     Swatch{"not-submitted", "#c92a2a", "#ffffff"},
    Swatch{"expired", "#c92a2a", "#ffffff"},     Swatch{"ok", "#2b8a3e", "#ffffff"},
    Swatch{"unreachable", "#e8590c", "#ffffff"}, Swatch{"timeout", "#e8590c", "#ffffff"},
    Swatch{"not-tls", "#e8590c", "#ffffff"},     Swatch{"protocol-error", "#e8590c", "#ffffff"},
    Swatch{"running", "#3b6fb6", "#ffffff"},     Swatch{"completed", "#2b8a3e", "#ffffff"},
    Swatch{"interrupted", "#f0a800", "#1d2733"}, Swatch{"failed", "#c92a2a", "#ffffff"},
};

}  // namespace

const Swatch& swatch(std::string_view name) {
    for (const auto& s : kSwatches) {
        if (s.name == name) {
            return s;
        }
    }
    return kSwatches.front();
}

std::string badge_css() {
    std::string css;
    for (const auto& s : kSwatches) {
        css += fmt::format(".b-{}{{background:{};color:{}}}\n", s.name, s.background, s.ink);
    }
    return css;
}

}  // namespace attt::reports
