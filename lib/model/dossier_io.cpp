// SPDX-License-Identifier: Apache-2.0
#include "model/dossier_io.hpp"

#include "io/text.hpp"

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/parallel.hpp"
#include "io/atomic_file.hpp"
#include "io/json_reader.hpp"
#include "io/json_stream.hpp"
#include "io/path_guard.hpp"
#include "io/sha256.hpp"
#include "model/dossier_fields.hpp"
#include "model/ids.hpp"
#include "model/json_text.hpp"
#include "schema/validator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <cstdint>
#include <exception>
#include <optional>
#include <ostream>
#include <set>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sqma::model {

namespace {

// The output of dump_dossier for the field lists of dossier_fields.hpp: JSON text, with the
// values written as their to_json writes them.
class TextOut {
public:
  explicit TextOut(JsonText& text) : m_text(text) {}

  template <class T> void field(const char* key, const T& value) { always(key, value); }
  template <class T> void field(const char* key, const std::optional<T>& value)
  {
    if (value) {
      always(key, *value);
    }
  }
  template <class T> void field(const char* key, const std::vector<T>& values)
  {
    if (!values.empty()) {
      always(key, values);
    }
  }
  template <class T> void always(const char* key, const T& value)
  {
    m_text.key(key);
    put(value);
  }

  void put(const std::string& value) { m_text.string(value); }
  void put(const char* value) { m_text.string(value); }
  void put(bool value) { m_text.boolean(value); }
  void put(int value) { m_text.integer(value); }
  void put(std::uint64_t value) { m_text.integer(value); }
  void put(double value) { m_text.number(value); }
  void put(const Date& value) { m_text.string(value.iso()); }
  void put(const nlohmann::json& value) { m_text.value(value); }
  template <class T>
  requires std::is_enum_v<T>
  void put(T value) { m_text.string(enum_name(value)); }
  template <class T> void put(const std::vector<T>& values)
  {
    m_text.begin_array();
    for (const auto& value : values) {
      put(value);
    }
    m_text.end_array();
  }
  template <class T>
  requires std::is_class_v<T>
  void put(const T& value)
  {
    m_text.begin_object();
    fields::fields_of(*this, value);
    m_text.end_object();
  }

private:
  JsonText& m_text;
};

} // namespace

Result<Dossier> dossier_from_json(const nlohmann::json& value, const Location& where,
                                  std::string_view source)
{
  static const auto& validator = schema::builtin(k_dossier_schema); // once: builtin() locks
  auto violations = validator.validate(value, where.file, nullptr, where.line);
  if (!violations.empty() && !source.empty()) {
    // Only now, on the rare invalid record, is the text read again for its lines.
    const auto lines = io::json_lines(source, where.line);
    if (!lines.empty()) {
      violations = validator.validate(value, where.file, &lines, where.line);
    }
  }
  if (!violations.empty()) {
    Failure first = violations.front();
    for (std::size_t i = 1; i < violations.size(); ++i) {
      first.more.push_back(violations[i].describe());
    }
    return first;
  }
  try {
    return value.get<Dossier>();
  } catch (const std::exception& error) {
    return Failure{ExitCode::data, error.what(), where};
  }
}

namespace {

// One record: parsed, validated and made a dossier, or why not.
Result<LoadedDossier> load_record(const Result<io::RawRecord>& raw)
{
  if (!raw) {
    return raw.failure();
  }
  auto json = io::parse_json(raw->text, raw->where.file, raw->where.line);
  if (!json) {
    return json.failure();
  }
  auto dossier = dossier_from_json(json.value(), raw->where, raw->text);
  if (!dossier) {
    return dossier.failure();
  }
  return LoadedDossier{std::move(dossier).value(), raw->where, io::sha256_hex(raw->text)};
}

// Records are loaded in batches, two at a time, and handed on in their order; a batch holds
// at most this many records and bytes, so that memory stays flat in the size of the input.
constexpr std::size_t k_batch_records = 64;
constexpr std::size_t k_batch_bytes = std::size_t{8} << 20U;

} // namespace

Result<std::size_t> read_dossiers(const std::vector<std::string>& args, std::istream& in,
                                  const DossierSink& sink)
{
  std::vector<Result<io::RawRecord>> batch;
  std::size_t bytes = 0;
  bool stopped = false;
  // Loads the batch and hands it on, in order; false once the sink asked to stop. What a
  // record's loading threw is thrown when its turn comes, after the records before it.
  const auto flush = [&] {
    std::vector<std::optional<Result<LoadedDossier>>> loaded(batch.size());
    const auto errors = parallel_for_caught(batch.size(), cpu_threads(), [&](std::size_t i) {
      loaded[i].emplace(load_record(batch[i]));
    });
    batch.clear();
    bytes = 0;
    for (std::size_t i = 0; i < loaded.size(); ++i) {
      if (errors[i]) {
        std::rethrow_exception(errors[i]);
      }
      if (!sink(std::move(*loaded[i]))) {
        stopped = true;
        return false;
      }
    }
    return true;
  };
  Result<std::size_t> count = std::size_t{0};
  try {
    count = io::read_raw_inputs(args, in, [&](Result<io::RawRecord> raw) {
      bytes += raw ? raw->text.size() : 0;
      batch.push_back(std::move(raw));
      if (batch.size() < k_batch_records && bytes < k_batch_bytes) {
        return true;
      }
      return flush();
    });
  } catch (const IoError&) {
    // A stream that failed: the records read before it are handed on first, as they were
    // read, then the failure.
    if (!stopped && !batch.empty()) {
      flush();
    }
    throw;
  }
  if (!stopped && !batch.empty()) {
    flush();
  }
  return count;
}

std::vector<Failure> identity_problems(const Dossier& dossier, const Location& where)
{
  std::vector<Failure> out;
  const auto check_unit = [&](const Unit& unit, const std::string& pointer) {
    if (!valid_credit_code(unit.credit_code)) {
      const auto expected = credit_code_check_char(unit.credit_code.substr(0, 17));
      out.push_back(Failure{
          ExitCode::data,
          expected ? fmt::format("unified social credit code {} fails its GB 32100-2015 check "
                                 "character (expected {})",
                                 io::quote_prefix(unit.credit_code), *expected)
                   : fmt::format("unified social credit code {} is not valid",
                                 io::quote_prefix(unit.credit_code)),
          Location{where.file, where.line, pointer + "/credit_code"}});
    }
  };
  check_unit(dossier.applicant.organisation, "/applicant/organisation");
  for (std::size_t i = 0; i < dossier.applicant.partners.size(); ++i) {
    check_unit(dossier.applicant.partners[i], fmt::format("/applicant/partners/{}", i));
  }
  if (dossier.applicant.person && !valid_id_number(dossier.applicant.person->id_number)) {
    // The number itself is personal data and is not repeated in the message.
    out.push_back(Failure{ExitCode::data,
                          "resident identity number fails its GB 11643-1999 check character "
                          "or holds no real birth date",
                          Location{where.file, where.line, "/applicant/person/id_number"}});
  }
  return out;
}

std::optional<Failure> names_disagree(const Dossier& dossier, const Location& where)
{
  const auto& applicant = dossier.applicant;
  const char* other_path = nullptr; // dotted, as forms and amend name it
  const char* other_pointer = nullptr;
  const std::string* other = nullptr;
  const char* clause = nullptr;
  if (dossier.award_class == AwardClass::organisation) {
    other_path = "applicant.organisation.name";
    other_pointer = "/applicant/organisation/name";
    other = &applicant.organisation.name;
    clause = "A1-5";
  } else if (dossier.award_class == AwardClass::individual && applicant.person) {
    other_path = "applicant.person.name";
    other_pointer = "/applicant/person/name";
    other = &applicant.person->name;
    clause = "A3-8";
  }
  if (other == nullptr || *other == applicant.name) {
    return std::nullopt;
  }
  return Failure{ExitCode::data,
                 fmt::format("applicant.names ({}): applicant.name \"{}\" (/applicant/name) "
                             "disagrees with {} \"{}\" ({}); the notice, the letters and the "
                             "certificate print the applicant's name, so both must be the same",
                             clause, io::escape_controls(applicant.name), other_path,
                             io::escape_controls(*other), other_pointer),
                 Location{where.file, where.line, "/applicant/name"}};
}

std::string dump_dossier(const Dossier& dossier, bool pretty)
{
  // What nlohmann::json(dossier).dump() would write, without building the json value first,
  // whose allocations would cost more than writing the text.
  JsonText text(pretty);
  TextOut(text).put(dossier);
  auto out = text.take();
  if (pretty) {
    out += '\n';
  }
  return out;
}

struct DossierWriter::Impl {
  std::ostream& out;
  Options options;
  std::vector<io::AtomicFile> staged;
  std::set<std::string> ids;
  std::size_t count = 0;
};

Failure given_twice(const std::string& id, const Location& first, const Location& again)
{
  const auto place = first.line > 0 ? fmt::format("{}:{}", first.file, first.line) : first.file;
  return Failure{ExitCode::data, fmt::format("dossier {} is given twice: first at {}", id, place),
                 again};
}

DossierWriter::DossierWriter(std::ostream& out, Options options)
    : m_impl(std::make_unique<Impl>(Impl{out, std::move(options), {}, {}, 0}))
{
  if (m_impl->options.out_dir) {
    io::create_output_dir(*m_impl->options.out_dir);
  }
}

DossierWriter::~DossierWriter() = default;

void DossierWriter::write(const Dossier& dossier)
{
  write_serialised(dossier.id, dump_dossier(dossier, pretty()));
}

bool DossierWriter::pretty() const
{
  return m_impl->options.out_dir.has_value();
}

void DossierWriter::write_serialised(const std::string& id, std::string_view text)
{
  if (!m_impl->ids.insert(id).second) {
    throw DataError(fmt::format("dossier {} appears twice in the input", id));
  }
  ++m_impl->count;
  if (!m_impl->options.out_dir) {
    m_impl->out << text << '\n';
    if (!m_impl->out) {
      throw IoError("cannot write to standard output");
    }
    return;
  }
  auto name = id + ".json";
  const auto target = *m_impl->options.out_dir / name;
  if (const auto taken = m_impl->options.taken_names.find(name);
      taken != m_impl->options.taken_names.end()) {
    throw UsageError(fmt::format("{}: the file of dossier {} is also {}; give each output its "
                                 "own path",
                                 target.string(), id, taken->second));
  }
  std::error_code ec;
  for (const auto& input : m_impl->options.protected_paths) {
    if (input != "-" && std::filesystem::equivalent(input, target, ec)) {
      throw UsageError(fmt::format("{}: refusing to overwrite an input file", target.string()));
    }
  }
  io::refuse_existing(target, m_impl->options.force);
  io::AtomicFile file(target);
  file.write(text);
  file.close();
  m_impl->staged.push_back(std::move(file));
}

void DossierWriter::commit()
{
  if (!m_impl->options.out_dir) {
    // Standard output was written along the way; an interrupt still ends the run with 130.
    check_interrupt_before_renames();
    m_impl->out.flush();
    return;
  }
  io::commit_all(m_impl->staged);
  m_impl->staged.clear();
}

void DossierWriter::commit_after(std::vector<io::AtomicFile>& first)
{
  for (auto& file : m_impl->staged) {
    first.push_back(std::move(file));
  }
  m_impl->staged.clear();
  io::commit_all(first);
  first.clear();
  commit();
}

std::size_t DossierWriter::count() const
{
  return m_impl->count;
}

} // namespace sqma::model
