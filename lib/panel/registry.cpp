// SPDX-License-Identifier: Apache-2.0
#include "panel/registry.hpp"

#include "io/files.hpp"
#include "io/sha256.hpp"
#include "schema/load.hpp"
#include "schema/toml_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace sqma::panel {
namespace {

struct Reader {
  const std::string& file;
  const schema::LineMap& lines;
  std::vector<Failure> problems;

  Location at(const std::string& pointer) const
  {
    return Location{file, schema::line_for(lines, pointer), pointer};
  }

  std::optional<model::Date> date(const nlohmann::json& j, const char* key,
                                  const std::string& pointer)
  {
    if (!j.contains(key)) {
      return std::nullopt;
    }
    const auto text = j.at(key).get<std::string>();
    auto d = model::Date::parse(text);
    if (!d) {
      const auto where = pointer + "/" + key;
      problems.emplace_back(ExitCode::data, fmt::format("{} is not a real date", text), at(where));
    }
    return d;
  }
};

model::Unit unit(const nlohmann::json& j)
{
  model::Unit u;
  u.name = j.at("name").get<std::string>();
  u.credit_code = j.at("credit_code").get<std::string>();
  if (j.contains("address")) {
    u.address = j.at("address").get<std::string>();
  }
  return u;
}

Reviewer reviewer(const nlohmann::json& j, const std::string& pointer, Reader& reader)
{
  Reviewer r;
  r.id = j.at("id").get<std::string>();
  r.name = j.at("name").get<std::string>();
  r.employer = unit(j.at("employer"));
  r.education = j.at("education").get<model::Education>();
  r.experience_years = j.at("experience_years").get<int>();
  r.tqm_training = j.at("tqm_training").get<bool>();
  for (const auto& q : j.at("qualifications")) {
    r.qualifications.push_back(
        Qualification{q.at("award").get<std::string>(), q.at("kind").get<std::string>(),
                      q.value("name", std::string{}), q.at("year").get<int>()});
  }
  const auto& pledge = j.at("pledge");
  r.pledge_signed = pledge.at("signed").get<bool>();
  r.pledge_date = reader.date(pledge, "date", pointer + "/pledge");
  r.lead = j.value("lead", false);
  r.industries = j.value("industries", std::vector<std::string>{});
  r.categories = j.value("categories", std::vector<std::string>{});
  r.classes = j.value("classes", std::vector<std::string>{});
  for (const auto& pref : j.value("preferences", nlohmann::json::array())) {
    r.preferences.push_back(Preference{pref.at("dossier").get<std::string>(),
                                       pref.at("bid").get<std::string>(),
                                       pref.value("reason", std::string{})});
  }
  std::size_t i = 0;
  for (const auto& rel : j.value("relations", nlohmann::json::array())) {
    const auto at = fmt::format("{}/relations/{}", pointer, i++);
    r.relations.push_back(Relation{unit(rel.at("organisation")), rel.at("kind").get<std::string>(),
                                   reader.date(rel, "from", at), reader.date(rel, "until", at),
                                   rel.value("note", std::string{})});
  }
  for (const auto& c : j.value("conflicts", nlohmann::json::array())) {
    r.conflicts.push_back(
        DeclaredConflict{unit(c.at("organisation")), c.at("reason").get<std::string>()});
  }
  r.max_load = j.at("max_load").get<int>();
  for (const auto& round : j.value("unavailable", nlohmann::json::array())) {
    r.unavailable.insert(round.get<std::string>());
  }
  r.line = schema::line_for(reader.lines, pointer);
  return r;
}

} // namespace

Result<Registry> parse_registry(std::string_view text, const std::string& file)
{
  auto doc = schema::load_toml(text, file, "reviewers.v1");
  if (!doc) {
    return doc.failure();
  }
  Registry registry;
  registry.file = file;
  registry.sha256 = io::sha256_hex(text);
  Reader reader{file, doc->lines, {}};
  std::map<std::string, std::size_t> seen; // id -> line
  std::size_t i = 0;
  for (const auto& entry : doc->json.at("reviewer")) {
    const auto pointer = fmt::format("/reviewer/{}", i++);
    auto r = reviewer(entry, pointer, reader);
    if (const auto it = seen.find(r.id); it != seen.end()) {
      reader.problems.emplace_back(
          ExitCode::data,
          fmt::format("reviewer {} appears twice (first on line {})", r.id, it->second),
          reader.at(pointer + "/id"));
      continue;
    }
    seen.emplace(r.id, schema::line_for(doc->lines, pointer + "/id"));
    registry.reviewers.push_back(std::move(r));
  }
  if (!reader.problems.empty()) {
    return join(std::move(reader.problems));
  }
  std::sort(registry.reviewers.begin(), registry.reviewers.end(),
            [](const Reviewer& a, const Reviewer& b) { return a.id < b.id; });
  return registry;
}

Result<Registry> load_registry(const std::filesystem::path& file)
{
  auto text = io::read_file(file.string());
  if (!text) {
    return text.failure();
  }
  return parse_registry(text.value(), file.string());
}

} // namespace sqma::panel
