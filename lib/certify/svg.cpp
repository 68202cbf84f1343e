// SPDX-License-Identifier: Apache-2.0
// The printable certificate: A4 landscape SVG with a QR code drawn by libqrencode.
#include "certify/certificate.hpp"

#include "report/markup.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace sqma::certify {
namespace {

constexpr const char* k_fonts =
    "'Noto Serif CJK SC', 'Source Han Serif SC', SimSun, 'Songti SC', serif";

// Code points in UTF-8 text, for sizing a line.
std::size_t glyphs(std::string_view text)
{
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// A centred line of text whose font shrinks so that it fits `width` millimetres.
std::string line(double y, double size, double width, std::string_view text,
                 std::string_view extra = {})
{
  const double fit = width / static_cast<double>(std::max<std::size_t>(glyphs(text), 1));
  return fmt::format("  <text x=\"148.5\" y=\"{:.1f}\" font-size=\"{:.2f}\" "
                     "text-anchor=\"middle\"{}>{}</text>\n",
                     y, std::min(size, fit), extra, report::escape_markup(text));
}

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

// The QR code as one path in module units, placed in a `size` mm square at (x, y) with a
// quiet zone of four modules.
std::string qr_group(std::string_view payload, double x, double y, double size)
{
  std::unique_ptr<QRcode, QrFree> code(
      QRcode_encodeData(static_cast<int>(payload.size()),
                        reinterpret_cast<const unsigned char*>(payload.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    throw Error(ExitCode::internal, "libqrencode could not encode the certificate");
  }
  const int width = code->width;
  std::string path;
  for (int row = 0; row < width; ++row) {
    int col = 0;
    while (col < width) {
      if ((code->data[row * width + col] & 1) == 0) {
        ++col;
        continue;
      }
      int run = col;
      while (run < width && (code->data[row * width + run] & 1) != 0) {
        ++run;
      }
      path += fmt::format("M{} {}h{}v1h-{}z", col + 4, row + 4, run - col, run - col);
      col = run;
    }
  }
  const double scale = size / (width + 8);
  return fmt::format("  <g transform=\"translate({:.2f} {:.2f}) scale({:.5f})\">\n"
                     "    <rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n"
                     "    <path fill=\"#000\" d=\"{}\"/>\n  </g>\n",
                     x, y, scale, width + 8, width + 8, path);
}

} // namespace

std::string render_svg(const SignedCertificate& cert)
{
  const auto& d = cert.data;
  const auto compact = record_compact(cert);
  std::string out;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"297mm\" height=\"210mm\" "
                     "viewBox=\"0 0 297 210\" font-family=\"{}\">\n",
                     k_fonts);
  out += fmt::format("  <title>{} {}</title>\n", report::escape_markup(d.number),
                     report::escape_markup(d.holder));
  out += fmt::format("  <metadata id=\"sqma-certificate\">{}</metadata>\n",
                     report::escape_markup(compact));
  out += "  <style>@page { size: A4 landscape; margin: 0 }</style>\n";
  out += "  <rect width=\"297\" height=\"210\" fill=\"#fffdf5\"/>\n";
  out += "  <rect x=\"8\" y=\"8\" width=\"281\" height=\"194\" fill=\"none\" stroke=\"#b8860b\" "
         "stroke-width=\"1.2\"/>\n";
  out += "  <rect x=\"12\" y=\"12\" width=\"273\" height=\"186\" fill=\"none\" stroke=\"#b8860b\" "
         "stroke-width=\"0.4\"/>\n";
  out +=
      line(46, 16, 200, "荣誉证书", " fill=\"#8b0000\" letter-spacing=\"4\" font-weight=\"bold\"");
  out += line(76, 11, 250, d.holder, " font-weight=\"bold\"");
  if (d.holder != d.organisation) {
    out += line(89, 6, 250, "（" + d.organisation + "）");
  }
  out += line(106, 7, 250, "经上海市质量管理奖审定委员会审定，荣获");
  out += line(124, 9, 250, fmt::format("{}年度{}", d.year, d.award),
              " fill=\"#8b0000\" font-weight=\"bold\"");
  out += line(138, 5, 250, "特发此证，以资鼓励。");
  out += qr_group(compact, 24, 144, 44);
  out += fmt::format("  <text x=\"74\" y=\"178\" font-size=\"4.5\">证书编号：{}</text>\n",
                     report::escape_markup(d.number));
  out +=
      fmt::format("  <text x=\"74\" y=\"185\" font-size=\"4.5\">授奖年度：{}年</text>\n", d.year);
  out +=
      fmt::format("  <text x=\"230\" y=\"172\" font-size=\"6\" text-anchor=\"middle\">{}</text>\n",
                  report::escape_markup(d.issuer));
  out += fmt::format(
      "  <text x=\"230\" y=\"181\" font-size=\"5.5\" text-anchor=\"middle\">{}</text>\n",
      report::escape_markup(d.issued_on.chinese()));
  out += "</svg>\n";
  return out;
}

} // namespace sqma::certify
