// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

// Charts as inline SVG for the HTML reports: no script, no external resource.
namespace sqma::report {

// One bar: `value` out of `max` (both in the bar's own unit, such as points), labelled
// `label` at the left and `note` at the right (empty: "value / max").
struct Bar {
  std::string label;
  double value = 0;
  double max = 0;
  std::string note;
};

// A horizontal bar chart in which every bar is drawn against its own maximum: a grey track
// the full width of the plot stands for `max`, the filled part for `value`, so that bars of
// different maxima compare as shares. `reference` (percent, 0 to 100; negative for none)
// draws a dashed line across every track, such as a threshold.
struct BarChart {
  std::string label; // aria-label of the picture
  std::vector<Bar> bars;
  double reference = -1;
};

// The chart as an <svg> element with a viewBox and width="100%", so that it shrinks with
// the page (a phone, a printed A4 page); text is escaped and inherits the page's fonts.
// Values outside 0..max are drawn clamped; a bar with max <= 0 is drawn empty.
[[nodiscard]] std::string svg_bar_chart(const BarChart& chart);

} // namespace sqma::report
