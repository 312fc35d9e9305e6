#include "reports/render/svg_bar_chart.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reports/render/html_escape.h"

namespace attt::reports {

namespace {

constexpr std::string_view kTrackColour = "#e9edf2";
constexpr int kBarHeight = 14;

/// Pixels for `ratio` of `width`; a non-zero value always gets a visible sliver.
int filled_width(double ratio, int width) {
    if (!(ratio > 0)) {
        return 0;
    }
    return std::max(2, static_cast<int>(std::lround(std::min(ratio, 1.0) * width)));
}

}  // namespace

std::string render_bar_chart(const std::vector<Bar>& bars,
                             double full_scale,
                             std::string_view title,
                             const ChartLayout& layout) {
    if (full_scale <= 0) {
        for (const auto& b : bars) {
            full_scale = std::max(full_scale, b.value);
        }
    }
    const int width = layout.label_width + layout.bar_width + layout.text_width;
    const int height = static_cast<int>(bars.size()) * layout.row_height + 4;
    std::string svg = fmt::format(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{0}\" width=\"{1}\" height=\"{2}\" "
        "viewBox=\"0 0 {1} {2}\"><title>{0}</title>\n",
        escape_html(title),
        width,
        height);
    int y = 2;
    const int text_y = (layout.row_height + kBarHeight) / 2 - 1;
    for (const auto& b : bars) {
        const double ratio = full_scale > 0 ? b.value / full_scale : 0.0;
        svg += fmt::format(
            "<g transform=\"translate(0,{})\"><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>"
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>"
            "<text x=\"{}\" y=\"{}\" font-weight=\"600\">{}</text></g>\n",
            y,
            layout.label_width - 8,
            text_y,
            escape_html(b.label),
            layout.label_width,
            (layout.row_height - kBarHeight) / 2,
            layout.bar_width,
            kBarHeight,
            kTrackColour,
            layout.label_width,
            (layout.row_height - kBarHeight) / 2,
            filled_width(ratio, layout.bar_width),
            kBarHeight,
            escape_html(b.colour),
            layout.label_width + layout.bar_width + 8,
            text_y,
            escape_html(b.text));
        y += layout.row_height;
    }
    return svg + "</svg>";
}

std::string render_meter(double ratio, std::string_view colour, int width) {
    return fmt::format(
        "<svg class=\"meter\" width=\"{0}\" height=\"10\" viewBox=\"0 0 {0} 10\" "
        "aria-hidden=\"true\"><rect width=\"{0}\" height=\"10\" fill=\"{1}\"/>"
        "<rect width=\"{2}\" height=\"10\" fill=\"{3}\"/></svg>",
        width,
        kTrackColour,
        filled_width(ratio, width),
        escape_html(colour));
}

}  // namespace attt::reports
