// agentlens/readinessChanged: the readiness score sent when it changes, computed once per burst
// of results (the initial index sends one, not one per file). Thread contract: session thread.
#pragma once
#include <optional>
#include <string>

#include "core/score/readiness.hpp"

namespace agentlens::lsp {

class Server;

class ReadinessNotifier {
 public:
  explicit ReadinessNotifier(Server& server) : server_(server) {}
  /// Recomputes at the end of the session queue and notifies when the readiness changed.
  void schedule();
  /// The readiness computed for the last notification (cheap; code actions use it).
  [[nodiscard]] const std::optional<core::Readiness>& last() const { return last_; }

 private:
  void run();

  Server& server_;
  bool scheduled_ = false;
  std::string lastWire_;
  std::optional<core::Readiness> last_;
};

}  // namespace agentlens::lsp
