// The language server: message routing and the session state (client capabilities, position
// encoding, settings, projects). Its parts live in their own files:
//   lifecycle                 lsp/handlers/{initialize,initialized,shutdown,exit}.cpp
//   project configuration     lsp/project_config.cpp
//   findings -> LSP items     lsp/diagnostic_items.cpp (fixes through lsp/fix_data.hpp)
//   push, pull, refresh       lsp/diagnostics_publisher.hpp
//   index progress            lsp/progress_notifier.hpp
//   readiness                 lsp/readiness_notifier.hpp
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
#include "lsp/diagnostics_publisher.hpp"
#include "lsp/framing.hpp"
#include "lsp/inbox.hpp"
#include "lsp/progress_notifier.hpp"
#include "lsp/protocol/capabilities.hpp"
#include "lsp/protocol/json_rpc.hpp"
#include "lsp/readiness_notifier.hpp"
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
  /// Config findings of one file (null when it has none) and a counter bumped when any change.
  [[nodiscard]] const std::vector<core::Finding>* configFindings(const std::string& path) const;
  [[nodiscard]] std::uint64_t configGeneration() const { return configGeneration_; }

  /// Push, pull and refresh of diagnostics.
  [[nodiscard]] DiagnosticsPublisher& diagnostics() { return *publisher_; }

  /// Readiness of the workspace now (see docs/protocol.md), over the selected rules.
  core::Readiness computeReadiness() const;
  json readiness() const;
  /// The readiness computed for the last agentlens/readinessChanged (cheap; code actions use it).
  [[nodiscard]] const std::optional<core::Readiness>& lastReadiness() const { return readiness_.last(); }
  /// Writes `markdown` to a per-server file and asks the client to show it (window/showDocument),
  /// or tells the user where it is (window/showMessage). Returns the file's URI ("" on failure).
  std::string showMarkdown(const std::string& name, const std::string& markdown);

  // ---- used by the server's parts ----
  /// Runs `fn` later on the session thread, unless the server is gone by then.
  void post(std::function<void()> fn);
  /// didOpens the reader has read and the session not handled yet (lsp/inbox.hpp).
  [[nodiscard]] const PendingOpens& pendingOpens() const { return *opens_; }
  /// Writes a message built elsewhere (already in wire form).
  void sendWire(std::string wire);
  /// A pull-diagnostics client that supports workspace/diagnostic/refresh.
  [[nodiscard]] bool refreshesPulls() const { return caps_.pullDiagnostics && caps_.diagnosticRefresh; }

 private:
  void onDiagnosticsReady(const core::FileDiagnostics& d) override;
  void onIndexProgress(std::size_t done, std::size_t total) override;
  void onIndexFinished(std::size_t files) override;

  /// The lifecycle gate: whether a message may be handled in the current state (answers or drops
  /// it when not; handles `exit`).
  bool admit(const std::string& method, bool isRequest, const json& id);
  /// A response to one of our requests: runs its callback.
  void handleResponse(const json& msg, const json& id);
  void deliverDiagnostics(const core::FileDiagnostics& d);
  void startIndexProgress();
  void endIndexProgress(std::size_t files);
  void registerWatchers();
  void rebuildAnalyzer();
  void openProjects();
  void installAnalysisProvider();
  void refreshConfigDiagnostics();
  /// One window/showMessage per broken configuration state.
  void showConfigProblems();

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

  std::unique_ptr<DiagnosticsPublisher> publisher_ = std::make_unique<DiagnosticsPublisher>(*this);
  IndexProgress progress_{*this};
  ReadinessNotifier readiness_{*this};
};

}  // namespace agentlens::lsp
