// SPDX-License-Identifier: Apache-2.0
#include "intake/register.hpp"

#include "intake/import.hpp"
#include "io/sha256.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace sqma::intake {
namespace {

std::vector<std::string> split_tabs(const std::string& line)
{
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    parts.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) {
      return parts;
    }
    start = tab + 1;
  }
}

std::string clean(std::string text)
{
  std::replace(text.begin(), text.end(), '\t', ' ');
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

std::string text_at(const nlohmann::json& j, const nlohmann::json::json_pointer& ptr)
{
  return j.contains(ptr) && j.at(ptr).is_string() ? j.at(ptr).get<std::string>() : std::string{};
}

} // namespace

Result<IdRegister> IdRegister::load(const std::filesystem::path& file)
{
  IdRegister reg;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    return reg;
  }
  auto text = read_bounded(file.string(), std::uintmax_t{16} << 20U);
  if (!text) {
    return text.failure();
  }
  std::istringstream in(text.value());
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.empty() || line[0] == '#') {
      continue;
    }
    auto parts = split_tabs(line);
    if (parts.size() < 3 || parts[0].empty()) {
      return Failure{ExitCode::data, "expected: id, group, applicant key and name, tab-separated",
                     Location{file.string(), number, {}}};
    }
    if (reg.by_id(parts[0]) != nullptr) {
      return Failure{ExitCode::data, fmt::format("id {} is listed twice", parts[0]),
                     Location{file.string(), number, {}}};
    }
    reg.m_entries.push_back({parts[0], parts[1], parts[2], parts.size() > 3 ? parts[3] : ""});
  }
  return reg;
}

const RegisterEntry* IdRegister::by_id(std::string_view id) const
{
  const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                               [&](const RegisterEntry& e) { return e.id == id; });
  return it == m_entries.end() ? nullptr : &*it;
}

const RegisterEntry* IdRegister::by_key(std::string_view key) const
{
  if (key.empty()) {
    return nullptr;
  }
  const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                               [&](const RegisterEntry& e) { return e.key == key; });
  return it == m_entries.end() ? nullptr : &*it;
}

std::string IdRegister::next_id(std::string_view prefix, int year, char letter) const
{
  const auto stem = fmt::format("{}-{}-{}", prefix, year, letter);
  unsigned long highest = 0;
  for (const auto& entry : m_entries) {
    if (entry.id.size() <= stem.size() || entry.id.compare(0, stem.size(), stem) != 0) {
      continue;
    }
    const auto serial = entry.id.substr(stem.size());
    if (serial.size() > 9 ||
        !std::all_of(serial.begin(), serial.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    highest = std::max(highest, std::stoul(serial));
  }
  return fmt::format("{}{:02}", stem, highest + 1);
}

void IdRegister::add(RegisterEntry entry)
{
  entry.name = clean(entry.name);
  entry.key = clean(entry.key);
  m_entries.push_back(std::move(entry));
  m_changed = true;
}

std::string IdRegister::text() const
{
  std::string out = "# sqma dossier id register: every id given in the cycle, never removed "
                    "nor given again.\n# id\tgroup\tapplicant key\tname\n";
  for (const auto& e : m_entries) {
    out += fmt::format("{}\t{}\t{}\t{}\n", e.id, e.group, e.key, e.name);
  }
  return out;
}

char id_letter(const Group& group)
{
  if (group.kind) {
    switch (*group.kind) {
    case model::IndividualKind::leader: return 'L';
    case model::IndividualKind::manager: return 'M';
    case model::IndividualKind::craftsman: return 'C';
    }
  }
  return group.award_class == model::AwardClass::project ? 'P' : 'O';
}

namespace {

// 18 digits and capital letters: the shape of a credit code or an identity number, whatever
// its check character. A value of another shape (full-width digits, a cell Excel turned into
// a number) names no applicant; its own message says what is wrong with it.
bool well_formed(std::string_view code)
{
  return code.size() == 18 && std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
         });
}

} // namespace

std::string applicant_key(const nlohmann::json& dossier)
{
  using ptr = nlohmann::json::json_pointer;
  const auto group = Group::of(dossier);
  if (!group) {
    return {};
  }
  auto code = text_at(dossier, ptr("/applicant/organisation/credit_code"));
  if (!well_formed(code)) {
    code.clear();
  }
  switch (group->award_class) {
  case model::AwardClass::organisation: return code;
  case model::AwardClass::project: {
    const auto name = text_at(dossier, ptr("/applicant/name"));
    return code.empty() || name.empty() ? std::string{} : code + "/" + name;
  }
  case model::AwardClass::individual: {
    const auto number = text_at(dossier, ptr("/applicant/person/id_number"));
    return !well_formed(number) ? std::string{} : "sha256:" + io::sha256_hex(number);
  }
  }
  return {};
}

} // namespace sqma::intake
