// Cooperative cancellation of the work on the current thread, without threading a flag through
// every signature (the approach of clangd's isCancelled()): a job installs a CancelScope with its
// scheduler flag; long loops deep inside (the rule engine's traversal) poll cancelRequested() and
// stop early. Whoever installed the scope must then discard the partial result.
#pragma once
#include <atomic>
#include <chrono>
#include <optional>

namespace agentlens::core {

namespace detail {
inline thread_local const std::atomic<bool>* currentCancel = nullptr;
inline thread_local std::optional<std::chrono::steady_clock::time_point> currentDeadline;
}

/// True when the work running on this thread has been cancelled (superseded by a newer version,
/// its document closed, or the server shutting down) or its DeadlineScope has expired. False
/// outside any scope. Reads the clock under a deadline: poll it every few hundred steps.
[[nodiscard]] inline bool cancelRequested() {
  const auto* f = detail::currentCancel;
  if (f && f->load(std::memory_order_relaxed)) return true;
  return detail::currentDeadline && std::chrono::steady_clock::now() > *detail::currentDeadline;
}

/// Installs `flag` as this thread's cancellation flag for the scope's lifetime (nests).
class CancelScope {
 public:
  explicit CancelScope(const std::atomic<bool>* flag) : previous_(detail::currentCancel) { detail::currentCancel = flag; }
  ~CancelScope() { detail::currentCancel = previous_; }
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

 private:
  const std::atomic<bool>* previous_;
};

/// A time budget for the work on this thread (the per-file analysis budget); nullopt = none.
class DeadlineScope {
 public:
  explicit DeadlineScope(std::optional<std::chrono::steady_clock::time_point> deadline)
      : previous_(detail::currentDeadline) {
    detail::currentDeadline = deadline;
  }
  ~DeadlineScope() { detail::currentDeadline = previous_; }
  DeadlineScope(const DeadlineScope&) = delete;
  DeadlineScope& operator=(const DeadlineScope&) = delete;
  /// Whether the budget ran out (checked now).
  [[nodiscard]] bool expired() const {
    return detail::currentDeadline && std::chrono::steady_clock::now() > *detail::currentDeadline;
  }

 private:
  std::optional<std::chrono::steady_clock::time_point> previous_;
};

}  // namespace agentlens::core
