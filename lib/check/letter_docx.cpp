// SPDX-License-Identifier: Apache-2.0
// A letter as a minimal Office Open XML word-processing document (ECMA-376 / ISO/IEC 29500):
// content types, package relationships, the document, its styles and its relationships.
#include "check/letter.hpp"

#include "report/markup.hpp"

#include <fmt/format.h>

namespace sqma::check {
namespace {

constexpr const char* k_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string x(std::string_view text)
{
  return report::escape_markup(text);
}

// One paragraph of plain runs. `props` are the paragraph's properties (w:pPr content),
// `run_props` the runs' (w:rPr content).
std::string paragraph(std::string_view text, std::string_view props = {},
                      std::string_view run_props = {})
{
  std::string out = "<w:p>";
  if (!props.empty()) {
    out += fmt::format("<w:pPr>{}</w:pPr>", props);
  }
  if (!text.empty()) {
    out += "<w:r>";
    if (!run_props.empty()) {
      out += fmt::format("<w:rPr>{}</w:rPr>", run_props);
    }
    out += fmt::format("<w:t xml:space=\"preserve\">{}</w:t></w:r>", x(text));
  }
  return out + "</w:p>";
}

std::string content_types()
{
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
)";
}

std::string package_rels()
{
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
)";
}

std::string document_rels()
{
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
)";
}

// Song (宋体) for the text, 14 pt, Chinese as the East Asian language; a title style.
std::string styles()
{
  return fmt::format(
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="400" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="360"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>
)",
      k_w);
}

// A dashed box, right-aligned, in which the office puts its seal.
std::string seal_box()
{
  const std::string border = R"(w:val="dashed" w:sz="6" w:space="0" w:color="999999")";
  return fmt::format(
      "<w:tbl><w:tblPr><w:tblW w:w=\"3400\" w:type=\"dxa\"/><w:jc w:val=\"right\"/>"
      "<w:tblBorders><w:top {0}/><w:left {0}/><w:bottom {0}/><w:right {0}/></w:tblBorders>"
      "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"3400\"/></w:tblGrid>"
      "<w:tr><w:trPr><w:trHeight w:val=\"1500\" w:hRule=\"exact\"/></w:trPr><w:tc><w:tcPr>"
      "<w:tcW w:w=\"3400\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>{1}</w:tc></w:tr>"
      "</w:tbl>",
      border, paragraph("盖章处", "<w:jc w:val=\"center\"/>", "<w:color w:val=\"999999\"/>"));
}

std::string document(const Letter& l)
{
  const std::string indent = "<w:ind w:firstLineChars=\"200\" w:firstLine=\"560\"/>";
  std::string body;
  body += paragraph(l.head.office, "<w:jc w:val=\"center\"/><w:spacing w:after=\"120\"/>",
                    "<w:b/><w:color w:val=\"C00000\"/><w:sz w:val=\"48\"/><w:szCs w:val=\"48\"/>");
  // The document number, over a red rule.
  body += paragraph(l.number, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"6\" "
                              "w:color=\"C00000\"/></w:pBdr><w:jc w:val=\"center\"/>");
  body += paragraph(l.title, "<w:pStyle w:val=\"Title\"/>");
  body += paragraph(l.addressee + "：");
  body += paragraph(l.opening, indent);
  for (std::size_t i = 0; i < l.reasons.size(); ++i) {
    const auto& r = l.reasons[i];
    const std::string label =
        r.title.empty() ? r.clause : fmt::format("{}（{}）", r.clause, r.title);
    body += fmt::format("<w:p><w:pPr>{}</w:pPr><w:r><w:t xml:space=\"preserve\">{}. </w:t></w:r>"
                        "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>"
                        "<w:r><w:t xml:space=\"preserve\">：{}</w:t></w:r></w:p>",
                        indent, i + 1, x(label), x(r.text));
  }
  body += paragraph(l.closing, indent);
  body += paragraph(l.contact, indent);
  body += paragraph("", "<w:spacing w:before=\"480\"/>");
  body += seal_box();
  body += paragraph(l.head.office, "<w:jc w:val=\"right\"/><w:spacing w:before=\"240\"/>");
  body += paragraph(l.date.chinese(), "<w:jc w:val=\"right\"/>");
  // A4, margins of an official letter (GB/T 9704: 37 mm top, 28 mm left, 26 mm right).
  body += "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" "
          "w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" "
          "w:gutter=\"0\"/></w:sectPr>";
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                     "<w:document xmlns:w=\"{}\"><w:body>{}</w:body></w:document>\n",
                     k_w, body);
}

} // namespace

std::vector<std::pair<std::string, std::string>> letter_docx(const Letter& letter)
{
  return {{"[Content_Types].xml", content_types()},
          {"_rels/.rels", package_rels()},
          {"word/document.xml", document(letter)},
          {"word/styles.xml", styles()},
          {"word/_rels/document.xml.rels", document_rels()}};
}

} // namespace sqma::check
