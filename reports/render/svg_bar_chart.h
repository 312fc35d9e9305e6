// Horizontal bar charts as inline SVG: no JavaScript, sharp in print, every bar labelled with
// its number so the chart can be read without guessing lengths.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attt::reports {

struct Bar {
    std::string label;   ///< left of the bar
    double value = 0;    ///< bar length, relative to the chart's full scale
    std::string text;    ///< right of the bar: the figure itself ("17", "41/44 (93,18 %)")
    std::string colour;  ///< CSS colour of the bar
};

struct ChartLayout {
    int label_width = 120;
    int bar_width = 240;
    int text_width = 110;
    int row_height = 22;
};

/// One row per bar; `full_scale` is the value of a full-width bar (≤ 0: the largest value).
/// Labels, texts and the title are escaped.
std::string render_bar_chart(const std::vector<Bar>& bars,
                             double full_scale,
                             std::string_view title,
                             const ChartLayout& layout);

/// A small bar for a table cell: `ratio` (clamped to 0–1) of `width` pixels filled.
std::string render_meter(double ratio, std::string_view colour, int width);

}  // namespace attt::reports
