// SPDX-License-Identifier: Apache-2.0
#include "intake/form_writer.hpp"

#include "io/json_reader.hpp"
#include "model/date.hpp"

#include <fmt/format.h>

#include <cmath>

namespace sqma::intake {
namespace {

using nlohmann::json;

constexpr std::size_t k_rule_width = 78;

std::string value_text(const FieldSpec& field, const json& value);

std::string scalar_text(const std::string& type, const json& value)
{
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (type == "date" && model::Date::parse(text)) {
      return text;
    }
    return toml_string(text);
  }
  if (value.is_number_float() && type == "number") {
    // Whole numbers are written as TOML integers, so that they read back as they were
    // entered (a dossier stores them as 312000.0).
    const double v = value.get<double>();
    if (std::trunc(v) == v && std::fabs(v) < 9007199254740992.0) {
      return fmt::format("{}", static_cast<long long>(v));
    }
  }
  return value.dump();
}

std::string value_text(const FieldSpec& field, const json& value)
{
  if (field.shape == Shape::list && value.is_array()) {
    std::string out = "[";
    for (const auto& item : value) {
      out += (out.size() > 1 ? ", " : "") + scalar_text(field.type, item);
    }
    return out + "]";
  }
  return scalar_text(field.type, value);
}

std::string blank_text(const FieldSpec& field)
{
  return field.shape == Shape::list ? "[]" : "\"\"";
}

bool is_leaf(const FieldSpec& field)
{
  return field.shape == Shape::scalar || field.shape == Shape::list;
}

class Writer {
public:
  Writer(const FormSpec& spec, const std::set<std::string>& omit) : m_spec(spec), m_omit(omit) {}

  std::string run(const json& document)
  {
    // Examples that name the example cycle's year (ids such as SQMA-2025-O01) name the
    // form's own cycle instead.
    const auto* cycle = find_field(m_spec, "cycle");
    if (cycle != nullptr && cycle->example.is_number_integer() && document.contains("cycle") &&
        document["cycle"].is_number_integer() && document["cycle"] != cycle->example) {
      m_year_from = fmt::format("-{}-", cycle->example.get<long long>());
      m_year_to = fmt::format("-{}-", document["cycle"].get<long long>());
    }
    line("# " + m_spec.title_zh);
    line("# " + m_spec.title_en);
    line("#");
    line("# 填写说明：在每个 = 后填写内容。以 # 开头的行是说明或可选项：去掉行首的 # 即可启用。");
    line("# 文字加英文双引号，日期、数字和 true/false 不加引号。填好后导入：");
    line("#   sqma import 本表.toml --evidence 证实性材料文件夹或压缩包 --cycle cycle.toml "
         "--out-dir dossiers/");
    line("# How to fill in: enter each value after its =. Lines starting with # explain, or "
         "hold");
    line("# optional parts: remove the # to use one. Text goes in double quotes; dates, "
         "numbers,");
    line("# true and false go without. Then import it:");
    line("#   sqma import THIS.toml --evidence FOLDER_OR_ZIP --cycle cycle.toml --out-dir "
         "dossiers/");
    line("# The form's format: sqma-form(5).");
    line("");
    for (const auto& field : m_spec.fields) {
      if (is_leaf(field) && (field.applies || document.contains(field.key))) {
        field_doc(field);
      }
    }
    leaves(m_spec.fields, document, "", false);
    nested(m_spec.fields, document, "", "");
    return std::move(m_out);
  }

private:
  // The field's example, with the form's cycle year in place of the example cycle's.
  json example_of(const FieldSpec& field) const
  {
    if (m_year_from.empty() || !field.example.is_string()) {
      return field.example;
    }
    auto text = field.example.get<std::string>();
    if (const auto at = text.find(m_year_from); at != std::string::npos) {
      text.replace(at, m_year_from.size(), m_year_to);
    }
    return text;
  }

  void line(const std::string& text)
  {
    m_out += text;
    m_out += '\n';
  }

  const json* at(const json& parent, const std::string& key, const std::string& pointer) const
  {
    if (!parent.is_object() || m_omit.count(pointer) > 0) {
      return nullptr;
    }
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) {
      return nullptr;
    }
    return &*it;
  }

  static std::string status(const FieldSpec& field)
  {
    if (field.filled) {
      return "由 sqma import 填写 filled in by sqma import";
    }
    return field.required ? "必填 required" : "选填 optional";
  }

  // What to enter, its format, whether it is required and its clause.
  void field_doc(const FieldSpec& field)
  {
    const std::string pad(field.key.size() + 2, ' ');
    line(fmt::format("# {}  {}", field.key, field.zh));
    line(fmt::format("# {}{}", pad, field.en));
    line(fmt::format("# {}格式：{} / Format: {}", pad, field.format_zh, field.format_en));
    line(fmt::format("# {}{} · 条款 Clause: {}", pad, status(field), field.clause));
  }

  // The comment block above a table or the blocks of an array.
  void legend(const FieldSpec& field, const std::string& header)
  {
    line("");
    const std::size_t dashes =
        k_rule_width > header.size() + 3 ? k_rule_width - header.size() - 3 : 4;
    line(fmt::format("# {} {}", std::string(dashes, '-'), header));
    line("# " + field.zh);
    line("# " + field.en);
    line(fmt::format("# {} · 条款 Clause: {}", status(field), field.clause));
    if (field.shape == Shape::blocks) {
      line(fmt::format("# 每项一段 {}；再加一项时，复制整段（到下一个空行为止）。", header));
      line(fmt::format("# One {} block per entry; to add one, copy a whole block (down to the "
                       "next blank line).",
                       header));
    }
    bool first = true;
    for (const auto& child : field.children) {
      if (is_leaf(child)) {
        if (first) {
          line("#");
          first = false;
        }
        field_doc(child);
      }
    }
  }

  // The key = value lines of a table or block; `in_block` leaves out absent optional keys.
  void leaves(const std::vector<FieldSpec>& fields, const json& object, const std::string& pointer,
              bool in_block)
  {
    for (const auto& field : fields) {
      if (!is_leaf(field)) {
        continue;
      }
      const auto child = pointer + "/" + field.key;
      if (const json* value = at(object, field.key, child)) {
        line(fmt::format("{} = {}", field.key, value_text(field, *value)));
      } else if (field.required && !field.filled) {
        line(fmt::format("{} = {}", field.key, blank_text(field)));
      } else if (!in_block && field.applies) {
        line(fmt::format("# {} = {}", field.key, value_text(field, example_of(field))));
      }
    }
  }

  // The tables and arrays of blocks below a table, after its key = value lines.
  void nested(const std::vector<FieldSpec>& fields, const json& object, const std::string& pointer,
              const std::string& path)
  {
    for (const auto& field : fields) {
      if (is_leaf(field)) {
        continue;
      }
      const auto child = pointer + "/" + field.key;
      const auto dotted = path.empty() ? field.key : path + "." + field.key;
      const json* value = at(object, field.key, child);
      if (field.shape == Shape::table) {
        table(field, value, child, dotted);
      } else {
        blocks(field, value, child, dotted);
      }
    }
  }

  void table(const FieldSpec& field, const json* value, const std::string& pointer,
             const std::string& dotted)
  {
    const std::string header = "[" + dotted + "]";
    if (value == nullptr && !field.required) {
      if (field.applies) {
        legend(field, header);
        line("#");
        example(field, dotted);
      }
      return;
    }
    static const json k_empty = json::object();
    const json& object = value != nullptr ? *value : k_empty;
    legend(field, header);
    line(header);
    leaves(field.children, object, pointer, false);
    nested(field.children, object, pointer, dotted);
  }

  void blocks(const FieldSpec& field, const json* value, const std::string& pointer,
              const std::string& dotted)
  {
    const std::string header = "[[" + dotted + "]]";
    if (value == nullptr || !value->is_array() || value->empty()) {
      if (field.applies || value != nullptr) {
        legend(field, header);
        line("#");
        example(field, dotted);
      }
      return;
    }
    legend(field, header);
    std::size_t index = 0;
    for (const auto& entry : *value) {
      line("");
      line(header);
      leaves(field.children, entry, pointer + "/" + std::to_string(index++), true);
    }
  }

  // A commented-out example of a table or of one block, with nested parts likewise.
  void example(const FieldSpec& field, const std::string& dotted)
  {
    line(field.shape == Shape::blocks ? "# [[" + dotted + "]]" : "# [" + dotted + "]");
    for (const auto& child : field.children) {
      if (is_leaf(child) && !child.filled) {
        line(fmt::format("# {} = {}", child.key, value_text(child, example_of(child))));
      }
    }
    for (const auto& child : field.children) {
      if (!is_leaf(child)) {
        line("#");
        example(child, dotted + "." + child.key);
      }
    }
  }

  const FormSpec& m_spec;
  const std::set<std::string>& m_omit;
  std::string m_out;
  std::string m_year_from; // "-2025-" of the example cycle, when the form's is another
  std::string m_year_to;
};

} // namespace

std::string toml_string(std::string_view text)
{
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\f': out += "\\f"; break;
    case '\r': out += "\\r"; break;
    default:
      if (u < 0x20 || u == 0x7f) {
        out += fmt::format("\\u{:04X}", static_cast<unsigned>(u));
      } else {
        out += c;
      }
    }
  }
  return out + "\"";
}

std::string write_form(const FormSpec& spec, const nlohmann::json& document,
                       const std::set<std::string>& omit)
{
  return Writer(spec, omit).run(document);
}

} // namespace sqma::intake
