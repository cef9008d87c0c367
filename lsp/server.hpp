// The language server: lifecycle, the session state (client capabilities, position encoding,
// settings, what was published) and the adapter from core::Workspace results to LSP messages.
// Handlers (lsp/handlers/, one file per method) do the per-method work through this class.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/workspace.hpp"
#include "lsp/framing.hpp"
#include "lsp/inbox.hpp"
#include "lsp/protocol/capabilities.hpp"
#include "lsp/protocol/json_rpc.hpp"
#include "lsp/settings.hpp"
#include "lsp/transport.hpp"

namespace agentlens::lsp {

struct ServerOptions {
  core::WorkspaceOptions workspace;
};

/// Thread contract: every public method runs on the session thread (the one executor `post`
/// targets). Workspace callbacks arrive on worker threads and are re-posted to it.
class Server final : private core::WorkspaceCallbacks {
 public:
  using Post = std::function<void(std::function<void()>)>;
  enum class State { Uninitialized, Running, ShutDown, Exited };

  Server(MessageSink& out, ServerEnvironment env, Post post, ServerOptions opts = {});
  ~Server() override;
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// One incoming message, already parsed.
  void handle(const json& msg);
  /// A body that is not JSON, or a framing error: answered with ParseError / InvalidRequest.
  void handleBadFrame(const Frame& frame);
  /// End of input without `exit`.
  void inputClosed();

  [[nodiscard]] State state() const { return state_; }
  /// The process exit code once `exit` was received: 0 only after `shutdown`.
  [[nodiscard]] int exitCode() const { return shutdownRequested_ ? 0 : 1; }
  [[nodiscard]] CancelRegistry& cancels() { return *cancels_; }
  /// Shared with the reader thread, which marks cancelled ids as soon as it reads them.
  [[nodiscard]] std::shared_ptr<CancelRegistry> cancelRegistry() const { return cancels_; }
  /// What the reader thread writes to (noteIncoming) before it queues a message.
  [[nodiscard]] Inbox inbox() const { return Inbox{cancels_, opens_}; }

  // ---- used by handlers ----
  void reply(const json& id, json result);
  void replyError(const json& id, ErrorCode code, std::string_view message);
  void notify(std::string_view method, json params);
  void request(std::string_view method, json params, std::function<void(const json* result)> onReply = {});
  void logMessage(int type, const std::string& message);  ///< window/logMessage: only what users must see

  [[nodiscard]] const ClientCapabilities& caps() const { return caps_; }
  [[nodiscard]] core::PositionEncoding encoding() const { return encoding_; }
  [[nodiscard]] const Settings& settings() const { return settings_; }
  [[nodiscard]] const ServerEnvironment& env() const { return env_; }
  [[nodiscard]] core::Workspace& workspace() { return *workspace_; }
  [[nodiscard]] const RuleInfo* rule(std::string_view id) const;
  /// The rule's score metadata (gate, severity), null for an unknown id.
  [[nodiscard]] const core::RuleInfo* scoreRule(std::string_view id) const;
  std::string docsUrl(std::string_view ruleId) const;

  /// Path of a file:// URI, or InvalidParams naming `f`'s path.
  std::string pathOf(const Field& uriField) const;

  // lifecycle steps (handlers/initialize.cpp …)
  json initialize(const Field& params);
  void initialized();
  void shutdown();
  void exit();

  void setRoots(std::vector<std::string> roots);
  void applySettings(const json& raw, std::string_view origin);
  void pullConfiguration();

  /// LSP Diagnostic objects for a file's findings (severity overrides, tags, data with fixes).
  json diagnosticsJson(const core::FileDiagnostics& d) const;
  /// diagnosticsJson plus the file's `invalid-config` findings when it is a config or rule file.
  json itemsFor(const core::FileDiagnostics& d, bool includeFindings = true) const;

  // ---- project configuration (see docs/protocol.md "Configuration") ----
  /// Whether a path is one the projects read: .agentlens.toml, pyproject.toml,
  /// .agentlens/rules/*.toml, the baseline.
  static bool isConfigPath(const std::string& path);
  /// Re-reads changed config files of every root; re-analyses and republishes when any changed.
  /// Returns whether anything changed.
  bool reloadConfig();
  /// Config and rule files that currently have `invalid-config` findings.
  [[nodiscard]] std::vector<std::string> configFilePaths() const;
  /// Pull-diagnostic requests wait here until the open document's current version is analysed.
  void deferPull(const std::string& path, const json& id, std::optional<std::string> previousResultId);
  void cancelDeferred(const json& id);
  json documentReport(const core::FileDiagnostics& d, const std::optional<std::string>& previousResultId) const;

  /// Readiness of the workspace now (see docs/protocol.md), over the selected rules.
  core::Readiness computeReadiness() const;
  json readiness() const;
  /// The readiness computed for the last agentlens/readinessChanged (cheap; code actions use it).
  [[nodiscard]] const std::optional<core::Readiness>& lastReadiness() const { return lastReadinessModel_; }
  /// Writes `markdown` to a per-server file and asks the client to show it (window/showDocument),
  /// or tells the user where it is (window/showMessage). Returns the file's URI ("" on failure).
  std::string showMarkdown(const std::string& name, const std::string& markdown);

 private:
  void onDiagnosticsReady(const core::FileDiagnostics& d) override;
  void onIndexProgress(std::size_t done, std::size_t total) override;
  void onIndexFinished(std::size_t files) override;

  void deliverDiagnostics(const core::FileDiagnostics& d);
  void publish(const core::FileDiagnostics& d);
  /// Writes one publishDiagnostics (the last check against a didOpen being read is here).
  void sendDiagnostics(const std::string& path, json params);
  void startIndexProgress();
  void reportIndexProgress(std::size_t done, std::size_t total);
  void endIndexProgress(std::size_t files);
  void scheduleReadiness();
  /// Asks pull clients to pull again (workspace/diagnostic/refresh), once per burst of changes.
  void scheduleDiagnosticRefresh();
  void registerWatchers();
  void rebuildAnalyzer();
  void openProjects();
  void installAnalysisProvider();
  void refreshConfigDiagnostics();
  void publishPath(const std::string& path);

  MessageSink& out_;
  ServerEnvironment env_;
  Post post_;
  ServerOptions opts_;
  State state_ = State::Uninitialized;
  bool shutdownRequested_ = false;
  std::shared_ptr<CancelRegistry> cancels_ = std::make_shared<CancelRegistry>();
  std::shared_ptr<PendingOpens> opens_ = std::make_shared<PendingOpens>();

  ClientCapabilities caps_;
  core::PositionEncoding encoding_ = core::PositionEncoding::Utf16;
  Settings settings_;
  std::vector<std::string> roots_;
  std::unique_ptr<core::Workspace> workspace_;
  // One project per root (env_.openProject); replaced when roots or editor select/ignore change.
  std::map<std::string, std::shared_ptr<core::ProjectModel>> projects_;
  std::map<std::string, std::vector<core::Finding>> configFindings_;  // by absolute path
  std::uint64_t configGeneration_ = 0;
  std::string shownConfigProblems_;  // what the last window/showMessage was about
  // Shared with callbacks posted from workers: false once the server is gone.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);

  std::uint64_t nextRequestId_ = 1;
  std::map<std::string, std::function<void(const json*)>> pendingRequests_;

  struct Deferred {
    json id;
    std::optional<std::string> previousResultId;
  };
  std::map<std::string, std::vector<Deferred>> deferredPulls_;
  std::set<std::string> pushedPaths_;  // files whose last push was non-empty

  bool progressActive_ = false;
  int lastPercent_ = -1;
  bool readinessScheduled_ = false;
  bool refreshScheduled_ = false;
  std::string lastReadiness_;
  std::optional<core::Readiness> lastReadinessModel_;
};

}  // namespace agentlens::lsp
