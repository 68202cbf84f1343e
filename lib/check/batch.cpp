// SPDX-License-Identifier: Apache-2.0
#include "check/batch.hpp"

#include "io/json_reader.hpp"
#include "io/json_stream.hpp"
#include "io/sha256.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace sqma::check {
namespace {

using Callback = std::function<void(BatchItem&)>;

// A record waiting to be checked: its text as read, then what became of it.
struct Pending {
  Result<io::RawRecord> raw;
  BatchItem item;
};

void process(Pending& p, const Settings& settings, const Callback& prepare)
{
  if (!p.raw) {
    p.item.error = p.raw.failure();
    return;
  }
  const auto& where = p.raw->where;
  auto json = io::parse_json(p.raw->text, where.file, where.line);
  if (!json) {
    p.item.error = json.failure();
    return;
  }
  auto dossier = model::dossier_from_json(json.value(), where, p.raw->text);
  if (!dossier) {
    p.item.error = dossier.failure();
    return;
  }
  try {
    require_checkable(dossier.value());
  } catch (const DataError& e) {
    p.item.error = Failure(ExitCode::data, e.what(), where);
    return;
  }
  p.item.loaded =
      model::LoadedDossier{std::move(dossier).value(), where, io::sha256_hex(p.raw->text)};
  p.item.result = check_dossier(p.item.loaded.dossier, settings);
  prepare(p.item);
}

// Checks a window of records on `jobs` threads, then emits them in order.
void run_window(std::vector<Pending>& window, const Settings& settings, unsigned jobs,
                const Callback& prepare, const Callback& emit)
{
  if (jobs <= 1 || window.size() <= 1) {
    for (auto& p : window) {
      process(p, settings, prepare);
    }
  } else {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto worker = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < window.size();) {
        try {
          process(window[i], settings, prepare);
        } catch (...) {
          const std::lock_guard lock(failure_mutex);
          if (!failure) {
            failure = std::current_exception();
          }
          next = window.size();
        }
      }
    };
    {
      std::vector<std::jthread> threads;
      for (unsigned t = 1; t < jobs; ++t) {
        threads.emplace_back(worker);
      }
      worker();
    }
    if (failure) {
      std::rethrow_exception(failure);
    }
  }
  for (auto& p : window) {
    emit(p.item);
  }
  window.clear();
}

} // namespace

Result<std::size_t> check_batch(const std::vector<std::string>& args, std::istream& in,
                                const Settings& settings, unsigned jobs, const Callback& prepare,
                                const Callback& emit)
{
  const std::size_t window_size = 16 * std::max(1U, jobs);
  std::vector<Pending> window;
  window.reserve(window_size);
  auto count = io::read_raw_inputs(args, in, [&](Result<io::RawRecord> raw) {
    window.push_back(Pending{std::move(raw), {}});
    if (window.size() >= window_size) {
      run_window(window, settings, jobs, prepare, emit);
    }
    return true;
  });
  if (!count) {
    return count.failure();
  }
  run_window(window, settings, jobs, prepare, emit);
  return count;
}

} // namespace sqma::check
