// SPDX-License-Identifier: Apache-2.0
#include "core/error.hpp"
#include "report/chart.hpp"
#include "report/markup.hpp"
#include "report/report.hpp"
#include "report/unicode.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <zip.h>

#include <memory>
#include <optional>
#include <sstream>

using namespace sqma;
using report::Align;
using report::Cell;
using report::Format;
using report::Table;
using test::slurp;
using test::TempDir;

namespace {

Table chinese_table()
{
  Table table;
  table.title = "初审批次报告";
  table.columns = {{"id", "申报编号 ID"},
                   {"name", "企业名称"},
                   {"score", "得分", Align::right},
                   {"note", "备注"}};
  table.rows = {
      {std::string("SQMA-2026-001"), std::string("上海某精密机械有限公司"), 87.456,
       std::string("ok")},
      {std::string("SQMA-2026-012"), std::string("Acme Ltd"), 9.0, std::monostate{}},
      {std::string("SQMA-2026-103"), std::string("浦东质量"), 100LL, std::string("需复核")}};
  return table;
}

std::string text_of(const Table& table)
{
  std::ostringstream out;
  report::write_text(out, table);
  return out.str();
}

std::string csv_of(const Table& table)
{
  std::ostringstream out;
  report::write_csv(out, table);
  return out.str();
}

std::string json_of(const Table& table)
{
  std::ostringstream out;
  report::write_json(out, table);
  return out.str();
}

// The entries of a zip file, read with libzip.
class Zip {
public:
  explicit Zip(const std::filesystem::path& file)
  {
    int error = 0;
    m_zip = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  }
  ~Zip()
  {
    if (m_zip != nullptr) {
      zip_discard(m_zip);
    }
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  [[nodiscard]] bool ok() const { return m_zip != nullptr; }

  std::optional<std::string> read(const char* name) const
  {
    zip_stat_t stat;
    if (zip_stat(m_zip, name, 0, &stat) != 0) {
      return std::nullopt;
    }
    zip_file_t* entry = zip_fopen(m_zip, name, 0);
    if (entry == nullptr) {
      return std::nullopt;
    }
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t got = zip_fread(entry, bytes.data(), stat.size);
    zip_fclose(entry);
    if (got != static_cast<zip_int64_t>(stat.size)) {
      return std::nullopt;
    }
    return bytes;
  }

private:
  zip_t* m_zip = nullptr;
};

std::size_t file_count(const std::filesystem::path& dir)
{
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++count;
  }
  return count;
}

} // namespace

TEST_CASE("report: formats from names and extensions", "[report]")
{
  CHECK(report::parse_format("text") == Format::text);
  CHECK(report::parse_format("csv") == Format::csv);
  CHECK(report::parse_format("xlsx") == Format::xlsx);
  CHECK(report::parse_format("json") == Format::json);
  CHECK_FALSE(report::parse_format("JSON"));
  CHECK_FALSE(report::parse_format("xls"));
  CHECK(report::format_for("out/report.txt") == Format::text);
  CHECK(report::format_for("批次.CSV") == Format::csv);
  CHECK(report::format_for("/tmp/a.b.xlsx") == Format::xlsx);
  CHECK(report::format_for("report.json") == Format::json);
  CHECK_FALSE(report::format_for("report.jsonl"));
  CHECK_FALSE(report::format_for("report"));
  CHECK(report::format_name(Format::xlsx) == "xlsx");
}

TEST_CASE("report: a column is dropped with its cells, rows still whole", "[report]")
{
  report::Table table{
      "t",
      {{"a", "A", report::Align::left},
       {"b", "B", report::Align::left},
       {"c", "C", report::Align::right}},
      {{std::string("1"), std::string("x"), 3LL}, {std::string("2"), std::string("y"), 4LL}},
      0};
  report::drop_column(table, "b");
  REQUIRE(table.columns.size() == 2);
  CHECK(table.columns[0].key == "a");
  CHECK(table.columns[1].key == "c");
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[1] == std::vector<report::Cell>{std::string("2"), 4LL});
  report::check(table);
  report::drop_column(table, "absent");
  CHECK(table.columns.size() == 2);
}

TEST_CASE("report: display width counts CJK double", "[report]")
{
  using report::unicode::display_width;
  CHECK(display_width("ID") == 2);
  CHECK(display_width("申报编号 ID") == 11);
  CHECK(display_width("ＡＢ") == 4);             // fullwidth forms
  CHECK(display_width("한국") == 4);             // Hangul syllables
  CHECK(display_width("\xF0\xA0\x80\x80") == 2); // U+20000, CJK extension B
  CHECK(display_width("e\xCC\x81") == 1);        // e + combining acute
  CHECK(report::unicode::valid_utf8("a\xFF"
                                    "b\xE4\xB8") == "a\xEF\xBF\xBD"
                                                    "b\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(report::unicode::terminal_safe("a\tb\x1B[31m") == "a b\xEF\xBF\xBD[31m");
}

TEST_CASE("report: cells as text", "[report]")
{
  CHECK(report::cell_text(std::monostate{}, 2).empty());
  CHECK(report::cell_text(std::string("=1"), 2) == "=1");
  CHECK(report::cell_text(-42LL, 2) == "-42");
  CHECK(report::cell_text(2.0 / 3.0, 2) == "0.67");
  CHECK(report::cell_text(2.5, 0) == "2");
  CHECK(report::cell_text(-0.001, 2) == "0.00");
  CHECK(report::cell_text(-1.005, 1) == "-1.0");
}

TEST_CASE("report: a malformed table is refused before anything is written", "[report]")
{
  Table table = chinese_table();
  table.rows[1].pop_back();
  std::ostringstream out;
  CHECK_THROWS_AS(report::write_text(out, table), std::invalid_argument);
  CHECK_THROWS_AS(report::write_csv(out, table), std::invalid_argument);
  CHECK_THROWS_AS(report::write_json(out, table), std::invalid_argument);
  CHECK(out.str().empty());

  Table twice = chinese_table();
  twice.columns[1].key = "id";
  CHECK_THROWS_AS(report::check(twice), std::invalid_argument);
  Table decimals = chinese_table();
  decimals.decimals = -1;
  CHECK_THROWS_AS(report::check(decimals), std::invalid_argument);
}

TEST_CASE("report: text aligns Chinese by display width", "[report]")
{
  CHECK(text_of(chinese_table()) == "初审批次报告\n"
                                    "\n"
                                    "申报编号 ID    企业名称                 得分  备注\n"
                                    "-------------  ----------------------  -----  ------\n"
                                    "SQMA-2026-001  上海某精密机械有限公司  87.46  ok\n"
                                    "SQMA-2026-012  Acme Ltd                 9.00\n"
                                    "SQMA-2026-103  浦东质量                  100  需复核\n");
}

TEST_CASE("report: text neutralises control characters and keeps lines", "[report]")
{
  Table table;
  table.columns = {{"a", "A"}, {"b", "B", Align::right}};
  table.rows = {{std::string("x\ny"), std::string("\x1B[2J")},
                {std::monostate{}, std::monostate{}}};
  CHECK(text_of(table) == "A       B\n"
                          "---  ----\n"
                          "x y  \xEF\xBF\xBD[2J\n"
                          "\n");
}

TEST_CASE("report: CSV has a BOM, CRLF, quoting and defused formulas", "[report]")
{
  Table table;
  table.title = "ignored in CSV";
  table.columns = {{"id", "申报编号 ID"},
                   {"name", "名称, 全称"},
                   {"score", "得分", Align::right},
                   {"note", "备注"}};
  table.rows = {
      {std::string("=HYPERLINK(\"http://x\")"), std::string("A \"quoted\" name"), -3LL,
       std::string("-5")},
      {std::string("@SUM(A1)"), std::string("line1\nline2"), 1.5, std::string("+1")},
      {std::string("plain"), std::monostate{}, -0.001, std::string("\tx")},
      {std::string("\rX"), std::string(""), 2LL, std::string("x,y")},
  };
  CHECK(csv_of(table) == "\xEF\xBB\xBF"
                         "申报编号 ID,\"名称, 全称\",得分,备注\r\n"
                         "\"'=HYPERLINK(\"\"http://x\"\")\",\"A \"\"quoted\"\" name\",-3,'-5\r\n"
                         "'@SUM(A1),\"line1\nline2\",1.50,'+1\r\n"
                         "plain,,0.00,'\tx\r\n"
                         "\"'\rX\",,2,\"x,y\"\r\n");
}

TEST_CASE("report: JSON is one sorted document with typed values", "[report]")
{
  Table table;
  table.title = "批次";
  table.columns = {{"id", "编号"}, {"score", "得分"}, {"note", "备注"}};
  table.rows = {{std::string("SQMA-001"), 87.5, std::monostate{}},
                {std::string("SQMA-002"), 90LL, std::string("好")}};
  CHECK(json_of(table) == R"({
  "columns": [
    "id",
    "score",
    "note"
  ],
  "rows": [
    {
      "id": "SQMA-001",
      "note": null,
      "score": 87.5
    },
    {
      "id": "SQMA-002",
      "note": "好",
      "score": 90
    }
  ],
  "schema": "report.v1",
  "title": "批次"
}
)");
  Table empty;
  CHECK(json_of(empty) == "{\n  \"columns\": [],\n  \"rows\": [],\n  \"schema\": \"report.v1\",\n  "
                          "\"title\": \"\"\n}\n");
}

TEST_CASE("report: xlsx is a zip with the sheet, shared strings and a fixed date", "[report]")
{
  const TempDir dir;
  Table table = chinese_table();
  table.rows.push_back({std::string("=1+1"), std::string("@x"), -1LL, std::monostate{}});
  table.rows.push_back(
      {std::string("bell\x07"), std::string("_x0041_"), std::monostate{}, std::monostate{}});
  const auto file = dir.path() / "报告.xlsx";
  report::write_xlsx(file, table);

  const Zip zip(file);
  REQUIRE(zip.ok());
  const auto sheet = zip.read("xl/worksheets/sheet1.xml");
  const auto strings = zip.read("xl/sharedStrings.xml");
  const auto workbook = zip.read("xl/workbook.xml");
  const auto core = zip.read("docProps/core.xml");
  REQUIRE(sheet);
  REQUIRE(strings);
  REQUIRE(workbook);
  REQUIRE(core);
  CHECK_THAT(*strings, Catch::Contains("申报编号 ID"));
  CHECK_THAT(*strings, Catch::Contains("上海某精密机械有限公司"));
  CHECK_THAT(*strings, Catch::Contains("<t>=1+1</t>"));
  CHECK_THAT(*strings, Catch::Contains("<t>bell_x0007_</t>"));
  CHECK_THAT(*strings, Catch::Contains("<t>_x005F_x0041_</t>"));
  CHECK_THAT(*sheet, !Catch::Contains("<f>"));
  CHECK_THAT(*sheet, Catch::Contains("<v>87.456</v>"));
  CHECK_THAT(*sheet, Catch::Contains("<pane ySplit=\"1\""));
  CHECK_THAT(*workbook, Catch::Contains("name=\"初审批次报告\""));
  CHECK_THAT(*core, Catch::Contains("1980-01-01T00:00:00Z"));
}

TEST_CASE("report: the same table gives the same xlsx bytes", "[report]")
{
  const TempDir dir;
  const Table table = chinese_table();
  report::write_xlsx(dir.path() / "a.xlsx", table);
  report::write_xlsx(dir.path() / "b.xlsx", table);
  const std::string first = slurp(dir.path() / "a.xlsx");
  CHECK(first.size() > 1000);
  CHECK(first == slurp(dir.path() / "b.xlsx"));

  report::write_xlsx(dir.path() / "c.xlsx", table, 1767225600); // 2026-01-01T00:00:00Z
  const Zip zip(dir.path() / "c.xlsx");
  REQUIRE(zip.ok());
  CHECK_THAT(zip.read("docProps/core.xml").value_or(""), Catch::Contains("2026-01-01T00:00:00Z"));
  CHECK(file_count(dir.path()) == 3);
}

TEST_CASE("report: xlsx sheet names follow Excel's rules", "[report]")
{
  const TempDir dir;
  Table table = chinese_table();
  table.title = "'2026/27 批次: [初审] 报告*?\\ 很长很长很长很长很长很长很长很长'";
  report::write_xlsx(dir.path() / "a.xlsx", table);
  const Zip zip(dir.path() / "a.xlsx");
  REQUIRE(zip.ok());
  // 31 characters, forbidden ones replaced, the apostrophes dropped.
  CHECK_THAT(zip.read("xl/workbook.xml").value_or(""),
             Catch::Contains("name=\"2026_27 批次_ _初审_ 报告___ 很长很长很长很长\""));

  table.title = "批次\x01";
  report::write_xlsx(dir.path() / "c.xlsx", table);
  const Zip control(dir.path() / "c.xlsx");
  CHECK_THAT(control.read("docProps/core.xml").value_or(""),
             Catch::Contains("<dc:title>批次\xEF\xBF\xBD</dc:title>"));

  table.title.clear();
  report::write_xlsx(dir.path() / "b.xlsx", table);
  const Zip unnamed(dir.path() / "b.xlsx");
  CHECK_THAT(unnamed.read("xl/workbook.xml").value_or(""), Catch::Contains("name=\"Sheet1\""));
}

TEST_CASE("report: a failed xlsx write leaves no file and no temporary file", "[report]")
{
  const TempDir dir;
  const Table table = chinese_table();
  CHECK_THROWS_AS(report::write_xlsx(dir.path() / "missing" / "a.xlsx", table), IoError);
  CHECK(file_count(dir.path()) == 0);

  // The workbook is written, then the rename over a folder fails.
  std::filesystem::create_directory(dir.path() / "taken.xlsx");
  CHECK_THROWS_AS(report::write_xlsx(dir.path() / "taken.xlsx", table), IoError);
  CHECK(file_count(dir.path()) == 1);
  CHECK(std::filesystem::is_empty(dir.path() / "taken.xlsx"));

  Table huge = chinese_table();
  huge.rows[0][3] = std::string(40000, 'x');
  CHECK_THROWS_AS(report::write_xlsx(dir.path() / "huge.xlsx", huge), UsageError);
  CHECK(file_count(dir.path()) == 1);
}

TEST_CASE("report: write() sends text formats to a stream or a file", "[report]")
{
  const TempDir dir;
  const Table table = chinese_table();
  std::ostringstream out;
  report::write(table, Format::csv, "-", out);
  CHECK(out.str() == csv_of(table));

  std::ostringstream unused;
  report::write(table, Format::text, (dir.path() / "r.txt").string(), unused);
  report::write(table, Format::json, (dir.path() / "r.json").string(), unused);
  report::write(table, Format::xlsx, (dir.path() / "r.xlsx").string(), unused);
  CHECK(unused.str().empty());
  CHECK(slurp(dir.path() / "r.txt") == text_of(table));
  CHECK(slurp(dir.path() / "r.json") == json_of(table));
  CHECK(Zip(dir.path() / "r.xlsx").ok());
  CHECK(file_count(dir.path()) == 3);

  CHECK_THROWS_AS(report::write(table, Format::xlsx, "-", out), UsageError);
  CHECK_THROWS_AS(report::write(table, Format::csv, "", out), UsageError);
  CHECK_THROWS_AS(report::write(table, Format::json, (dir.path() / "no" / "r.json").string(), out),
                  IoError);

  std::ostringstream broken;
  broken.setstate(std::ios::badbit);
  CHECK_THROWS_AS(report::write(table, Format::text, "-", broken), IoError);
}

TEST_CASE("report: several tables make one workbook with distinct sheet names", "[report]")
{
  const TempDir dir;
  Table first = chinese_table();
  Table second = chinese_table();
  second.title = "初审批次报告"; // the same name: Excel would refuse the workbook
  second.decimals = 0;
  Table third;
  third.title = "评分表 Sheets";
  third.columns = {{"reviewer", "评审员"}, {"missing", "缺", Align::right}};
  third.rows = {{std::string("R-001"), 2LL}};
  report::write_xlsx(dir.path() / "book.xlsx", {first, second, third});
  const Zip zip(dir.path() / "book.xlsx");
  REQUIRE(zip.ok());
  const auto workbook = zip.read("xl/workbook.xml").value_or("");
  CHECK_THAT(workbook, Catch::Contains("name=\"初审批次报告\""));
  CHECK_THAT(workbook, Catch::Contains("name=\"初审批次报告 (2)\""));
  CHECK_THAT(workbook, Catch::Contains("name=\"评分表 Sheets\""));
  CHECK(zip.read("xl/worksheets/sheet3.xml"));
  CHECK_THAT(zip.read("docProps/core.xml").value_or(""),
             Catch::Contains("<dc:title>初审批次报告</dc:title>"));

  // One table through the list gives the very bytes of the one-table writer.
  report::write_xlsx(dir.path() / "one.xlsx", first);
  report::write_xlsx(dir.path() / "list.xlsx", std::vector<Table>{first});
  CHECK(slurp(dir.path() / "one.xlsx") == slurp(dir.path() / "list.xlsx"));
  CHECK_THROWS_AS(report::write_xlsx(dir.path() / "none.xlsx", std::vector<Table>{}),
                  std::invalid_argument);
}

TEST_CASE("report: several tables in one CSV, each under its title", "[report]")
{
  Table a;
  a.title = "甲";
  a.columns = {{"k", "键"}};
  a.rows = {{std::string("=x")}};
  Table b;
  b.title = "乙, with a comma";
  b.columns = {{"n", "n", Align::right}};
  b.rows = {{3LL}};
  std::ostringstream out;
  report::write_csv(out, std::vector<Table>{a, b});
  CHECK(out.str() == "\xEF\xBB\xBF甲\r\n键\r\n'=x\r\n\r\n\"乙, with a comma\"\r\nn\r\n3\r\n");
}

TEST_CASE("report: an HTML table escapes its cells and marks number columns", "[report]")
{
  Table table;
  table.columns = {{"name", "名称 <Name>"}, {"score", "得分", Align::right}};
  table.rows = {{std::string("A & B\n第二行"), 87.456}, {std::monostate{}, 3LL}};
  const auto html = report::html_table(table);
  CHECK_THAT(html, Catch::Contains("<th>名称 &lt;Name&gt;</th>"));
  CHECK_THAT(html, Catch::Contains("<td class=\"text\">A &amp; B<br>第二行</td>"
                                   "<td class=\"num\">87.46</td>"));
  CHECK_THAT(html, Catch::Contains("<td class=\"text\"></td><td class=\"num\">3</td>"));
  table.rows.push_back({std::string("short row")});
  CHECK_THROWS_AS(report::html_table(table), std::invalid_argument);
}

TEST_CASE("report: a bar chart draws each bar against its own maximum", "[report]")
{
  report::BarChart chart;
  chart.label = "类目得分 <scores>";
  chart.bars = {{"4.1 领导", 55, 110, ""},
                {"over", 30, 20, "30 of 20"},
                {"很长很长很长很长很长很长很长很长很长很长的名称", 5, 10, ""},
                {"no max", 5, 0, ""}};
  chart.reference = 60;
  const auto svg = report::svg_bar_chart(chart);
  CHECK_THAT(svg,
             Catch::StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 "));
  CHECK_THAT(svg, Catch::Contains("width=\"100%\""));
  CHECK_THAT(svg, Catch::Contains("aria-label=\"类目得分 &lt;scores&gt;\""));
  // Half of the 300-unit track, the whole of it (clamped), and nothing without a maximum.
  CHECK_THAT(svg, Catch::Contains("width=\"150.0\" height=\"14\" class=\"bar\"><title>4.1 领导 "
                                  "55.0 / 110</title>"));
  CHECK_THAT(svg, Catch::Contains("width=\"300.0\" height=\"14\" class=\"bar\"><title>over 30 of "
                                  "20</title>"));
  CHECK_THAT(svg, Catch::Contains("width=\"0.0\" height=\"14\" class=\"bar\""));
  CHECK_THAT(svg, Catch::Contains("class=\"label\">很长很长很长很长很长很长很长…<"));
  CHECK_THAT(svg, Catch::Contains("class=\"reference\""));
  CHECK_THAT(svg, Catch::EndsWith("</svg>\n"));
}

TEST_CASE("report: coded values by their Chinese labels where people read them", "[report]")
{
  CHECK(report::display_label("pass") == "通过");
  CHECK(report::display_label("supplement") == "补充");
  CHECK(report::display_label("return") == "退回");
  CHECK(report::display_label("written") == "书面评审");
  CHECK(report::display_label("not a code") == "not a code");
  report::Table table{"t", {{"outcome", "结论 Outcome", report::Align::left, true}}, {}, 0};
  table.rows.push_back({std::string("supplement")});
  std::ostringstream text;
  report::write_text(text, table);
  CHECK(text.str().find("补充") != std::string::npos);
  std::ostringstream csv;
  report::write_csv(csv, table);
  CHECK(csv.str().find("supplement") != std::string::npos);
  CHECK(csv.str().find("补充") == std::string::npos);
  CHECK(report::html_table(table).find("补充") != std::string::npos);
}
