// SPDX-License-Identifier: Apache-2.0
#include "cycle/config.hpp"

#include "io/files.hpp"
#include "io/sha256.hpp"
#include "model/dossier.hpp"
#include "schema/load.hpp"
#include "schema/toml_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>

namespace sqma::cycle {
namespace {

std::filesystem::path resolve(const std::filesystem::path& file, const std::string& relative)
{
  const std::filesystem::path p(relative);
  return p.is_absolute() ? p : file.parent_path() / p;
}

PanelSizes panel_sizes(const nlohmann::json& j)
{
  return PanelSizes{j.at("organisation").get<int>(), j.at("project").get<int>(),
                    j.at("individual").get<int>()};
}

Office office_of(const nlohmann::json& j)
{
  const auto& notice = j.at("notice");
  const auto& contact = notice.at("contact");
  const auto office = j.value("office", nlohmann::json::object());
  const auto field = [&](const char* key, const char* fallback) {
    if (office.contains(key)) {
      return office.at(key).get<std::string>();
    }
    return fallback != nullptr ? contact.value(fallback, std::string{}) : std::string{};
  };
  Office o;
  o.name = field("name", "office");
  o.publisher = notice.at("publisher").get<std::string>();
  o.address = field("address", "address");
  o.contact = field("contact", nullptr);
  o.phone = field("phone", "phone");
  o.email = field("email", "email");
  o.document_number = field("document_number", nullptr);
  o.first_number = office.value("first_number", 1);
  return o;
}

} // namespace

std::string document_number(const std::string& pattern, int year, int seq)
{
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern.compare(i, 6, "{year}") == 0) {
      out += std::to_string(year);
      i += 6;
    } else if (pattern.compare(i, 5, "{seq}") == 0) {
      out += std::to_string(seq);
      i += 5;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

Result<Config> load(const std::filesystem::path& file)
{
  auto text = io::read_file(file.string());
  if (!text) {
    return text.failure();
  }
  auto doc = schema::load_toml(text.value(), file.string(), "cycle.v1");
  if (!doc) {
    return doc.failure();
  }
  const auto& j = doc->json;
  Config config;
  config.file = file;
  config.sha256 = io::sha256_hex(text.value());
  config.year = j.at("year").get<int>();
  config.name = j.at("name").get<std::string>();
  const auto& dates = j.at("dates");
  const auto date_at = [&](const char* key) -> Result<model::Date> {
    const auto value = dates.at(key).get<std::string>();
    if (const auto d = model::Date::parse(value)) {
      return *d;
    }
    const std::string pointer = std::string("/dates/") + key;
    return Failure{ExitCode::data, fmt::format("{} is not a real date", value),
                   Location{file.string(), schema::line_for(doc->lines, pointer), pointer}};
  };
  for (const char* key : {"application_deadline", "reference_date", "check_date"}) {
    if (!dates.contains(key)) {
      continue;
    }
    auto d = date_at(key);
    if (!d) {
      return d.failure();
    }
    if (std::string_view(key) == "application_deadline") {
      config.application_deadline = d.value();
    } else if (std::string_view(key) == "reference_date") {
      config.reference_date = d.value();
    } else {
      config.check_date = d.value();
    }
  }
  const auto& check = j.at("check");
  config.supplement_working_days = check.at("supplement_working_days").get<int>();
  if (check.contains("bundle_dir")) {
    config.bundle_dir = resolve(file, check.at("bundle_dir").get<std::string>());
  }
  if (check.contains("rules")) {
    config.rules = resolve(file, check.at("rules").get<std::string>());
  }
  if (const auto intake = j.find("intake"); intake != j.end()) {
    if (intake->contains("register")) {
      config.register_file = resolve(file, intake->at("register").get<std::string>());
    }
    config.id_prefix = intake->value("id_prefix", config.id_prefix);
  }
  if (j.contains("calendar")) {
    config.calendar = resolve(file, j.at("calendar").get<std::string>());
  }
  for (const auto& [key, value] : j.at("caps").items()) {
    config.caps[key] = value.get<int>();
  }
  for (const auto& [key, value] : j.at("panels").items()) {
    config.panels[key] = panel_sizes(value);
  }
  config.office = office_of(j);
  config.raw = j;
  return config;
}

std::optional<Failure> other_cycle(const Config& config, const model::Dossier& dossier,
                                   const Location& where)
{
  // Ids are written PREFIX-YEAR-NUMBER; an id without a year has nothing to compare.
  int id_year = 0;
  const auto dash = dossier.id.find('-');
  if (dash != std::string::npos && dossier.id.size() >= dash + 5) {
    const auto year = std::string_view(dossier.id).substr(dash + 1, 4);
    if (std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      id_year = std::stoi(std::string(year));
    }
  }
  if (dossier.cycle == config.year && (id_year == 0 || id_year == config.year)) {
    return std::nullopt;
  }
  const int year = dossier.cycle != config.year ? dossier.cycle : id_year;
  return Failure{ExitCode::data,
                 fmt::format("M-4: dossier {} belongs to the {} cycle, not to the {} cycle of {}",
                             dossier.id, year, config.year, config.file.string()),
                 where};
}

model::DossierSink admitting(const Config* config, model::DossierSink next)
{
  auto seen = std::make_shared<std::map<std::string, Location>>();
  return [config, seen, next = std::move(next)](Result<model::LoadedDossier> loaded) {
    if (!loaded) {
      return next(std::move(loaded));
    }
    const auto& l = loaded.value();
    if (config != nullptr) {
      if (auto other = other_cycle(*config, l.dossier, l.where)) {
        return next(std::move(*other));
      }
    }
    const auto [first, inserted] = seen->emplace(l.dossier.id, l.where);
    if (!inserted) {
      return next(model::given_twice(l.dossier.id, first->second, l.where));
    }
    return next(std::move(loaded));
  };
}

} // namespace sqma::cycle
