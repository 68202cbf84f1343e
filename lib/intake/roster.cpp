// SPDX-License-Identifier: Apache-2.0
#include "intake/roster.hpp"

#include "bundle/names.hpp"
#include "core/version.hpp"
#include "intake/form_writer.hpp"
#include "intake/import.hpp"
#include "intake/text.hpp"
#include "io/files.hpp"
#include "io/sha256.hpp"
#include "io/text.hpp"
#include "model/dossier_io.hpp"
#include "model/ids.hpp"
#include "schema/suggest.hpp"
#include "schema/toml_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

namespace sqma::intake {
namespace {

using nlohmann::json;

// The canonical field of a header, by its Chinese or English names.
const std::map<std::string, std::string>& header_names()
{
  static const std::map<std::string, std::string> k_names = [] {
    const std::vector<std::pair<std::string, std::vector<std::string>>> table{
        {"id", {"id", "申报编号", "编号"}},
        {"class", {"class", "award", "申报类别", "类别", "奖项类别", "申报奖项"}},
        {"name", {"name", "申报名称", "申报主体", "名称", "项目名称"}},
        {"organisation",
         {"organisation", "organization", "unit", "单位名称", "申报单位", "所在单位", "牵头单位",
          "企业名称"}},
        {"credit_code",
         {"credit_code", "creditcode", "统一社会信用代码", "信用代码", "社会信用代码"}},
        {"address", {"address", "单位地址", "地址", "通讯地址"}},
        {"person", {"person", "姓名", "申报人", "申报人姓名"}},
        {"id_number", {"id_number", "idnumber", "身份证号", "身份证号码", "居民身份证号码"}},
        {"gender", {"gender", "性别"}},
        {"position", {"position", "职务", "职位", "现任职务"}},
        {"contact", {"contact", "联系人"}},
        {"phone", {"phone", "联系电话", "电话", "手机"}},
        {"email", {"email", "e-mail", "电子邮箱", "邮箱"}},
        {"industries", {"industries", "industry", "行业代码", "所属行业", "行业"}},
    };
    std::map<std::string, std::string> names;
    for (const auto& [field, aliases] : table) {
      for (const auto& alias : aliases) {
        names.emplace(alias, field);
      }
    }
    return names;
  }();
  return k_names;
}

std::vector<std::string> field_names()
{
  std::vector<std::string> names;
  for (const auto& [alias, field] : header_names()) {
    if (std::find(names.begin(), names.end(), field) == names.end()) {
      names.push_back(field);
    }
  }
  return names;
}

// A header without spaces (ASCII or full-width) and with ASCII letters in lower case.
std::string normalise(std::string_view header)
{
  std::string out;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const char c = header[i];
    if (c == ' ' || c == '\t' || c == '_' || c == '*') {
      continue;
    }
    if (header.compare(i, 3, "\xE3\x80\x80") == 0) { // U+3000 ideographic space
      i += 2;
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string trim(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::optional<Group> group_named(const std::string& value)
{
  static const std::vector<std::pair<std::string, Group>> k_names{
      {"organisation", {model::AwardClass::organisation, std::nullopt}},
      {"organization", {model::AwardClass::organisation, std::nullopt}},
      {"project", {model::AwardClass::project, std::nullopt}},
      {"leader", {model::AwardClass::individual, model::IndividualKind::leader}},
      {"manager", {model::AwardClass::individual, model::IndividualKind::manager}},
      {"craftsman", {model::AwardClass::individual, model::IndividualKind::craftsman}},
      {"领导", {model::AwardClass::individual, model::IndividualKind::leader}},
      {"经理", {model::AwardClass::individual, model::IndividualKind::manager}},
      {"工匠", {model::AwardClass::individual, model::IndividualKind::craftsman}},
      {"项目", {model::AwardClass::project, std::nullopt}},
      {"组织", {model::AwardClass::organisation, std::nullopt}},
  };
  const auto v = normalise(value);
  for (const auto& [name, group] : k_names) {
    if (v == name ||
        (static_cast<unsigned char>(name[0]) >= 0x80 && v.find(name) != std::string::npos)) {
      return group;
    }
  }
  return std::nullopt;
}

std::vector<std::string> split_list(const std::string& text)
{
  static constexpr std::string_view k_separators[] = {"、", "，", "；", ",", ";", " "};
  std::string unified;
  for (std::size_t i = 0; i < text.size();) {
    const auto* sep =
        std::find_if(std::begin(k_separators), std::end(k_separators),
                     [&](std::string_view s) { return text.compare(i, s.size(), s) == 0; });
    if (sep != std::end(k_separators)) {
      unified += '\n';
      i += sep->size();
    } else {
      unified += text[i++];
    }
  }
  unified += '\n';
  std::vector<std::string> out;
  std::string item;
  for (const char c : unified) {
    if (c != '\n') {
      item += c;
      continue;
    }
    if (auto trimmed = trim(item); !trimmed.empty()) {
      out.push_back(std::move(trimmed));
    }
    item.clear();
  }
  return out;
}

Result<std::map<std::string, std::string>> load_columns(const std::string& file)
{
  std::map<std::string, std::string> mapping;
  if (file.empty()) {
    return mapping;
  }
  auto text = read_bounded(file, std::uintmax_t{1} << 20U);
  if (!text) {
    return text.failure();
  }
  auto doc = schema::parse_toml(text.value(), file);
  if (!doc) {
    return doc.failure();
  }
  const auto fields = field_names();
  const bool nested = doc->json.contains("columns");
  const auto& table = nested ? doc->json["columns"] : doc->json;
  for (const auto& [header, field] : table.items()) {
    const auto line = schema::line_for(doc->lines, (nested ? "/columns/" : "/") + header);
    if (!nested && field.is_object()) {
      return Failure{ExitCode::data,
                     fmt::format("[{}] is not a table of the columns file: its one table is "
                                 "[columns], or the headers are given without one",
                                 io::escape_controls(header)),
                     Location{file, line, {}}};
    }
    if (!field.is_string() ||
        std::find(fields.begin(), fields.end(), field.get<std::string>()) == fields.end()) {
      std::string message = fmt::format("column \"{}\": {} is not a roster field",
                                        io::escape_controls(header), field.dump());
      if (field.is_string()) {
        if (const auto near = schema::did_you_mean(field.get<std::string>(), fields);
            !near.empty()) {
          message += fmt::format(" (did you mean \"{}\"?)", near);
        }
      }
      return Failure{ExitCode::data, message, Location{file, line, {}}};
    }
    mapping[normalise(header)] = field.get<std::string>();
  }
  return mapping;
}

// One row's values by field, and the header of each field's column.
struct Row {
  std::size_t number = 0;
  std::map<std::string, std::string> values;
  const std::map<std::string, std::string>* headers = nullptr;

  [[nodiscard]] std::string get(const std::string& field) const
  {
    const auto it = values.find(field);
    return it == values.end() ? std::string{} : it->second;
  }
  [[nodiscard]] std::string column(const std::string& field) const
  {
    const auto it = headers->find(field);
    return io::escape_controls(it == headers->end() ? field : it->second);
  }
};

json row_document(const Row& row, const Group& group)
{
  json doc{{"class", model::to_string(group.award_class)}};
  if (group.kind) {
    doc["kind"] = model::to_string(*group.kind);
  }
  if (const auto id = row.get("id"); !id.empty()) {
    doc["id"] = id;
  }
  const auto name = row.get("name");
  const auto organisation = row.get("organisation");
  const auto person = row.get("person");
  json applicant = json::object();
  json unit{{"name", organisation.empty() ? name : organisation},
            {"credit_code", row.get("credit_code")}};
  if (const auto address = row.get("address"); !address.empty()) {
    unit["address"] = address;
  }
  if (group.award_class == model::AwardClass::individual) {
    json p{{"name", person.empty() ? name : person}, {"id_number", row.get("id_number")}};
    if (const auto gender = row.get("gender"); gender == "男" || gender == "male") {
      p["gender"] = "male";
    } else if (gender == "女" || gender == "female") {
      p["gender"] = "female";
    }
    if (const auto position = row.get("position"); !position.empty()) {
      p["position"] = position;
    }
    applicant["name"] = p["name"];
    applicant["person"] = p;
  } else {
    applicant["name"] = name.empty() ? organisation : name;
  }
  applicant["organisation"] = unit;
  if (const auto industries = split_list(row.get("industries")); !industries.empty()) {
    applicant["industries"] = industries;
  }
  if (const auto contact = row.get("contact"); !contact.empty()) {
    json c{{"name", contact}};
    if (const auto phone = row.get("phone"); !phone.empty()) {
      c["phone"] = phone;
    }
    if (const auto email = row.get("email"); !email.empty()) {
      c["email"] = email;
    }
    applicant["contact"] = c;
  }
  doc["applicant"] = applicant;
  return doc;
}

// The skeleton dossier of a row's document: marked intake.state "skeleton", at stage
// submitted, with no materials yet and one history record naming the roster.
Result<model::Dossier> skeleton_of(const json& row_doc, int year, const std::string& roster,
                                   const std::string& sha256, std::size_t row, model::Date date)
{
  json doc = row_doc;
  doc["schema"] = model::k_dossier_schema;
  doc["cycle"] = year;
  doc["materials"] = json::array();
  doc["stage"] = "submitted";
  doc["intake"] = {{"state", "skeleton"}, {"roster", roster}, {"row", row}};
  doc["history"] = json::array();
  auto dossier = model::dossier_from_json(doc, Location{roster, row, {}});
  if (!dossier) {
    return dossier.failure();
  }
  if (auto names = model::names_disagree(dossier.value(), Location{roster, row, {}})) {
    return std::move(*names);
  }
  model::StageRecord rec;
  rec.stage = model::Stage::submitted;
  rec.date = date;
  rec.command = "sqma import";
  rec.version = k_version;
  rec.inputs.push_back({"roster:" + roster, sha256});
  rec.outcome = "skeleton from the roster";
  rec.details = json{{"row", row}};
  dossier->history.push_back(std::move(rec));
  return dossier;
}

// "XLSX" or "XLS" when the bytes are a workbook (a zip, or an OLE compound file), whatever
// the file is called; nullptr for anything else.
const char* workbook_kind(std::string_view bytes)
{
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    return "XLSX";
  }
  if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    return "XLS";
  }
  return nullptr;
}

// The problems of one row, each naming its column.
std::vector<std::string> row_problems(const Row& row, const std::optional<Group>& group)
{
  std::vector<std::string> out;
  const auto problem = [&](const std::string& field, const std::string& what) {
    out.push_back(fmt::format("row {}, column {}: {}", row.number, row.column(field), what));
  };
  if (!group) {
    const auto value = row.get("class");
    problem("class", value.empty() ? "no award class or kind given"
                                   : fmt::format("\"{}\" is not an award class or kind (组织奖, "
                                                 "项目奖, 卓越质量领导, 杰出质量经理, 质量工匠)",
                                                 io::quote_prefix(value)));
    return out;
  }
  // The clauses that need a valid code and number, named with each problem.
  const char* code_clause = group->award_class == model::AwardClass::organisation ? "A1-3(1)"
                            : group->award_class == model::AwardClass::project    ? "A2-2(1)"
                                                                                  : "A3-8";
  // Excel shows an 18-digit value typed into a General column as 3.10104E+17, and a CSV
  // saved from it keeps only that: the digits after the fifteenth are gone.
  const auto scientific = [&](const std::string& field, const char* what) {
    problem(field, fmt::format("the {} is in Excel's scientific notation (such as 3.1E+17), "
                               "its last digits already lost: format the column as Text (文本) "
                               "in Excel or WPS before typing or pasting, then enter the numbers "
                               "again ({})",
                               what, field == "id_number" ? "A3-8" : code_clause));
  };
  const auto code = row.get("credit_code");
  if (code.empty()) {
    problem("credit_code", fmt::format("no unified social credit code ({})", code_clause));
  } else if (model::excel_scientific(code)) {
    scientific("credit_code", "unified social credit code");
  } else if (const auto wrong = model::credit_code_problem(code)) {
    problem("credit_code", fmt::format("unified social credit code {} {} ({})",
                                       io::quote_prefix(code), *wrong, code_clause));
  }
  const bool individual = group->award_class == model::AwardClass::individual;
  if (individual) {
    const auto number = row.get("id_number");
    if (number.empty()) {
      problem("id_number", "no resident identity number (A3-8)");
    } else if (model::excel_scientific(number)) {
      scientific("id_number", "resident identity number");
    } else if (!model::valid_id_number(number)) {
      // The number is personal data and is not repeated.
      problem("id_number", "the resident identity number fails its GB 11643-1999 check "
                           "character or holds no real birth date (A3-8)");
    }
    if (row.get("person").empty() && row.get("name").empty()) {
      problem("person", "no name of the applicant");
    }
  } else if (row.get("name").empty() && row.get("organisation").empty()) {
    problem("name", "no name of the applicant");
  } else if (group->award_class == model::AwardClass::project &&
             (row.get("name").empty() || row.get("organisation").empty())) {
    problem(row.get("name").empty() ? "name" : "organisation",
            "a project needs its name and its lead unit");
  }
  return out;
}

} // namespace

Result<RosterResult> import_roster(const std::string& file, const std::string& columns_file,
                                   int year, const std::string& id_prefix,
                                   const check::Rulebook& rules, IdRegister& reg, model::Date date)
{
  constexpr std::uintmax_t k_max_roster = std::uintmax_t{64} << 20U;
  auto bytes = read_bounded(file, k_max_roster);
  if (!bytes) {
    return bytes.failure();
  }
  if (const auto* workbook = workbook_kind(bytes.value())) {
    return Failure{
        ExitCode::data,
        fmt::format("this is an {} workbook, not a CSV file: sqma reads rosters as "
                    "CSV only (Debian 12 packages no maintained XLSX reader). In "
                    "Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\" or "
                    "\"CSV (Comma delimited)\" (GB18030 on Chinese Windows); in WPS: "
                    "文件 > 另存为 > CSV. UTF-8, with or without a BOM, and GB18030 import alike",
                    workbook),
        Location{file, 0, {}}};
  }
  const auto roster_sha256 = io::sha256_hex(bytes.value());
  const auto roster_name = std::filesystem::path(file).filename().string();
  auto decoded = decode_text(bytes.value(), file);
  if (!decoded) {
    return decoded.failure();
  }
  auto records = parse_csv(decoded->text, file);
  if (!records) {
    return records.failure();
  }
  auto mapping = load_columns(columns_file);
  if (!mapping) {
    return mapping.failure();
  }
  RosterResult result;
  result.encoding = decoded->encoding;
  if (records->empty()) {
    return Failure{ExitCode::data, "the roster is empty", Location{file, 0, {}}};
  }
  // Column index -> field, and field -> header as the roster writes it.
  const auto& header = records->front();
  std::map<std::size_t, std::string> field_at;
  std::map<std::string, std::string> headers;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto name = normalise(trim(header[i]));
    std::string field;
    if (const auto m = mapping->find(name); m != mapping->end()) {
      field = m->second;
    } else if (const auto h = header_names().find(name); h != header_names().end()) {
      field = h->second;
    }
    if (field.empty()) {
      if (!trim(header[i]).empty()) {
        result.ignored_columns.push_back(trim(header[i]));
      }
      continue;
    }
    if (headers.count(field) > 0) {
      return Failure{ExitCode::data,
                     fmt::format("columns \"{}\" and \"{}\" both hold {}",
                                 io::escape_controls(headers[field]),
                                 io::escape_controls(trim(header[i])), field),
                     Location{file, 1, {}}};
    }
    field_at[i] = field;
    headers[field] = trim(header[i]);
  }
  for (const char* needed : {"class", "credit_code"}) {
    if (headers.count(needed) == 0) {
      return Failure{ExitCode::data,
                     fmt::format("no column for {} (such as {}); map one with --columns", needed,
                                 std::string(needed) == "class" ? "申报类别" : "统一社会信用代码"),
                     Location{file, 1, {}}};
    }
  }
  std::map<std::string, std::size_t> seen; // applicant key -> row
  for (std::size_t r = 1; r < records->size(); ++r) {
    Row row;
    row.number = r + 1;
    row.headers = &headers;
    for (const auto& [index, field] : field_at) {
      if (index < records.value()[r].size()) {
        // Codes are stored in upper case, however they were typed.
        const bool code = field == "credit_code" || field == "id_number";
        auto value = trim(records.value()[r][index]);
        row.values[field] = code ? model::upper_code(value) : std::move(value);
      }
    }
    if (std::all_of(row.values.begin(), row.values.end(),
                    [](const auto& v) { return v.second.empty(); })) {
      continue; // a blank line of the spreadsheet
    }
    ++result.rows;
    const auto group = group_named(row.get("class"));
    auto problems = row_problems(row, group);
    json doc;
    std::string key;
    if (problems.empty()) {
      doc = row_document(row, *group);
      key = applicant_key(doc);
      const auto column =
          group->award_class == model::AwardClass::individual ? "id_number" : "credit_code";
      if (const auto earlier = seen.find(key); earlier != seen.end()) {
        problems.push_back(fmt::format("row {}, column {}: the same applicant as row {}",
                                       row.number, row.column(column), earlier->second));
      } else if (const auto* known = reg.by_key(key)) {
        problems.push_back(fmt::format("row {}, column {}: the applicant already has id {}",
                                       row.number, row.column(column), known->id));
      } else if (doc.contains("id") && reg.by_id(doc["id"].get<std::string>()) != nullptr) {
        problems.push_back(fmt::format("row {}, column {}: id {} was given to another applicant",
                                       row.number, row.column("id"),
                                       io::quote_prefix(doc["id"].get<std::string>())));
      }
    }
    if (!problems.empty()) {
      for (auto& p : problems) {
        result.problems.push_back(Failure{ExitCode::data, std::move(p), Location{file, 0, {}}});
      }
      continue;
    }
    if (!doc.contains("id")) {
      doc["id"] = reg.next_id(id_prefix, year, id_letter(*group));
    }
    const auto id = doc["id"].get<std::string>();
    auto skeleton = skeleton_of(doc, year, roster_name, roster_sha256, row.number, date);
    if (!skeleton) {
      result.problems.push_back(Failure{ExitCode::data,
                                        fmt::format("row {}: no dossier can be made of it: {}",
                                                    row.number, skeleton.failure().message),
                                        Location{file, 0, {}}});
      continue;
    }
    // Only a row that becomes a skeleton takes its id: a refused row, corrected and imported
    // again, is then no applicant known already.
    seen.emplace(key, row.number);
    reg.add({id, group->name(), key, doc["applicant"]["name"].get<std::string>()});
    auto blank = blank_document(*group, year, rules);
    blank.update(doc);
    result.forms.push_back({id, write_form(form_spec(*group), blank), std::move(skeleton).value()});
  }
  return result;
}

} // namespace sqma::intake
