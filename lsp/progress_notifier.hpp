// The background index as LSP work-done progress ($/progress begin, report, end) under one token.
// Thread contract: session thread only.
#pragma once
#include <cstddef>

namespace agentlens::lsp {

class Server;

class IndexProgress {
 public:
  explicit IndexProgress(Server& server) : server_(server) {}
  /// Creates the token and begins (no-op while one is active).
  void start();
  /// A report when the percentage moved.
  void report(std::size_t done, std::size_t total);
  /// Ends the active progress, if any.
  void end(std::size_t files);
  [[nodiscard]] bool active() const { return active_; }

 private:
  Server& server_;
  bool active_ = false;
  int lastPercent_ = -1;
};

}  // namespace agentlens::lsp
