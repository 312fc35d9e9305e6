// Horizontal bar charts as inline SVG: readable without JavaScript and in print, every bar
// labelled with its number.
#pragma once

#include <string>
#include <vector>

namespace attt::reports {

struct Bar {
    std::string label;   ///< escaped by the chart
    double value = 0;    ///< bar length relative to `max` in render_bar_chart
    std::string text;    ///< what is written after the bar ("41/44 (93,18 %)")
    std::string colour;  ///< CSS colour
};

/// One row per bar; `max` is the value of a full-width bar (0 = the largest value).
std::string render_bar_chart(const std::vector<Bar>& bars, double max, const std::string& title);

}  // namespace attt::reports
