// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.hpp"
#include "model/dossier.hpp"

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sqma::io {
class AtomicFile;
} // namespace sqma::io

namespace sqma::model {

// A dossier as read, with where it came from and the digest of its canonical JSON.
struct LoadedDossier {
  Dossier dossier;
  Location where;
  std::string sha256; // of the record's text as it was read
};

// Called for each dossier or each input that could not be read as one; false stops.
using DossierSink = std::function<bool(Result<LoadedDossier>)>;

// Reads dossiers from the given arguments (files, folders searched recursively in sorted
// order, "-" for standard input; JSON Lines or JSON arrays), validates each against
// dossier.v1 and converts it. A record that fails is passed on as a Failure naming the
// file, the line and the JSON path, and reading goes on. `in` stands for standard input.
// Returns a Failure only when an argument names nothing.
[[nodiscard]] Result<std::size_t> read_dossiers(const std::vector<std::string>& args,
                                                std::istream& in, const DossierSink& sink);

// Converts one JSON value to a dossier after validating it against dossier.v1; all schema
// violations are joined into one Failure (one line each). Given the text the value was
// parsed from, each violation names its own line rather than the record's first.
[[nodiscard]] Result<Dossier> dossier_from_json(const nlohmann::json& value, const Location& where,
                                                std::string_view source = {});

// Problems with identity numbers that the schema's patterns cannot see: the check
// characters of credit codes (GB 32100-2015) and identity numbers (GB 11643-1999). Each
// names the JSON path.
[[nodiscard]] std::vector<Failure> identity_problems(const Dossier& dossier, const Location& where);

// The failure (applicant.names, A1-5 or A3-8) of a dossier whose names disagree:
// applicant.name differs from applicant.organisation.name for an organisation, or from
// applicant.person.name for an individual. It names both JSON paths. Nullopt when they
// agree, and for a project, whose name is the project's own.
[[nodiscard]] std::optional<Failure> names_disagree(const Dossier& dossier, const Location& where);

// The failure of a dossier whose id was read before in the same run, naming both places.
[[nodiscard]] Failure given_twice(const std::string& id, const Location& first,
                                  const Location& again);

// Writes dossiers as JSON Lines to a stream, or as one pretty-printed <id>.json file each
// in a folder. Files are staged under temporary names and put in place together by
// commit(); if commit() is never called nothing is left behind.
class DossierWriter {
public:
  struct Options {
    std::optional<std::filesystem::path> out_dir;
    bool force = false;                       // replace existing files in out_dir
    std::vector<std::string> protected_paths; // inputs, never to be overwritten
    // File names in out_dir that other outputs of the run take, each with how a message
    // names that output (PathGuard::output_files_in): a dossier there is refused.
    std::map<std::string, std::string> taken_names;
  };

  DossierWriter(std::ostream& out, Options options);
  ~DossierWriter();
  DossierWriter(const DossierWriter&) = delete;
  DossierWriter& operator=(const DossierWriter&) = delete;

  // Writes or stages one dossier. Throws IoError, or UsageError for a file that exists
  // without --force, an input that would be overwritten, or an id written twice.
  void write(const Dossier& dossier);
  // Writes or stages one dossier already serialised by dump_dossier(dossier, pretty()), so
  // that the serialising can happen on other threads. Throws as write().
  void write_serialised(const std::string& id, std::string_view text);
  // Whether files are written pretty-printed (to a folder) rather than as JSON Lines.
  [[nodiscard]] bool pretty() const;
  // Puts staged files in place, in the order they were written (io::commit_all). Throws
  // Interrupted when SIGINT came before the run's first rename, IoError.
  void commit();
  // Puts `first` (files staged elsewhere: the bags the dossiers name, an id register) and
  // then the staged dossiers in place in one io::commit_all, so that none is renamed before
  // every one is on disk, and clears `first`. Throws as commit().
  void commit_after(std::vector<io::AtomicFile>& first);
  // How many dossiers were written.
  [[nodiscard]] std::size_t count() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Serialises a dossier the way every command writes it: compact for JSON Lines, or
// indented by two spaces with a final newline for a file; byte for byte what
// nlohmann::json(dossier).dump() or dump(2) writes. Throws nlohmann::json::type_error (316),
// as dump() does, for a string that is not UTF-8.
[[nodiscard]] std::string dump_dossier(const Dossier& dossier, bool pretty);

} // namespace sqma::model
