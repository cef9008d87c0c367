// Diagnostics to the client: push (textDocument/publishDiagnostics), pull (the reports of
// textDocument/diagnostic and workspace/diagnostic, and pulls waiting for an analysis) and
// refresh (workspace/diagnostic/refresh). Decides what may be shown: only an open document's
// own versions reach it, and a disk result never replaces an open document's.
// Thread contract: session thread only (like Server).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/workspace.hpp"
#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {

class Server;

class DiagnosticsPublisher {
 public:
  explicit DiagnosticsPublisher(Server& server) : server_(server) {}
  DiagnosticsPublisher(const DiagnosticsPublisher&) = delete;
  DiagnosticsPublisher& operator=(const DiagnosticsPublisher&) = delete;

  /// A result of the workspace: dropped (false) when stale for the document it is about; else
  /// answers the pulls waiting for it, pushes it, and asks pull clients to refresh when the
  /// workspace checks changed it.
  bool deliver(const core::FileDiagnostics& d);
  /// Pushes a file's diagnostics (nothing for pull clients).
  void publish(const core::FileDiagnostics& d);
  /// Pushes what is known for a path now (its analysis, else only its config findings).
  void publishPath(const std::string& path);

  /// The pull report of a file: `unchanged` when the client's resultId is current.
  [[nodiscard]] json documentReport(const core::FileDiagnostics& d,
                                    const std::optional<std::string>& previousResultId) const;
  /// A pull that waits until the open document's current version is analysed.
  void deferPull(const std::string& path, const json& id, std::optional<std::string> previousResultId);
  /// Answers a waiting pull with RequestCancelled (no-op for another id).
  void cancelDeferred(const json& id);

  /// workspace/diagnostic/refresh now, when the client supports it.
  void refresh();
  /// The same once per burst of changes (posted to the end of the session queue).
  void scheduleRefresh();

 private:
  /// Writes one publishDiagnostics (the last check against a didOpen being read is here).
  void send(const std::string& path, json params);

  Server& server_;
  struct Deferred {
    json id;
    std::optional<std::string> previousResultId;
  };
  std::map<std::string, std::vector<Deferred>> deferredPulls_;
  std::set<std::string> pushedPaths_;  // files whose last push was non-empty
  bool refreshScheduled_ = false;
};

}  // namespace agentlens::lsp
