// SPDX-License-Identifier: Apache-2.0
#include "check/batch.hpp"
#include "core/parallel.hpp"
#include "cycle/config.hpp"

#include "io/json_reader.hpp"
#include "io/json_stream.hpp"
#include "io/sha256.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
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
  if (settings.cycle != nullptr) {
    if (auto other = cycle::other_cycle(*settings.cycle, dossier.value(), where)) {
      p.item.error = std::move(*other);
      return;
    }
  }
  if (auto names = model::names_disagree(dossier.value(), where)) {
    p.item.error = std::move(*names);
    return;
  }
  try {
    require_checkable(dossier.value(), settings.check_date);
  } catch (const DataError& e) {
    p.item.error = Failure(ExitCode::data, e.what(), where);
    return;
  }
  p.item.loaded =
      model::LoadedDossier{std::move(dossier).value(), where, io::sha256_hex(p.raw->text)};
  p.item.result = check_dossier(p.item.loaded.dossier, settings);
  prepare(p.item);
}

// Checks records on `jobs` worker threads while the calling thread reads the input and
// emits checked items in order, so that reading and writing overlap with the checking and
// no core waits for the slowest dossier of a batch. At most `capacity` records are held:
// the reader waits for the oldest to be emitted before it reads past that.
class Pipeline {
public:
  Pipeline(const Settings& settings, unsigned jobs, std::size_t capacity, const Callback& prepare,
           const Callback& emit)
      : m_settings(settings), m_prepare(prepare), m_emit(emit), m_slots(capacity),
        m_done(capacity, false)
  {
    // Workers start with every signal blocked, so that an interrupt reaches the reading
    // thread. A worker that cannot start leaves the batch to those that did; when none
    // could, std::system_error tells check_batch to check in order on its own thread.
    const SignalsBlocked blocked;
    try {
      m_workers.reserve(jobs);
      for (unsigned t = 0; t < jobs; ++t) {
        m_workers.emplace_back([this] { work(); });
      }
    } catch (const std::system_error&) {
      if (m_workers.empty()) {
        throw;
      }
    } catch (...) {
      stop(); // the destructor does not run: the started workers must not wait forever
      throw;
    }
  }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;
  // Stops the workers, also when an exception leaves the batch early.
  ~Pipeline() { stop(); }

  // Queues one record. When the pipeline is full, first emits the older half of it: the
  // reader then sleeps once for a run of items, not once for every item.
  void push(Result<io::RawRecord> raw)
  {
    std::unique_lock lock(m_mutex);
    if (m_read - m_emitted == m_slots.size()) {
      emit_until(m_emitted + m_slots.size() / 2, lock);
    }
    m_slots[m_read % m_slots.size()].emplace(Pending{std::move(raw), {}});
    ++m_read;
    lock.unlock();
    m_work_ready.notify_one();
  }

  // Emits everything still queued, once the input has ended.
  void finish()
  {
    std::unique_lock lock(m_mutex);
    emit_until(m_read, lock);
  }

private:
  // Tells the workers to end once their current record is done; they are joined when
  // m_workers goes.
  void stop() noexcept
  {
    {
      const std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_work_ready.notify_all();
  }

  // Emits items in order until `count` have been, sleeping while the next is not checked.
  // Emitting happens outside the lock: a checked slot is not touched by the workers.
  void emit_until(std::size_t count, std::unique_lock<std::mutex>& lock)
  {
    while (m_emitted < count) {
      // Wait for the last item wanted; by then those before it are checked too, but for
      // any still in a worker's hands, which is then waited for instead.
      m_awaited = m_done[(count - 1) % m_slots.size()] ? m_emitted : count - 1;
      m_item_done.wait(lock, [this] { return m_failure || m_done[m_awaited % m_slots.size()]; });
      if (m_failure) {
        std::rethrow_exception(m_failure);
      }
      while (m_emitted < count && m_done[m_emitted % m_slots.size()]) {
        auto& slot = m_slots[m_emitted % m_slots.size()];
        lock.unlock();
        m_emit(slot->item);
        slot.reset();
        lock.lock();
        m_done[m_emitted % m_slots.size()] = false;
        ++m_emitted;
      }
    }
  }

  void work()
  {
    std::unique_lock lock(m_mutex);
    while (true) {
      m_work_ready.wait(lock, [this] { return m_stopping || m_claimed < m_read; });
      if (m_stopping) {
        return;
      }
      const std::size_t record = m_claimed++;
      const std::size_t index = record % m_slots.size();
      lock.unlock();
      std::exception_ptr failure;
      try {
        process(*m_slots[index], m_settings, m_prepare);
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      if (failure && !m_failure) {
        m_failure = failure;
      }
      m_done[index] = true;
      if (record == m_awaited || m_failure) {
        m_item_done.notify_one();
      }
    }
  }

  const Settings& m_settings;
  const Callback& m_prepare;
  const Callback& m_emit;
  // A ring: record n sits in slot n % size. A slot belongs to the reader until it counts in
  // m_read, then to the one worker that claims it until m_done is set, then to the emitter.
  std::vector<std::optional<Pending>> m_slots;
  std::mutex m_mutex; // guards the state below
  std::condition_variable m_work_ready;
  std::condition_variable m_item_done;
  std::vector<bool> m_done;  // the slot's item is checked and waits to be emitted
  std::size_t m_read = 0;    // records queued so far
  std::size_t m_claimed = 0; // records a worker has taken
  std::size_t m_emitted = 0; // records emitted
  std::size_t m_awaited = 0; // the record the emitter sleeps until a worker has checked
  bool m_stopping = false;
  std::exception_ptr m_failure;
  std::vector<std::jthread> m_workers; // last: joined before the state above goes
};

} // namespace

Result<std::size_t> check_batch(const std::vector<std::string>& args, std::istream& in,
                                const Settings& settings, unsigned jobs, const Callback& prepare,
                                const Callback& emit)
{
  if (jobs <= 1) {
    auto count = io::read_raw_inputs(args, in, [&](Result<io::RawRecord> raw) {
      Pending p{std::move(raw), {}};
      process(p, settings, prepare);
      emit(p.item);
      return true;
    });
    if (!count) {
      return count.failure();
    }
    return count;
  }
  std::optional<Pipeline> pipeline;
  try {
    pipeline.emplace(settings, jobs, std::size_t{16} * jobs, prepare, emit);
  } catch (const std::system_error&) {
    return check_batch(args, in, settings, 1, prepare, emit); // no thread could start
  }
  auto count = io::read_raw_inputs(args, in, [&](Result<io::RawRecord> raw) {
    pipeline->push(std::move(raw));
    return true;
  });
  if (!count) {
    return count.failure();
  }
  pipeline->finish();
  return count;
}

} // namespace sqma::check
