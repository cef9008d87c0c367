// Per-file work scheduling for the server (in the spirit of clangd's TUScheduler): debounced
// updates, latest version wins, a background pool, two priorities, cancellation, and a
// synchronous mode driven by a manual clock for deterministic tests.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace agentlens::core {

/// Open documents run ahead of background indexing.
enum class Priority : std::uint8_t { Interactive, Background };

/// A clock tests advance by hand. Thread-safe.
class ManualClock {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  [[nodiscard]] time_point now() const { return time_point(std::chrono::nanoseconds(ns_.load())); }
  void advance(std::chrono::nanoseconds d) { ns_ += d.count(); }

 private:
  std::atomic<std::int64_t> ns_{std::chrono::nanoseconds(std::chrono::hours(1)).count()};
};

/// What a running job can ask. Valid only during the job's work call.
struct JobContext {
  std::string_view path;
  std::int64_t version = 0;
  Priority priority = Priority::Interactive;
  const std::atomic<bool>* cancelFlag = nullptr;
  /// True once the job is superseded by a newer update, cancelled or shut down: stop early.
  [[nodiscard]] bool cancelled() const { return cancelFlag && cancelFlag->load(std::memory_order_relaxed); }
};

/// A job's result delivery: called only when the job is still current for its path when its
/// work returns (no newer update, no cancel, no shutdown). May be empty.
using Publish = std::function<void()>;
/// A job's work: runs on a pool thread (or the thread calling runDue()/runUntilIdle() in
/// synchronous mode). It must not touch session state; it returns how to publish its result.
using Work = std::function<Publish(const JobContext&)>;

/// Debounce from a file's recent run durations: their median, clamped to [min, max]; `min`
/// when there is no history yet. Pure, for tests.
[[nodiscard]] std::chrono::milliseconds adaptiveDebounce(std::span<const std::chrono::nanoseconds> recent,
                                                         std::chrono::milliseconds min,
                                                         std::chrono::milliseconds max);

struct SchedulerOptions {
  /// Threads for background work; 0 = one per core. The pool has one more, kept for
  /// interactive jobs. Ignored in synchronous mode.
  unsigned workers = 0;
  std::chrono::milliseconds minDebounce{50};
  std::chrono::milliseconds maxDebounce{500};
  /// Non-null: synchronous mode. Nothing runs on its own: runDue()/runUntilIdle() run jobs on
  /// the calling thread, time comes from this clock (and job durations too), no thread is
  /// started. Must outlive the Scheduler.
  ManualClock* manualClock = nullptr;
};

struct SchedulerStats {
  std::uint64_t started = 0;     ///< jobs whose work ran
  std::uint64_t published = 0;   ///< results delivered
  std::uint64_t dropped = 0;     ///< results dropped because the job went stale while running
  std::uint64_t superseded = 0;  ///< pending jobs replaced by a newer update before they started
  std::uint64_t cancelled = 0;   ///< pending jobs removed by cancel() or shutdown()
};

/// Thread contract: every public function may be called from any thread, including from inside
/// a job's work or publish, except shutdown() and the destructor (not from a job: they wait for
/// running jobs) and runDue()/runUntilIdle() (synchronous mode only, one caller at a time).
/// Per path, jobs run one at a time and publish in submission order.
class Scheduler {
 public:
  explicit Scheduler(SchedulerOptions opts = {});
  ~Scheduler();  ///< shutdown()
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  /// Schedules `work` for `path` at `version`. Interactive jobs wait for the file's debounce
  /// (adaptive, see adaptiveDebounce; a burst of updates is coalesced into one run, but no job
  /// waits more than maxDebounce after the first update of the burst); background jobs are ready
  /// at once and run only when no interactive job is ready. A pending job of the same path is
  /// replaced (latest wins; an interactive job stays interactive); a running one is told to
  /// cancel and its result is dropped. Returns false (and schedules nothing) when `version` is
  /// older than the newest version seen for the path, or after shutdown.
  /// `debounce = false` makes an interactive job due at once (a document just opened: nothing
  /// to coalesce, and the user is looking at it).
  bool update(std::string path, std::int64_t version, Work work, Priority priority = Priority::Interactive,
              bool debounce = true);

  /// Makes the path's pending interactive job due now, skipping the rest of its debounce (a
  /// client waits for exactly this result: a pull). Nothing else changes: a running job keeps
  /// running, the version stays. Returns whether a pending job was found.
  bool expedite(std::string_view path);

  /// Drops the path's pending job and cancels its running one (its result is dropped). The
  /// path's version history is forgotten, so a reopened document may start again at any version.
  void cancel(std::string_view path);

  /// Stops accepting work, drops pending jobs, cancels running ones and waits for them. Idempotent.
  void shutdown();

  /// Blocks until nothing is pending or running (asynchronous mode; for the CLI and tests).
  void waitIdle();

  /// Synchronous mode: runs every job that is due at the clock's current time, highest
  /// priority first, on the calling thread. Returns how many ran.
  std::size_t runDue();
  /// Synchronous mode: runs jobs, advancing the manual clock to each next due time, until
  /// nothing is pending. Returns how many ran.
  std::size_t runUntilIdle();

  /// The debounce the path's next interactive update would get.
  [[nodiscard]] std::chrono::milliseconds debounceFor(std::string_view path) const;
  [[nodiscard]] SchedulerStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agentlens::core
