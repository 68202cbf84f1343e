// SPDX-License-Identifier: Apache-2.0
#include "report/chart.hpp"

#include "report/markup.hpp"
#include "report/unicode.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sqma::report {
namespace {

constexpr double k_width = 640; // of the whole picture, in user units
constexpr double k_left = 210;  // where the tracks start
constexpr double k_right = 130; // room for the notes
constexpr double k_row = 26;    // height of one row
constexpr double k_bar = 14;    // height of a bar
constexpr double k_top = 8;     // margin above the first row
constexpr double k_bottom = 22; // room for the scale
// Terminal columns of label that fit left of the tracks at the 13px font of the stylesheets
// (a CJK character is about 13 units wide, counted as 2 columns).
constexpr std::size_t k_label_columns = 30;

// The label cut to the room left of the tracks, with an ellipsis when cut.
std::string fitted(const std::string& label)
{
  const std::string text = unicode::valid_utf8(label);
  if (unicode::display_width(text) <= k_label_columns) {
    return text;
  }
  std::string out;
  std::size_t columns = 0;
  unicode::for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    const auto width = unicode::code_point_width(cp);
    if (columns + width + 1 > k_label_columns) {
      columns = k_label_columns + 1;
      return;
    }
    columns += width;
    out += bytes;
  });
  return out + "…";
}

} // namespace

std::string svg_bar_chart(const BarChart& chart)
{
  const double plot = k_width - k_left - k_right;
  const double height = k_top + k_row * static_cast<double>(chart.bars.size()) + k_bottom;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} {:.0f}\" width=\"100%\" "
      "role=\"img\" aria-label=\"{}\" class=\"chart\">\n",
      k_width, height, escape_markup(chart.label));
  double y = k_top;
  for (const auto& bar : chart.bars) {
    const double share = bar.max > 0 ? std::clamp(bar.value / bar.max, 0.0, 1.0) : 0.0;
    const double mid = y + k_row / 2;
    svg += fmt::format("<text x=\"0\" y=\"{:.1f}\" class=\"label\">{}</text>\n", mid + 4,
                       escape_markup(fitted(bar.label)));
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" "
                       "class=\"track\"/>\n",
                       k_left, mid - k_bar / 2, plot, k_bar);
    const std::string note =
        bar.note.empty() ? fmt::format("{:.1f} / {:g}", bar.value, bar.max) : bar.note;
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" "
                       "class=\"bar\"><title>{} {}</title></rect>\n",
                       k_left, mid - k_bar / 2, plot * share, k_bar, escape_markup(bar.label),
                       escape_markup(note));
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"value\">{}</text>\n",
                       k_left + plot + 6, mid + 4, escape_markup(note));
    y += k_row;
  }
  for (int tick = 0; tick <= 100; tick += 25) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tick\">{}%</text>\n",
                       k_left + plot * tick / 100.0, y + 14, tick);
  }
  if (chart.reference >= 0) {
    const double x = k_left + plot * std::clamp(chart.reference, 0.0, 100.0) / 100.0;
    svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
                       "class=\"reference\"/>\n",
                       x, k_top, y);
  }
  return svg + "</svg>\n";
}

} // namespace sqma::report
