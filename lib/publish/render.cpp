// SPDX-License-Identifier: Apache-2.0
// The formats of a notice: HTML, plain text, Markdown, JSON and a table for CSV and xlsx.
#include "publish/notice.hpp"

#include "report/markup.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

namespace sqma::publish {
namespace {

constexpr const char* k_fonts =
    "\"Noto Serif CJK SC\", \"Source Han Serif SC\", SimSun, \"Songti SC\", serif";

// Markdown treats these as markup at any place in a line.
std::string md_escape(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

bool has_certificates(const Notice& n)
{
  return n.kind != Kind::candidates;
}

// One list line in words: "上海某某有限公司" or "陈志鹏（上海某某股份有限公司）", with the
// certificate and revocation for those notices.
std::string entry_words(const Notice& n, const Entry& e)
{
  std::string out = e.name;
  if (!e.organisation.empty()) {
    out += "（" + e.organisation + "）";
  }
  if (!e.certificate.empty()) {
    out += "，证书编号 " + e.certificate;
  }
  if (n.kind == Kind::revocation) {
    out += fmt::format("，{}年度获奖，{}撤销，原因：{}", e.year, e.revoked_on, e.reason);
  }
  return out;
}

// The headings of the name and unit columns of a group's table.
std::pair<const char*, const char*> column_titles(const Group& g)
{
  if (g.award_class == "project") {
    return {"项目名称", "牵头单位"};
  }
  if (g.award_class == "individual") {
    return {"姓名", "工作单位"};
  }
  return {"单位名称", "单位"};
}

// The signature: the publisher, the issuing office when it is another name, the date.
std::vector<std::string> signature(const Notice& n)
{
  std::vector<std::string> lines{n.publisher};
  if (!n.issuer.empty() && n.issuer != n.publisher) {
    lines.push_back(n.issuer);
  }
  lines.push_back(n.date.chinese());
  return lines;
}

std::string joined(const std::vector<std::string>& lines, std::string_view separator)
{
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += (i == 0 ? "" : std::string(separator)) + lines[i];
  }
  return out;
}

} // namespace

std::string to_html(const Notice& n)
{
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n", report::escape_markup(n.title));
  out += "<style>\n";
  out += "*, *::before, *::after { box-sizing: border-box; }\n";
  out += fmt::format("html {{ font-family: {}; line-height: 1.75; color: #222; "
                     "background: #fff; -webkit-text-size-adjust: 100%; }}\n",
                     k_fonts);
  out += "body { margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 52rem; "
         "overflow-wrap: anywhere; }\n";
  out += "h1 { font-size: 1.6rem; text-align: center; color: #8b0000; margin: 1rem 0 1.5rem; "
         "line-height: 1.4; }\n";
  out += "h2 { font-size: 1.2rem; border-left: 0.3rem solid #8b0000; padding-left: 0.6rem; "
         "margin-top: 2rem; }\n";
  out += "p { text-indent: 2em; margin: 0.6rem 0; }\n";
  out += "p.note { text-indent: 0; color: #555; }\n";
  out += "table { width: 100%; border-collapse: collapse; table-layout: fixed; }\n";
  out += "th, td { border: 1px solid #bbb; padding: 0.35rem 0.5rem; text-align: left; "
         "vertical-align: top; }\n";
  out += "th { background: #f4efe6; }\n";
  out += "th.no, td.no { width: 3.5rem; text-align: center; }\n";
  out += ".sign { text-align: right; margin-top: 2.5rem; text-indent: 0; }\n";
  out += "@media (max-width: 36rem) { html { font-size: 15px; } th.no, td.no { width: 3rem; } "
         "th, td { padding: 0.3rem; } }\n";
  out += "@media print {\n  @page { size: A4; margin: 18mm 16mm; }\n  html { font-size: 11pt; "
         "}\n  body { max-width: none; padding: 0; }\n  h2 { break-after: avoid; }\n  tr { "
         "break-inside: avoid; }\n  th { background: none; }\n}\n";
  out += "</style>\n</head>\n<body>\n";
  out += fmt::format("<h1>{}</h1>\n", report::escape_markup(n.title));
  out += fmt::format("<p>{}</p>\n", report::escape_markup(n.lead));
  out += fmt::format("<p class=\"note\">（{}）</p>\n", report::escape_markup(n.order_note));
  for (const auto& g : n.groups) {
    out += fmt::format("<h2>{}（{}名）</h2>\n", report::escape_markup(g.heading), g.entries.size());
    const bool units = std::any_of(g.entries.begin(), g.entries.end(),
                                   [](const Entry& e) { return !e.organisation.empty(); });
    const auto [name_title, unit_title] = column_titles(g);
    out += fmt::format("<table>\n<thead><tr><th class=\"no\">序号</th><th>{}</th>", name_title);
    if (units) {
      out += fmt::format("<th>{}</th>", unit_title);
    }
    if (has_certificates(n)) {
      out += "<th>证书编号</th>";
    }
    if (n.kind == Kind::revocation) {
      out += "<th>获奖年度</th><th>撤销日期</th><th>撤销原因</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& e : g.entries) {
      out += fmt::format("<tr><td class=\"no\">{}</td><td>{}</td>", e.no,
                         report::escape_markup(e.name));
      if (units) {
        out += fmt::format("<td>{}</td>", report::escape_markup(e.organisation));
      }
      if (has_certificates(n)) {
        out += fmt::format("<td>{}</td>", report::escape_markup(e.certificate));
      }
      if (n.kind == Kind::revocation) {
        out += fmt::format("<td>{}年</td><td>{}</td><td>{}</td>", e.year,
                           report::escape_markup(e.revoked_on), report::escape_markup(e.reason));
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  out += fmt::format("<p>{}</p>\n", report::escape_markup(n.objection));
  std::vector<std::string> sign = signature(n);
  for (auto& line : sign) {
    line = report::escape_markup(line);
  }
  out += fmt::format("<p class=\"sign\">{}</p>\n", joined(sign, "<br>"));
  out += "</body>\n</html>\n";
  return out;
}

std::string to_text(const Notice& n)
{
  std::string out = n.title + "\n\n" + n.lead + "\n\n（" + n.order_note + "）\n";
  for (const auto& g : n.groups) {
    out += fmt::format("\n{}（{}名）\n", g.heading, g.entries.size());
    for (const auto& e : g.entries) {
      out += fmt::format("{}. {}\n", e.no, entry_words(n, e));
    }
  }
  out += "\n" + n.objection + "\n\n" + joined(signature(n), "\n") + "\n";
  return out;
}

std::string to_markdown(const Notice& n)
{
  std::string out = "# " + md_escape(n.title) + "\n\n" + md_escape(n.lead) + "\n\n（" +
                    md_escape(n.order_note) + "）\n";
  for (const auto& g : n.groups) {
    out += fmt::format("\n## {}（{}名）\n\n", md_escape(g.heading), g.entries.size());
    for (const auto& e : g.entries) {
      out += fmt::format("{}. {}\n", e.no, md_escape(entry_words(n, e)));
    }
  }
  std::vector<std::string> sign = signature(n);
  for (auto& line : sign) {
    line = md_escape(line);
  }
  out += "\n" + md_escape(n.objection) + "\n\n" + joined(sign, "  \n") + "\n";
  return out;
}

std::string to_json(const Notice& n)
{
  auto groups = nlohmann::json::array();
  for (const auto& g : n.groups) {
    auto entries = nlohmann::json::array();
    for (const auto& e : g.entries) {
      nlohmann::json entry{{"no", e.no}, {"name", e.name}};
      if (!e.organisation.empty()) {
        entry["organisation"] = e.organisation;
      }
      if (!e.certificate.empty()) {
        entry["certificate"] = e.certificate;
      }
      if (n.kind == Kind::revocation) {
        entry["year"] = e.year;
        entry["revoked_on"] = e.revoked_on;
        entry["reason"] = e.reason;
      }
      entries.push_back(std::move(entry));
    }
    nlohmann::json group{{"heading", g.heading},
                         {"class", g.award_class},
                         {"order", g.order_note},
                         {"entries", std::move(entries)}};
    if (!g.level.empty()) {
      group["level"] = g.level;
    }
    groups.push_back(std::move(group));
  }
  nlohmann::json contact{{"office", n.contact.office}};
  for (const auto& [key, value] :
       {std::pair<const char*, const std::string&>{"phone", n.contact.phone},
        {"email", n.contact.email},
        {"address", n.contact.address},
        {"person", n.contact.person}}) {
    if (!value.empty()) {
      contact[key] = value;
    }
  }
  const nlohmann::json doc{{"schema", "notice.v1"},
                           {"kind", kind_name(n.kind)},
                           {"order", order_name(n.order)},
                           {"order_note", n.order_note},
                           {"title", n.title},
                           {"lead", n.lead},
                           {"period",
                            {{"first", n.period.first.iso()},
                             {"last", n.period.last.iso()},
                             {"working_days", n.working_days}}},
                           {"groups", std::move(groups)},
                           {"objection", n.objection},
                           {"contact", std::move(contact)},
                           {"publisher", n.publisher},
                           {"issuer", n.issuer},
                           {"date", n.date.iso()}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

report::Table to_table(const Notice& n)
{
  using report::Align;
  report::Table table{n.title,
                      {{"group", "类别 Award", Align::left},
                       {"no", "序号 No.", Align::right},
                       {"name", "名称 Name", Align::left},
                       {"organisation", "单位 Organisation", Align::left}},
                      {},
                      0};
  if (has_certificates(n)) {
    table.columns.push_back({"certificate", "证书编号 Certificate", Align::left});
  }
  if (n.kind == Kind::revocation) {
    table.columns.push_back({"year", "获奖年度 Award year", Align::right});
    table.columns.push_back({"revoked_on", "撤销日期 Revoked on", Align::left});
    table.columns.push_back({"reason", "撤销原因 Reason", Align::left});
  }
  for (const auto& g : n.groups) {
    for (const auto& e : g.entries) {
      std::vector<report::Cell> row{g.heading, static_cast<long long>(e.no), e.name,
                                    e.organisation};
      if (has_certificates(n)) {
        row.emplace_back(e.certificate);
      }
      if (n.kind == Kind::revocation) {
        row.emplace_back(static_cast<long long>(e.year));
        row.emplace_back(e.revoked_on);
        row.emplace_back(e.reason);
      }
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

} // namespace sqma::publish
