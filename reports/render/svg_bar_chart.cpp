#include "reports/render/svg_bar_chart.h"

#include <algorithm>

#include <fmt/format.h>

#include "reports/render/html_escape.h"

namespace attt::reports {

namespace {

constexpr int kLabelWidth = 190;
constexpr int kBarWidth = 330;
constexpr int kTextWidth = 140;
constexpr int kRowHeight = 24;

}  // namespace

std::string render_bar_chart(const std::vector<Bar>& bars, double max, const std::string& title) {
    if (max <= 0) {
        for (const auto& b : bars) {
            max = std::max(max, b.value);
        }
    }
    const int height = static_cast<int>(bars.size()) * kRowHeight + 6;
    std::string svg = fmt::format(
        "<svg role=\"img\" aria-label=\"{0}\" width=\"{1}\" height=\"{2}\" viewBox=\"0 0 {1} {2}\" "
        "xmlns=\"http://www.w3.org/2000/svg\"><title>{0}</title>",
        escape_html(title), kLabelWidth + kBarWidth + kTextWidth, height);
    int y = 3;
    for (const auto& b : bars) {
        const double ratio = max > 0 ? std::clamp(b.value / max, 0.0, 1.0) : 0.0;
        const int width = std::max(b.value > 0 ? 2 : 0, static_cast<int>(ratio * kBarWidth));
        svg += fmt::format(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"#e9edf2\"/>"
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\"/>"
            "<text x=\"{}\" y=\"{}\">{}</text>",
            kLabelWidth - 8, y + 13, escape_html(b.label), kLabelWidth, y, kBarWidth, kLabelWidth, y, width,
            escape_html(b.colour), kLabelWidth + kBarWidth + 8, y + 13, escape_html(b.text));
        y += kRowHeight;
    }
    return svg + "</svg>";
}

}  // namespace attt::reports
