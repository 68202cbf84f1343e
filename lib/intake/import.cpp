// SPDX-License-Identifier: Apache-2.0
#include "intake/import.hpp"

#include "core/version.hpp"
#include "intake/form_spec.hpp"
#include "intake/text.hpp"
#include "io/files.hpp"
#include "io/json_reader.hpp"
#include "io/sha256.hpp"
#include "io/text.hpp"
#include "model/dossier_io.hpp"
#include "model/ids.hpp"
#include "schema/suggest.hpp"
#include "schema/validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace sqma::intake {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class Problems {
public:
  explicit Problems(const Form& form) : m_form(form) {}

  void add(const std::string& pointer, std::string message)
  {
    m_list.push_back(Failure{
        ExitCode::data, std::move(message),
        Location{m_form.file, schema::line_for(m_form.lines, pointer), form_path(pointer)}});
  }
  void add(Failure failure)
  {
    failure.where.json_path = form_path(failure.where.json_path);
    m_list.push_back(std::move(failure));
  }
  [[nodiscard]] bool empty() const { return m_list.empty(); }
  // Whether a problem was reported at `pointer` itself.
  [[nodiscard]] bool reported_at(const std::string& pointer) const
  {
    const auto path = form_path(pointer);
    return std::any_of(m_list.begin(), m_list.end(),
                       [&](const Failure& f) { return f.where.json_path == path; });
  }
  // Whether a problem was reported at `pointer` or below it.
  [[nodiscard]] bool reported_under(const std::string& pointer) const
  {
    const auto path = form_path(pointer);
    return std::any_of(m_list.begin(), m_list.end(), [&](const Failure& f) {
      return f.where.json_path.rfind(path, 0) == 0 && f.where.json_path.size() > path.size();
    });
  }
  [[nodiscard]] Failure joined()
  {
    std::stable_sort(m_list.begin(), m_list.end(), [](const Failure& a, const Failure& b) {
      return a.where.line < b.where.line;
    });
    return join(std::move(m_list));
  }

private:
  const Form& m_form;
  std::vector<Failure> m_list;
};

// Values left as "" in the form: the pointer of each.
void blanks(const json& value, const std::string& pointer, std::vector<std::string>& out)
{
  if (value.is_string() && value.get_ref<const std::string&>().empty()) {
    out.push_back(pointer);
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      std::string p = pointer;
      io::append_pointer(p, key);
      blanks(child, p, out);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      blanks(value[i], pointer + "/" + std::to_string(i), out);
    }
  }
}

// The dotted field path of a pointer without its indexes, to look the field up.
std::string field_of(const std::string& pointer)
{
  std::string out;
  std::size_t start = 1;
  while (start <= pointer.size() && !pointer.empty()) {
    const auto end = std::min(pointer.find('/', start), pointer.size());
    const auto token = pointer.substr(start, end - start);
    if (!token.empty() &&
        !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      out += (out.empty() ? "" : ".") + token;
    }
    start = end + 1;
  }
  return out;
}

std::vector<std::string> names_of(const Evidence& evidence)
{
  std::vector<std::string> names;
  for (const auto& [name, sha] : evidence.files) {
    names.push_back(name);
  }
  return names;
}

void fill_digests(json& doc, const Evidence* evidence, Problems& problems,
                  std::vector<std::string>& filled)
{
  auto materials = doc.find("materials");
  if (materials == doc.end() || !materials->is_array()) {
    return;
  }
  for (std::size_t i = 0; i < materials->size(); ++i) {
    auto& material = (*materials)[i];
    const auto pointer = "/materials/" + std::to_string(i);
    if (!material.is_object() || !material.contains("path") || !material["path"].is_string() ||
        material["path"].get_ref<const std::string&>().empty()) {
      continue;
    }
    const auto path = material["path"].get<std::string>();
    const bool given = material.contains("sha256");
    if (evidence == nullptr) {
      if (!given) {
        problems.add(pointer + "/path",
                     fmt::format("no sha256 for \"{}\": give the evidence (--evidence) so that "
                                 "sqma import computes it",
                                 io::escape_controls(path)));
      }
      continue;
    }
    const auto found = evidence->files.find(path);
    if (found == evidence->files.end()) {
      std::string message = fmt::format("material \"{}\" is not in the evidence {}",
                                        io::escape_controls(path), evidence->source);
      auto near = schema::did_you_mean(path, names_of(*evidence));
      if (near.empty()) {
        // The same file under another extension, such as a .docx sent as .pdf.
        const auto stem = fs::path(path).replace_extension().generic_string();
        for (const auto& [name, sha] : evidence->files) {
          if (fs::path(name).replace_extension().generic_string() == stem) {
            near = name;
            break;
          }
        }
      }
      if (!near.empty()) {
        message += fmt::format(" (did you mean \"{}\"?)", io::escape_controls(near));
      }
      problems.add(pointer + "/path", message);
      continue;
    }
    if (given) {
      if (material["sha256"] != found->second) {
        problems.add(pointer + "/sha256",
                     fmt::format("the form's sha256 of \"{}\" differs from the file in {} ({}); "
                                 "remove the line to take the evidence's",
                                 io::escape_controls(path), evidence->source, found->second));
      }
      continue;
    }
    material["sha256"] = found->second;
    filled.push_back(pointer + "/sha256");
  }
}

// A required list of blocks that a present table lacks is empty: a form has no way to write
// an empty list of blocks other than leaving them out (materials, a leader's awards).
void empty_lists(json& object, const std::vector<FieldSpec>& fields)
{
  for (const auto& field : fields) {
    if (field.shape == Shape::blocks && field.required && !object.contains(field.key)) {
      object[field.key] = json::array();
    } else if (field.shape == Shape::table && object.contains(field.key) &&
               object[field.key].is_object()) {
      empty_lists(object[field.key], field.children);
    }
  }
}

// Gives the dossier its id: the form's, the one registered for the applicant, or the next.
// Returns the register entry of an id new to the register, for the caller to add once the
// form is imported: a form refused for another reason takes no id.
std::optional<RegisterEntry> give_id(json& doc, const ImportSettings& settings,
                                     const IdRegister* reg, Problems& problems,
                                     std::vector<std::string>& filled)
{
  const auto group = Group::of(doc);
  const auto key = applicant_key(doc);
  const auto* by_key = reg != nullptr ? reg->by_key(key) : nullptr;
  const auto name = doc.value("/applicant/name"_json_pointer, std::string{});
  if (doc.contains("id") && doc["id"].is_string()) {
    const auto id = doc["id"].get<std::string>();
    if (reg == nullptr || id.empty()) {
      return std::nullopt;
    }
    if (const auto* known = reg->by_id(id); known != nullptr) {
      if (!key.empty() && known->key != key) {
        problems.add("/id", fmt::format("id {} was given to another applicant ({})",
                                        io::quote_prefix(id), known->name));
      }
      return std::nullopt;
    }
    if (by_key != nullptr) {
      problems.add("/id", fmt::format("this applicant already has id {}; a second application "
                                      "of the same applicant is not taken",
                                      by_key->id));
      return std::nullopt;
    }
    if (group) {
      return RegisterEntry{id, group->name(), key, name};
    }
    return std::nullopt;
  }
  if (!group || key.empty()) {
    return std::nullopt; // the schema reports the missing class, kind or applicant
  }
  std::optional<RegisterEntry> entry;
  if (by_key != nullptr) {
    doc["id"] = by_key->id;
  } else if (reg == nullptr) {
    problems.add("", "the form has no id and there is no id register to give one from: set "
                     "intake.register in the cycle config or give --register");
    return std::nullopt;
  } else {
    const int year = doc.value("cycle", 0);
    doc["id"] = reg->next_id(settings.id_prefix, year, id_letter(*group));
    entry = RegisterEntry{doc["id"].get<std::string>(), group->name(), key, name};
  }
  filled.push_back("/id");
  return entry;
}

// " (<clause>)" of the clause that asks for the dossier's credit codes and identity number.
std::string code_clause(const json& doc)
{
  const auto group = Group::of(doc);
  return !group                                                  ? ""
         : group->award_class == model::AwardClass::organisation ? " (A1-3(1))"
         : group->award_class == model::AwardClass::project      ? " (A2-2(1))"
                                                                 : " (A3-8)";
}

// The credit codes and the identity number in upper case, as they are stored: people type
// "x" or "ma1k" as often as "X" or "MA1K".
void upper_codes(json& doc)
{
  const auto upper = [&](const std::string& pointer) {
    const json::json_pointer ptr(pointer);
    if (doc.contains(ptr) && doc.at(ptr).is_string()) {
      doc.at(ptr) = model::upper_code(doc.at(ptr).get<std::string>());
    }
  };
  upper("/applicant/organisation/credit_code");
  if (const auto applicant = doc.find("applicant");
      applicant != doc.end() && applicant->is_object()) {
    const auto partners = applicant->find("partners");
    for (std::size_t i = 0;
         partners != applicant->end() && partners->is_array() && i < partners->size(); ++i) {
      upper("/applicant/partners/" + std::to_string(i) + "/credit_code");
    }
  }
  upper("/applicant/person/id_number");
}

// What the schema's pattern found wrong with a credit code, said as what is wrong with it
// (its length, a character outside the alphabet) rather than as the pattern it missed;
// nullopt for a failure elsewhere.
std::optional<std::string> credit_code_message(const json& doc, const Failure& failure)
{
  const auto& path = failure.where.json_path;
  constexpr std::string_view k_field = "/credit_code";
  if (path.size() < k_field.size() ||
      path.compare(path.size() - k_field.size(), k_field.size(), k_field) != 0) {
    return std::nullopt;
  }
  const json::json_pointer ptr(path);
  if (!doc.contains(ptr) || !doc.at(ptr).is_string()) {
    return std::nullopt;
  }
  const auto code = doc.at(ptr).get<std::string>();
  const auto wrong = model::credit_code_problem(code);
  if (!wrong) {
    return std::nullopt;
  }
  return fmt::format("unified social credit code {} {}{}", io::quote_prefix(code), *wrong,
                     code_clause(doc));
}

// Credit codes (GB 32100-2015) and identity numbers (GB 11643-1999) whose check character
// fails; codes the schema's pattern rejects are left to the schema.
void check_characters(const json& doc, Problems& problems)
{
  const std::string clause = code_clause(doc);
  const std::string k_advice =
      clause + "; correct it, or import it as it is with --allow-bad-check-char";
  const auto unit = [&](const std::string& pointer) {
    const json::json_pointer ptr(pointer + "/credit_code");
    if (!doc.contains(ptr) || !doc.at(ptr).is_string()) {
      return;
    }
    const auto code = doc.at(ptr).get<std::string>();
    const auto expected = model::credit_code_check_char(code.substr(0, 17));
    // A code the schema refused (a character outside the alphabet) has one message already.
    if (code.size() == 18 && expected && *expected != code[17] &&
        !problems.reported_at(ptr.to_string())) {
      problems.add(ptr.to_string(),
                   fmt::format("unified social credit code {} fails its GB 32100-2015 check "
                               "character (expected {}){}",
                               code, *expected, k_advice));
    }
  };
  unit("/applicant/organisation");
  if (const auto partners = doc.find("applicant"); partners != doc.end()) {
    const auto list = partners->find("partners");
    for (std::size_t i = 0; list != partners->end() && list->is_array() && i < list->size(); ++i) {
      unit("/applicant/partners/" + std::to_string(i));
    }
  }
  const json::json_pointer number("/applicant/person/id_number");
  if (doc.contains(number) && doc.at(number).is_string()) {
    const auto text = doc.at(number).get<std::string>();
    if (text.size() == 18 && model::id_number_check_char(text.substr(0, 17)) &&
        !model::valid_id_number(text)) {
      // The number itself is personal data and is not repeated.
      problems.add(number.to_string(), std::string("resident identity number fails its GB "
                                                   "11643-1999 check character or holds no real "
                                                   "birth date (A3-8)") +
                                           k_advice.substr(clause.size()));
    }
  }
}

// The existing dossier of this id in the output folder, if any.
std::optional<model::Dossier> existing(const ImportSettings& settings, const std::string& id)
{
  if (!settings.out_dir) {
    return std::nullopt;
  }
  const auto file = *settings.out_dir / (id + ".json");
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return std::nullopt;
  }
  std::optional<model::Dossier> found;
  std::istringstream none;
  (void)model::read_dossiers({file.string()}, none, [&](Result<model::LoadedDossier> loaded) {
    if (loaded) {
      found = std::move(loaded.value().dossier);
    }
    return false;
  });
  return found;
}

} // namespace

Result<std::string> read_bounded(const std::string& file, std::uintmax_t limit)
{
  const auto too_large = [&] {
    return Failure{ExitCode::data, fmt::format("larger than {} bytes", limit),
                   Location{file, 0, {}}};
  };
  std::error_code ec;
  if (file != "-" && fs::is_regular_file(file, ec) && fs::file_size(file, ec) > limit) {
    return too_large();
  }
  auto text = io::read_file(file);
  if (text && text->size() > limit) {
    return too_large();
  }
  return text;
}

Result<Form> read_form(const std::string& file)
{
  constexpr std::uintmax_t k_max_form = std::uintmax_t{4} << 20U;
  auto text = read_bounded(file, k_max_form);
  if (!text) {
    return text.failure();
  }
  // A form saved by Notepad may start with a byte order mark, or be GB18030 ("ANSI" on
  // Chinese Windows): decoded as a roster is.
  auto decoded = decode_text(text.value(), file);
  if (!decoded) {
    return decoded.failure();
  }
  auto doc = schema::parse_toml(decoded->text, file);
  if (!doc) {
    return doc.failure();
  }
  Form form;
  form.file = file;
  form.sha256 = io::sha256_hex(text.value());
  form.json = std::move(doc.value().json);
  form.lines = std::move(doc.value().lines);
  return form;
}

Result<model::Dossier> import_form(const Form& form, const Evidence* evidence,
                                   const ImportSettings& settings, IdRegister* reg)
{
  Problems problems(form);
  json doc = form.json;
  const auto& omitted = omitted_fields();
  for (const auto& key : omitted) {
    if (doc.contains(key)) {
      problems.add("/" + key, fmt::format("\"{}\" is not a form field: sqma's verbs write it",
                                          io::quote_prefix(key)));
      doc.erase(key);
    }
  }
  // A declaration is the applicant's statement; that a reviewer confirmed it is for the office
  // to record later, never for the form to claim ("what is a reviewer's judgement").
  if (const auto it = doc.find("declarations"); it != doc.end() && it->is_array()) {
    for (std::size_t i = 0; i < it->size(); ++i) {
      for (const char* key : {"confirmed_by", "confirmed_on"}) {
        if ((*it)[i].is_object() && (*it)[i].contains(key)) {
          problems.add(fmt::format("/declarations/{}/{}", i, key),
                       fmt::format("\"{}\" is not a form field: a reviewer's confirmation is "
                                   "recorded by the office with sqma amend",
                                   key));
          (*it)[i].erase(key);
        }
      }
    }
  }
  std::vector<std::string> blank;
  blanks(doc, "", blank);
  const auto group = Group::of(doc);
  for (const auto& pointer : blank) {
    const FieldSpec* field = group ? find_field(form_spec(*group), field_of(pointer)) : nullptr;
    problems.add(pointer, field != nullptr ? fmt::format("left blank: {} Format: {}", field->en,
                                                         field->format_en)
                                           : std::string("left blank"));
  }
  if (settings.cycle_year && doc.contains("cycle") && doc["cycle"] != *settings.cycle_year) {
    problems.add("/cycle", fmt::format("the form is for cycle {}, the cycle config for {}",
                                       doc["cycle"].dump(), *settings.cycle_year));
  }
  upper_codes(doc);
  std::vector<std::string> filled;
  fill_digests(doc, evidence, problems, filled);
  if (group) {
    empty_lists(doc, form_spec(*group).fields);
  }
  const auto new_entry = give_id(doc, settings, reg, problems, filled);
  if (!doc.contains("bundle") && doc.contains("id") && doc["id"].is_string()) {
    if (evidence != nullptr && evidence->zip) {
      doc["bundle"] = {{"path", fs::path(evidence->source).filename().string()},
                       {"sha256", evidence->sha256}};
    } else {
      doc["bundle"] = {{"path", doc["id"].get<std::string>() + ".zip"}};
    }
    filled.push_back("/bundle");
  }
  doc["schema"] = model::k_dossier_schema;
  doc["stage"] = "submitted";
  doc["history"] = json::array();

  const auto& validator = schema::builtin(model::k_dossier_schema);
  for (auto& failure : validator.validate(doc, form.file, &form.lines)) {
    // A blank value was reported above already, and so was a material's missing digest.
    const bool no_id = failure.where.json_path == "/" && !doc.contains("id") &&
                       failure.message == "missing required field \"id\"";
    if (std::find(blank.begin(), blank.end(), failure.where.json_path) == blank.end() &&
        !problems.reported_under(failure.where.json_path) && !no_id) {
      if (auto message = credit_code_message(doc, failure)) {
        failure.message = std::move(*message);
      }
      problems.add(std::move(failure));
    }
  }
  if (!settings.allow_bad_check_characters) {
    check_characters(doc, problems);
  }
  if (!problems.empty()) {
    return problems.joined();
  }
  auto dossier = model::dossier_from_json(doc, Location{form.file, 0, {}});
  if (!dossier) {
    return dossier.failure();
  }
  auto& d = dossier.value();
  if (auto old = existing(settings, d.id)) {
    // A skeleton from the roster is completed by its form, also after a check asked for it.
    if (!old->intake && (was_checked(*old) || old->stage != model::Stage::submitted)) {
      problems.add("/id",
                   fmt::format("dossier {} in {} is at stage {} and has been checked: "
                               "correct it with sqma amend",
                               d.id, settings.out_dir->string(), model::to_string(old->stage)));
    } else {
      d.history = std::move(old->history);
    }
  }
  if (!problems.empty()) {
    return problems.joined();
  }
  model::StageRecord rec;
  rec.stage = model::Stage::submitted;
  rec.date = settings.date;
  rec.command = "sqma import";
  rec.version = k_version;
  rec.inputs.push_back({"form:" + fs::path(form.file).filename().string(), form.sha256});
  if (evidence != nullptr) {
    rec.inputs.push_back(
        {"evidence:" + fs::path(evidence->source).lexically_normal().filename().string(),
         evidence->sha256});
  }
  rec.outcome = "imported";
  std::sort(filled.begin(), filled.end());
  rec.details = json{{"filled", filled}};
  d.history.push_back(std::move(rec));
  if (new_entry && reg != nullptr) {
    reg->add(*new_entry);
  }
  return dossier;
}

bool was_checked(const model::Dossier& dossier)
{
  return std::any_of(dossier.history.begin(), dossier.history.end(),
                     [](const model::StageRecord& r) { return r.command == "sqma check"; });
}

std::set<std::string> filled_values(const model::Dossier& dossier)
{
  std::set<std::string> filled;
  for (const auto& rec : dossier.history) {
    if (rec.command == "sqma import") {
      filled.clear();
      if (rec.details.is_object() && rec.details.contains("filled")) {
        for (const auto& p : rec.details["filled"]) {
          filled.insert(p.get<std::string>());
        }
      }
    } else if (rec.command == "sqma amend" && rec.details.is_object()) {
      // An amended field shows its value again, whole top-level field at a time (an
      // amend may shift the entries of a list).
      const auto changes = rec.details.find("changes");
      if (changes == rec.details.end()) {
        continue;
      }
      for (const auto& change : *changes) {
        const auto pointer = change.value("pointer", std::string{});
        const auto top = pointer.substr(0, pointer.find('/', 1));
        for (auto it = filled.begin(); it != filled.end();) {
          it = it->rfind(top, 0) == 0 ? filled.erase(it) : std::next(it);
        }
      }
    }
  }
  return filled;
}

} // namespace sqma::intake
