// Cooperative cancellation of the work on the current thread, without threading a flag through
// every signature (the approach of clangd's isCancelled()): a job installs a CancelScope with its
// scheduler flag; long loops deep inside (the rule engine's traversal) poll cancelRequested() and
// stop early. Whoever installed the scope must then discard the partial result.
#pragma once
#include <atomic>

namespace agentlens::core {

namespace detail {
inline thread_local const std::atomic<bool>* currentCancel = nullptr;
}

/// True when the work running on this thread has been cancelled (superseded by a newer version,
/// its document closed, or the server shutting down). False outside any CancelScope.
[[nodiscard]] inline bool cancelRequested() {
  const auto* f = detail::currentCancel;
  return f && f->load(std::memory_order_relaxed);
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

}  // namespace agentlens::core
