// SPDX-License-Identifier: Apache-2.0
// normalize_to_bag: an applicant's zip, checked as `sqma check` checks it, rewritten as a bag.
#include "bundle/bag.hpp"
#include "bundle/bag_detail.hpp"
#include "bundle/names.hpp"
#include "bundle/zip_reader.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <map>
#include <memory>

namespace sqma::bundle {

namespace {

using Archive = std::shared_ptr<zip_t>;

// One entry of the input zip, decompressed by libzip as it is read (the inspection has
// already checked its CRC-32 and size, and the writer checks its SHA-256 against it).
class EntrySource : public detail::ByteSource {
public:
  EntrySource(Archive archive, zip_uint64_t index, std::string name)
      : m_archive(std::move(archive)), m_name(std::move(name)),
        m_entry(zip_fopen_index(m_archive.get(), index, 0))
  {
    if (!m_entry) {
      throw DataError(fmt::format("{}: cannot read: {}", m_name,
                                  zip_error_strerror(zip_get_error(m_archive.get()))));
    }
  }
  std::size_t read(char* out, std::size_t size) override
  {
    const auto got = zip_fread(m_entry.get(), out, size);
    if (got < 0) {
      throw DataError(fmt::format("{}: cannot read: {}", m_name,
                                  zip_error_strerror(zip_file_get_error(m_entry.get()))));
    }
    return static_cast<std::size_t>(got);
  }

private:
  Archive m_archive;
  std::string m_name;
  std::unique_ptr<zip_file_t, detail::ZipFileClose> m_entry;
};

} // namespace

Result<BagSummary> normalize_to_bag(const std::filesystem::path& in_zip,
                                    const std::filesystem::path& out_zip, const BagOptions& options)
{
  auto inspection = inspect(in_zip);
  if (!inspection) {
    return inspection.failure();
  }
  std::vector<Failure> refusals;
  for (const auto& problem : inspection->problems) {
    if (!is_informational(problem.kind)) {
      refusals.emplace_back(ExitCode::negative,
                            fmt::format("{}: {}: {}: {}", in_zip.string(),
                                        problem.entry.empty() ? "(archive)" : problem.entry,
                                        to_string(problem.kind), problem.detail));
    }
  }
  if (looks_like_bag(inspection.value())) {
    refusals.emplace_back(
        ExitCode::negative,
        fmt::format("{}: is a bag already; see sqma bundle verify", in_zip.string()));
  }
  std::map<std::string, const Entry*> by_name;
  for (const auto& entry : inspection->entries) {
    if (auto problem = bag_name_problem(entry.name); !problem.empty()) {
      refusals.emplace_back(ExitCode::negative,
                            fmt::format("{}: {}: {}", in_zip.string(), entry.name, problem));
    }
    by_name[entry.name] = &entry;
  }
  if (!refusals.empty()) {
    auto joined = join(std::move(refusals));
    joined.message = "refused: " + joined.message;
    return joined;
  }
  int error = ZIP_ER_OK;
  const Archive archive(zip_open(in_zip.c_str(), ZIP_RDONLY, &error), detail::ZipDiscard{});
  if (!archive) {
    return Failure(ExitCode::data, fmt::format("{}: libzip cannot open it", in_zip.string()));
  }
  std::vector<detail::PayloadItem> items;
  detail::NameDecoder decoder;
  const auto count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const char* raw = zip_get_name(archive.get(), index, ZIP_FL_ENC_RAW);
    if (raw == nullptr) {
      return Failure(ExitCode::data, fmt::format("{}: entry {} has no name", in_zip.string(), i));
    }
    auto name = decoder.decode(raw, false).name;
    if (!name.empty() && name.back() == '/') {
      continue; // folders are implied by the files' paths
    }
    const auto found = by_name.find(name);
    if (found == by_name.end()) {
      return Failure(ExitCode::data,
                     fmt::format("{}: {}: not read by the inspection", in_zip.string(), name));
    }
    const auto* entry = found->second;
    items.push_back(
        {name, entry->size,
         [archive, index, name] { return std::make_unique<EntrySource>(archive, index, name); },
         entry->sha256});
  }
  try {
    return detail::write_bag(std::move(items), out_zip, options);
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& e) {
    return Failure(e.code(), e.what());
  }
}

} // namespace sqma::bundle
