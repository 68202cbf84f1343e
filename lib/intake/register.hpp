// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "intake/form_spec.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::intake {

// One id given in a cycle, and to whom.
struct RegisterEntry {
  std::string id;
  std::string group; // organisation, project, leader, manager, craftsman
  std::string key;   // applicant_key() of the dossier
  std::string name;  // the applicant's name, for people reading the file
};

// A cycle's register of dossier ids (a text file, one tab-separated line per id). Every id
// sqma import gives or accepts is added and none is ever removed, so an id is never given
// twice, even after its dossier was deleted; the applicant key behind each id also finds a
// second application of the same applicant.
class IdRegister {
public:
  // Reads a register; a file that does not exist is an empty register. A malformed line is
  // a Failure naming the file and the line.
  [[nodiscard]] static Result<IdRegister> load(const std::filesystem::path& file);

  [[nodiscard]] const RegisterEntry* by_id(std::string_view id) const;
  [[nodiscard]] const RegisterEntry* by_key(std::string_view key) const;
  // The next id in the scheme <prefix>-<year>-<letter><serial>: one more than the highest
  // serial given so far with that prefix, year and letter, at least two digits.
  [[nodiscard]] std::string next_id(std::string_view prefix, int year, char letter) const;
  void add(RegisterEntry entry);
  // The register's text, as save() writes it.
  [[nodiscard]] std::string text() const;
  // Whether add() was called since load().
  [[nodiscard]] bool changed() const { return m_changed; }

private:
  std::vector<RegisterEntry> m_entries;
  bool m_changed = false;
};

// The letter of a group in dossier ids: O organisation, P project, L leader, M manager,
// C craftsman.
[[nodiscard]] char id_letter(const Group& group);

// What identifies an applicant across forms: the credit code of an organisation, the lead
// unit's credit code and the project's name, or a digest of an individual's identity
// number (so that the register holds none). Empty when the dossier lacks them or they are
// not 18 digits and capital letters.
[[nodiscard]] std::string applicant_key(const nlohmann::json& dossier);

} // namespace sqma::intake
