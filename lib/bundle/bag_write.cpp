// SPDX-License-Identifier: Apache-2.0
// Writing bags: a folder (create_bag) or an applicant's zip (normalize_to_bag) into a bag zip.
#include "bundle/bag.hpp"
#include "bundle/bag_detail.hpp"
#include "bundle/input_file.hpp"
#include "core/parallel.hpp"
#include "core/version.hpp"
#include "io/atomic_file.hpp"
#include "io/path_guard.hpp"
#include "io/sha256.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

namespace sqma::bundle {

namespace fs = std::filesystem;

namespace {

// The zip's name without ".zip": the bag's folder unless the options name one.
std::string top_folder(const fs::path& out_zip, const BagOptions& options)
{
  if (!options.top.empty()) {
    return options.top;
  }
  auto name = out_zip.filename().string();
  if (name.size() > 4 && name.substr(name.size() - 4) == ".zip") {
    name.resize(name.size() - 4);
  }
  return name;
}

std::string bag_info(const std::vector<detail::PayloadItem>& items, const BagOptions& options)
{
  std::uint64_t bytes = 0;
  for (const auto& item : items) {
    bytes += item.size;
  }
  std::string out = fmt::format("Bagging-Date: {}\nPayload-Oxum: {}.{}\n",
                                options.bagging_date.iso(), bytes, items.size());
  for (const auto& [label, value] : options.info) {
    out += fmt::format("{}: {}\n", label, value);
  }
  out += fmt::format("Bag-Software-Agent: sqma {}\n", k_version);
  return out;
}

void check_options(const BagOptions& options, const std::string& top)
{
  if (!bag_name_problem(top).empty() || top.find('/') != std::string::npos) {
    throw UsageError(fmt::format("\"{}\" cannot name a bag's folder", top));
  }
  for (const auto& [label, value] : options.info) {
    if (label.empty() || label.find_first_of(":\r\n") != std::string::npos ||
        label.front() == ' ' || value.find_first_of("\r\n") != std::string::npos) {
      throw UsageError(fmt::format("bag-info.txt cannot hold \"{}: {}\"", label, value));
    }
  }
  for (const auto& tag : options.tag_files) {
    if (!bag_name_problem(tag.name).empty() || tag.name.find('/') != std::string::npos ||
        detail::is_reserved_tag_name(tag.name)) {
      throw UsageError(fmt::format("\"{}\" cannot name a tag file", tag.name));
    }
  }
}

std::string hash_file(const fs::path& path)
{
  detail::FileSource source(path.string());
  io::Sha256 hash;
  std::string buffer(std::size_t{1} << 20U, '\0');
  while (const auto got = source.read(buffer.data(), buffer.size())) {
    hash.update(std::string_view(buffer.data(), got));
  }
  return hash.hex_digest();
}

Failure failure_of(const Error& e)
{
  return Failure(e.code(), e.what());
}

// What a thread needs to read and deflate payload files whole, made once per thread.
struct WholeScratch {
  detail::WholeDeflater deflater;
  std::unique_ptr<char[]> buffer = std::make_unique_for_overwrite<char[]>(detail::k_whole_max);
};

// Reads a payload file of at most one block whole and deflates it, checking its size as
// ZipWriter::add() does (a file that grew or shrank since its size was taken is refused with
// the same message).
detail::Deflated read_and_deflate(const std::string& entry, const detail::PayloadItem& item,
                                  WholeScratch& scratch)
{
  auto source = item.open();
  const auto fill = [&] {
    std::size_t count = 0;
    while (count < detail::k_whole_max) {
      const auto got = source->read(scratch.buffer.get() + count, detail::k_whole_max - count);
      if (got == 0) {
        break;
      }
      count += got;
    }
    return count;
  };
  const auto count = fill();
  std::uint64_t total = count;
  detail::Deflated out;
  if (total == item.size) {
    out = scratch.deflater.deflate(std::string_view(scratch.buffer.get(), count));
    total += fill(); // whether the file grew since its size was taken
  }
  if (total != item.size) {
    throw DataError(fmt::format("{}: changed while it was read ({} bytes expected, {} found)",
                                entry, item.size, total));
  }
  return out;
}

// Deflates the small payload files of a bag ahead of the zip writer: a helper thread takes
// them in the order they are written, and the writer deflates itself the one it needs when
// the helper has not started it, and later ones while it waits for the helper, so that two
// files are deflated at a time while the entries are still written one after another, each
// the same bytes as ZipWriter::add() makes. What the helper has done and the
// writer not yet taken stays under k_budget bytes.
class DeflateAhead {
public:
  struct Job {
    std::string entry;
    const detail::PayloadItem* item = nullptr;
  };

  explicit DeflateAhead(std::vector<Job> jobs)
      : m_jobs(std::move(jobs)), m_state(m_jobs.size(), State::pending), m_out(m_jobs.size()),
        m_error(m_jobs.size())
  {
    if (m_jobs.size() > 1) {
      m_thread = start_signal_free_thread([this] { help(); });
    }
  }
  ~DeflateAhead()
  {
    {
      const std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
      m_thread.join();
    }
  }
  DeflateAhead(const DeflateAhead&) = delete;
  DeflateAhead& operator=(const DeflateAhead&) = delete;

  // The deflated file of job `k` (jobs are taken in order); rethrows its error.
  detail::Deflated take(std::size_t k)
  {
    if (!m_scratch) {
      m_scratch = std::make_unique<WholeScratch>();
    }
    std::unique_lock lock(m_mutex);
    m_taken = k + 1;
    m_wake.notify_all(); // the budget may let the helper go on
    while (m_state[k] != State::done) {
      if (m_state[k] == State::pending) {
        m_state[k] = State::running;
        lock.unlock();
        return read_and_deflate(m_jobs[k].entry, *m_jobs[k].item, *m_scratch);
      }
      // The helper has this one: deflate a later one meanwhile, if the budget allows.
      auto j = k + 1;
      while (j < m_jobs.size() && m_state[j] != State::pending) {
        ++j;
      }
      if (j == m_jobs.size() || m_held + m_jobs[j].item->size > k_budget) {
        m_wake.wait(lock);
        continue;
      }
      run(j, *m_scratch, lock);
    }
    m_held -= m_jobs[k].item->size;
    lock.unlock();
    m_wake.notify_all();
    if (m_error[k]) {
      std::rethrow_exception(m_error[k]);
    }
    return std::move(m_out[k]);
  }

private:
  static constexpr std::uint64_t k_budget = std::uint64_t{8} << 20U;
  enum class State { pending, running, done };

  void help()
  {
    std::unique_ptr<WholeScratch> scratch;
    try {
      scratch = std::make_unique<WholeScratch>();
    } catch (...) {
      return; // the writer deflates every file itself
    }
    std::size_t next = 0;
    std::unique_lock lock(m_mutex);
    for (;;) {
      next = std::max(next, m_taken);
      while (next < m_jobs.size() && m_state[next] != State::pending) {
        ++next;
      }
      if (m_stop || next == m_jobs.size()) {
        return;
      }
      const auto size = m_jobs[next].item->size;
      if (next > m_taken && m_held + size > k_budget) {
        m_wake.wait(lock);
        continue;
      }
      run(next, *scratch, lock);
    }
  }

  // Deflates pending job `j` with the lock released, keeping its result or error for take().
  void run(std::size_t j, WholeScratch& scratch, std::unique_lock<std::mutex>& lock)
  {
    m_state[j] = State::running;
    m_held += m_jobs[j].item->size;
    lock.unlock();
    try {
      m_out[j] = read_and_deflate(m_jobs[j].entry, *m_jobs[j].item, scratch);
    } catch (...) {
      m_error[j] = std::current_exception();
    }
    lock.lock();
    m_state[j] = State::done;
    m_wake.notify_all();
  }

  std::vector<Job> m_jobs;
  std::vector<State> m_state;
  std::vector<detail::Deflated> m_out;
  std::vector<std::exception_ptr> m_error;
  std::unique_ptr<WholeScratch> m_scratch; // the writer's, made when it first deflates
  std::size_t m_taken = 0;                 // jobs before it are the writer's
  std::uint64_t m_held = 0; // bytes of the jobs the helper took and the writer not yet
  bool m_stop = false;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::thread m_thread; // last: starts once everything above is ready
};

} // namespace

namespace detail {

BagSummary write_bag(std::vector<PayloadItem> items, const fs::path& out_zip,
                     const BagOptions& options)
{
  const auto top = top_folder(out_zip, options);
  check_options(options, top);
  io::refuse_existing(out_zip, options.force);
  std::sort(items.begin(), items.end(),
            [](const PayloadItem& a, const PayloadItem& b) { return a.path < b.path; });

  // Every entry, in the sorted order of its name; the manifests sort after data/, so every
  // digest they list is known when they are written.
  enum class Kind { tag, payload, manifest, tag_manifest };
  std::map<std::string, std::pair<Kind, std::size_t>> order;
  std::map<std::string, std::string> tag_content;
  tag_content["bagit.txt"] = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  tag_content["bag-info.txt"] = bag_info(items, options);
  for (const auto& tag : options.tag_files) {
    if (!tag_content.emplace(tag.name, tag.content).second) {
      throw UsageError(fmt::format("tag file \"{}\" given twice", tag.name));
    }
  }
  for (const auto& [name, content] : tag_content) {
    order[top + "/" + name] = {Kind::tag, 0};
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    order[top + "/data/" + items[i].path] = {Kind::payload, i};
  }
  order[top + "/manifest-sha256.txt"] = {Kind::manifest, 0};
  order[top + "/tagmanifest-sha256.txt"] = {Kind::tag_manifest, 0};

  std::map<std::string, std::string> tag_digests; // by name below the top folder
  for (const auto& [name, content] : tag_content) {
    tag_digests[name] = io::sha256_hex(content);
  }
  BagSummary summary;
  summary.files.resize(items.size());
  // The small files to deflate, which may be read on another thread, in the order written.
  std::vector<DeflateAhead::Job> jobs;
  std::vector<std::size_t> job_of(items.size(), items.size());
  for (const auto& [entry, what] : order) {
    if (what.first != Kind::payload) {
      continue;
    }
    const auto& item = items[what.second];
    if (item.any_thread && item.size <= detail::k_whole_max && !is_compressed_type(item.path)) {
      job_of[what.second] = jobs.size();
      jobs.push_back({entry, &item});
    }
  }
  io::AtomicFile file(out_zip);
  {
    detail::ZipWriter zip(file, options.progress);
    DeflateAhead ahead(std::move(jobs));
    for (const auto& [entry, what] : order) {
      const auto name = entry.substr(top.size() + 1);
      switch (what.first) {
      case Kind::tag:
        static_cast<void>(zip.add(entry, tag_content.at(name), Method::deflate));
        break;
      case Kind::payload: {
        auto& item = items[what.second];
        std::string digest;
        if (job_of[what.second] < items.size()) {
          digest = zip.add_deflated(entry, ahead.take(job_of[what.second]));
        } else {
          auto source = item.open();
          const auto method = is_compressed_type(item.path) ? Method::store : Method::deflate;
          digest = zip.add(entry, *source, item.size, method);
        }
        if (!item.expected_sha256.empty() && digest != item.expected_sha256) {
          throw DataError(fmt::format("{}: read twice with different bytes", item.path));
        }
        summary.files[what.second] = BagFile{item.path, item.size, std::move(digest)};
        summary.payload_bytes += item.size;
        break;
      }
      case Kind::manifest: {
        std::string manifest;
        for (const auto& f : summary.files) {
          manifest += fmt::format("{}  data/{}\n", f.sha256, percent_encode(f.path));
        }
        tag_digests[name] = zip.add(entry, manifest, Method::deflate);
        break;
      }
      case Kind::tag_manifest: {
        std::string manifest;
        for (const auto& [tag, digest] : tag_digests) {
          manifest += fmt::format("{}  {}\n", digest, percent_encode(tag));
        }
        static_cast<void>(zip.add(entry, manifest, Method::deflate));
        break;
      }
      }
    }
    zip.finish();
  }
  file.close();
  if (options.zip_digest) {
    summary.zip_sha256 = hash_file(file.temp_path());
  }
  if (options.staged != nullptr) {
    options.staged->push_back(std::move(file));
  } else {
    file.commit();
  }
  return summary;
}

} // namespace detail

Result<BagSummary> create_bag(const fs::path& dir, const fs::path& out_zip,
                              const BagOptions& options)
{
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Failure(ExitCode::data, fmt::format("{}: not a folder", dir.string()));
  }
  const auto root = fs::weakly_canonical(dir, ec);
  const auto target = fs::weakly_canonical(fs::absolute(out_zip, ec), ec);
  const auto inside = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  if (inside.first == root.end()) {
    return Failure(ExitCode::usage,
                   fmt::format("{}: the bag would be written inside the folder it bags ({})",
                               out_zip.string(), dir.string()));
  }
  std::vector<detail::PayloadItem> items;
  fs::recursive_directory_iterator it(root, ec);
  if (ec) {
    return Failure(ExitCode::data, fmt::format("{}: cannot read: {}", dir.string(), ec.message()));
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      return Failure(ExitCode::data,
                     fmt::format("{}: cannot read: {}", dir.string(), ec.message()));
    }
    const auto status = it->symlink_status(ec);
    if (fs::is_directory(status)) {
      continue;
    }
    const auto rel = it->path().lexically_relative(root).generic_string();
    const auto shown = (dir / rel).string();
    if (fs::is_symlink(status)) {
      return Failure(ExitCode::data,
                     fmt::format("{}: a symbolic link; bags hold regular files only", shown));
    }
    if (!fs::is_regular_file(status)) {
      return Failure(ExitCode::data, fmt::format("{}: not a regular file", shown));
    }
    if (auto problem = bag_name_problem(rel); !problem.empty()) {
      return Failure(ExitCode::data, fmt::format("{}: {}", shown, problem));
    }
    const auto size = fs::file_size(it->path(), ec);
    if (ec) {
      return Failure(ExitCode::data, fmt::format("{}: cannot read: {}", shown, ec.message()));
    }
    items.push_back(
        {rel,
         size,
         [path = it->path().string()] { return std::make_unique<detail::FileSource>(path); },
         {},
         true});
  }
  try {
    return detail::write_bag(std::move(items), out_zip, options);
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& e) {
    return failure_of(e);
  }
}

} // namespace sqma::bundle
