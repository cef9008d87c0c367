#include "core/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <vector>

namespace agentlens::core {
namespace asio = boost::asio;

std::chrono::milliseconds adaptiveDebounce(std::span<const std::chrono::nanoseconds> recent,
                                           std::chrono::milliseconds min, std::chrono::milliseconds max) {
  if (recent.empty()) return min;
  std::vector<std::chrono::nanoseconds> v(recent.begin(), recent.end());
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  auto median = std::chrono::ceil<std::chrono::milliseconds>(v[v.size() / 2]);
  return std::clamp(median, min, max);
}

namespace {

using TimePoint = std::chrono::steady_clock::time_point;
constexpr std::size_t kHistory = 8;  // run durations kept per file for the debounce

struct Pending {
  std::int64_t version = 0;
  std::uint64_t gen = 0;
  Work work;
  Priority priority = Priority::Interactive;
  TimePoint due;
  TimePoint burstStart;  // first update of the coalesced burst: bounds how long it may wait
  std::uint64_t seq = 0;
};

struct FileState {
  std::int64_t latest = std::numeric_limits<std::int64_t>::min();
  std::uint64_t gen = 0;  // bumped by every update and cancel: a job is current iff its gen matches
  std::optional<Pending> pending;
  bool running = false;
  std::shared_ptr<std::atomic<bool>> runningCancel;
  std::deque<std::chrono::nanoseconds> history;
};

/// A job taken off the queue.
struct Job {
  std::string path;
  std::int64_t version = 0;
  std::uint64_t gen = 0;
  Priority priority = Priority::Interactive;
  Work work;
  std::shared_ptr<std::atomic<bool>> cancel;
};

/// Queue order: due time, then submission order.
using QueueKey = std::tuple<TimePoint, std::uint64_t, std::string>;

}  // namespace

struct Scheduler::Impl {
  SchedulerOptions opts;
  mutable std::mutex mu;
  std::condition_variable idleCv;
  std::map<std::string, FileState, std::less<>> files;
  std::set<QueueKey> queues[2];  // indexed by Priority
  std::uint64_t seq = 0;
  unsigned workers = 1;
  unsigned running = 0;
  unsigned runningBackground = 0;
  bool stopping = false;
  SchedulerStats stats;
  // Asynchronous mode only. The timer is declared after the pool: destroyed first.
  std::unique_ptr<asio::thread_pool> pool;
  std::unique_ptr<asio::steady_timer> timer;
  std::optional<TimePoint> timerAt;

  explicit Impl(SchedulerOptions o) : opts(o) {
    if (!opts.manualClock) {
      workers = opts.workers ? opts.workers : std::max(1u, std::thread::hardware_concurrency());
      // One thread more than `workers`, kept for interactive jobs: background indexing uses at
      // most `workers`, so an opened or edited document never waits for an index job to end.
      pool = std::make_unique<asio::thread_pool>(workers + 1);
      timer = std::make_unique<asio::steady_timer>(*pool);
    }
  }

  [[nodiscard]] bool sync() const { return opts.manualClock != nullptr; }
  [[nodiscard]] TimePoint now() const { return sync() ? opts.manualClock->now() : std::chrono::steady_clock::now(); }

  [[nodiscard]] std::chrono::milliseconds debounce(const FileState& st) const {
    std::vector<std::chrono::nanoseconds> h(st.history.begin(), st.history.end());
    return adaptiveDebounce(h, opts.minDebounce, opts.maxDebounce);
  }

  // --- everything below runs with `mu` held, unless it says otherwise ---

  void dequeue(const std::string& path, FileState& st) {
    if (!st.pending) return;
    queues[static_cast<int>(st.pending->priority)].erase({st.pending->due, st.pending->seq, path});
    st.pending.reset();
  }

  [[nodiscard]] bool idle() const { return running == 0 && queues[0].empty() && queues[1].empty(); }

  /// The highest-priority job due at `t` whose path is not already running; background jobs
  /// only while fewer than `backgroundLimit` of them run.
  std::optional<Job> pick(TimePoint t, unsigned backgroundLimit = std::numeric_limits<unsigned>::max()) {
    for (auto& q : queues) {
      if (&q == &queues[static_cast<int>(Priority::Background)] && runningBackground >= backgroundLimit) break;
      for (auto it = q.begin(); it != q.end() && std::get<0>(*it) <= t; ++it) {
        const std::string& path = std::get<2>(*it);
        FileState& st = files.find(path)->second;
        if (st.running) continue;  // one job per path at a time; it resumes when that one ends
        Pending p = std::move(*st.pending);
        st.pending.reset();
        Job job{path, p.version, p.gen, p.priority, std::move(p.work), std::make_shared<std::atomic<bool>>(false)};
        q.erase(it);
        st.running = true;
        st.runningCancel = job.cancel;
        ++running;
        if (p.priority == Priority::Background) ++runningBackground;
        ++stats.started;
        return job;
      }
    }
    return std::nullopt;
  }

  /// The earliest due time after `t` of any queued job.
  [[nodiscard]] std::optional<TimePoint> nextDueAfter(TimePoint t) const {
    std::optional<TimePoint> best;
    for (const auto& q : queues) {
      auto it = q.lower_bound({t + std::chrono::nanoseconds(1), 0, std::string()});
      if (it != q.end() && (!best || std::get<0>(*it) < *best)) best = std::get<0>(*it);
    }
    return best;
  }

  /// Asynchronous mode: start due jobs on free workers, and arm the timer for the next one.
  void pump() {
    if (sync() || stopping) return;
    TimePoint t = now();
    while (running < workers + 1) {
      std::optional<Job> job = pick(t, running < workers ? workers : 0);
      if (!job) break;
      asio::post(*pool, [this, j = std::move(*job)]() mutable { execute(std::move(j)); });
    }
    std::optional<TimePoint> next = nextDueAfter(t);
    if (!next) return;  // a stale armed timer only causes one extra pump
    if (timerAt && *timerAt <= *next) return;
    timerAt = next;
    timer->expires_at(*next);
    timer->async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // re-armed or cancelled
      std::lock_guard lk(mu);
      timerAt.reset();
      pump();
    });
  }

  /// Runs a job's work and publishes its result if it is still current. Called WITHOUT `mu`.
  void execute(Job job) {
    JobContext ctx{job.path, job.version, job.priority, job.cancel.get()};
    TimePoint t0 = now();
    Publish publish;
    try {
      publish = job.work(ctx);
    } catch (const std::exception& e) {
      spdlog::error("{}: job for version {} failed: {}", job.path, job.version, e.what());
    } catch (...) {
      spdlog::error("{}: job for version {} failed", job.path, job.version);
    }
    auto took = now() - t0;
    bool current = false;
    {
      std::lock_guard lk(mu);
      FileState& st = files.find(job.path)->second;
      current = !stopping && st.gen == job.gen && !job.cancel->load();
      if (!job.cancel->load()) {  // a cancelled run stopped early: its duration says nothing
        st.history.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(took));
        if (st.history.size() > kHistory) st.history.pop_front();
      }
      if (!current) ++stats.dropped;
      else if (publish) ++stats.published;
    }
    // Publish before the path's next job may start, so results arrive in order per path.
    if (current && publish) {
      try {
        publish();
      } catch (const std::exception& e) {
        spdlog::error("{}: publishing version {} failed: {}", job.path, job.version, e.what());
      }
    }
    std::lock_guard lk(mu);
    FileState& st = files.find(job.path)->second;
    st.running = false;
    st.runningCancel.reset();
    --running;
    if (job.priority == Priority::Background) --runningBackground;
    pump();
    if (idle()) idleCv.notify_all();
  }
};

Scheduler::Scheduler(SchedulerOptions opts) : impl_(std::make_unique<Impl>(opts)) {}

Scheduler::~Scheduler() { shutdown(); }

bool Scheduler::update(std::string path, std::int64_t version, Work work, Priority priority, bool debounce) {
  Impl& m = *impl_;
  std::lock_guard lk(m.mu);
  if (m.stopping) return false;
  auto it = m.files.try_emplace(std::move(path)).first;
  const std::string& key = it->first;
  FileState& st = it->second;
  if (version < st.latest) {
    spdlog::debug("{}: ignoring update to version {}; version {} is newer", key, version, st.latest);
    return false;
  }
  st.latest = version;
  ++st.gen;
  if (st.runningCancel) st.runningCancel->store(true);
  TimePoint t = m.now();
  TimePoint burstStart = t;
  if (st.pending) {
    if (st.pending->priority == Priority::Interactive) priority = Priority::Interactive;
    burstStart = st.pending->burstStart;
    m.dequeue(key, st);
    ++m.stats.superseded;
  }
  TimePoint due = t;
  if (priority == Priority::Interactive && debounce)
    due = std::min(t + m.debounce(st), burstStart + m.opts.maxDebounce);
  st.pending = Pending{version, st.gen, std::move(work), priority, due, burstStart, ++m.seq};
  m.queues[static_cast<int>(priority)].insert({due, st.pending->seq, key});
  m.pump();
  return true;
}

bool Scheduler::expedite(std::string_view path) {
  Impl& m = *impl_;
  std::lock_guard lk(m.mu);
  auto it = m.files.find(path);
  if (it == m.files.end() || !it->second.pending) return false;
  Pending& p = *it->second.pending;
  TimePoint t = m.now();
  if (p.priority != Priority::Interactive || p.due <= t) return true;
  auto& q = m.queues[static_cast<int>(Priority::Interactive)];
  q.erase({p.due, p.seq, it->first});
  p.due = t;
  q.insert({p.due, p.seq, it->first});
  m.pump();
  return true;
}

void Scheduler::cancel(std::string_view path) {
  Impl& m = *impl_;
  std::lock_guard lk(m.mu);
  auto it = m.files.find(path);
  if (it == m.files.end()) return;
  FileState& st = it->second;
  if (st.pending) {
    m.dequeue(it->first, st);
    ++m.stats.cancelled;
  }
  ++st.gen;
  st.latest = std::numeric_limits<std::int64_t>::min();
  if (st.runningCancel) st.runningCancel->store(true);
  if (m.idle()) m.idleCv.notify_all();
}

void Scheduler::shutdown() {
  Impl& m = *impl_;
  {
    std::lock_guard lk(m.mu);
    if (!m.stopping) {
      m.stopping = true;
      for (auto& [path, st] : m.files) {
        if (st.pending) {
          m.dequeue(path, st);
          ++m.stats.cancelled;
        }
        if (st.runningCancel) st.runningCancel->store(true);
      }
      if (m.timer) m.timer->cancel();
    }
  }
  if (m.pool) m.pool->join();  // waits for running jobs; they publish nothing now
  m.idleCv.notify_all();
}

void Scheduler::waitIdle() {
  Impl& m = *impl_;
  if (m.sync()) {
    runUntilIdle();
    return;
  }
  std::unique_lock lk(m.mu);
  m.idleCv.wait(lk, [&] { return m.stopping || m.idle(); });
}

std::size_t Scheduler::runDue() {
  Impl& m = *impl_;
  if (!m.sync()) return 0;
  std::size_t n = 0;
  for (;;) {
    std::optional<Job> job;
    {
      std::lock_guard lk(m.mu);
      if (m.stopping) break;
      job = m.pick(m.now());
    }
    if (!job) break;
    m.execute(std::move(*job));
    ++n;
  }
  return n;
}

std::size_t Scheduler::runUntilIdle() {
  Impl& m = *impl_;
  if (!m.sync()) return 0;
  std::size_t n = 0;
  for (;;) {
    n += runDue();
    std::lock_guard lk(m.mu);
    if (m.stopping) break;
    auto next = m.nextDueAfter(m.now());
    if (!next) break;  // nothing pending (in this mode nothing is running either)
    m.opts.manualClock->advance(*next - m.now());
  }
  return n;
}

std::chrono::milliseconds Scheduler::debounceFor(std::string_view path) const {
  const Impl& m = *impl_;
  std::lock_guard lk(m.mu);
  auto it = m.files.find(path);
  return it == m.files.end() ? m.opts.minDebounce : m.debounce(it->second);
}

SchedulerStats Scheduler::stats() const {
  std::lock_guard lk(impl_->mu);
  return impl_->stats;
}

}  // namespace agentlens::core
