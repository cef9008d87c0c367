// An in-process LSP client for session-style tests: it owns a Server with a synchronous
// workspace, sends requests and notifications, answers the server's own requests (configuration,
// registration, progress tokens, applyEdit) and keeps every message the server sent.
#pragma once
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "lsp/protocol/json_rpc.hpp"
#include "lsp/server.hpp"
#include "support/temp_dir.hpp"

namespace agentlens::testing {

using nlohmann::json;

/// The rules and analyzer factory `agentlens lsp` uses.
lsp::ServerEnvironment builtinEnvironment();

/// Applies LSP TextEdits (ranges in `enc`) to `text`.
std::string applyTextEdits(const std::string& text, const json& edits, core::PositionEncoding enc);

class TestClient final : public lsp::MessageSink {
 public:
  struct Options {
    json capabilities = json::object();
    json initializationOptions = nullptr;
    std::vector<std::string> roots;
    bool indexWorkspace = false;
    bool synchronous = true;
    json configuration = nullptr;  ///< answer to workspace/configuration
  };
  explicit TestClient(Options opts);
  ~TestClient() override;

  /// initialize + initialized; returns the initialize result.
  json initialize();
  /// Sends a request and returns the whole response message (result or error).
  json request(const std::string& method, json params);
  void notify(const std::string& method, json params);
  /// Raw message (for malformed-message tests).
  void sendRaw(const json& msg);
  /// Runs queued session work (workspace callbacks) until nothing is left.
  void drain();
  /// Asynchronous sessions: runs session work as it arrives until `done()` or the timeout.
  bool pumpUntil(const std::function<bool()>& done, int timeoutMs);

  void open(const std::string& path, const std::string& text, std::int64_t version = 1,
            const std::string& languageId = "python");
  void change(const std::string& path, std::int64_t version, json contentChanges);
  void close(const std::string& path);

  /// Messages from the server, in order; take() removes the notifications of a method.
  std::vector<json> take(const std::string& method);
  /// The newest publishDiagnostics params for a file (null when none).
  json lastDiagnostics(const std::string& path) const;
  /// Every publishDiagnostics for a file, oldest first.
  std::vector<json> allDiagnostics(const std::string& path) const;
  const std::vector<json>& received() const { return received_; }
  /// Edits the server asked the client to apply (workspace/applyEdit).
  const std::vector<json>& appliedEdits() const { return appliedEdits_; }

  lsp::Server& server() { return *server_; }
  static std::string uri(const std::string& path);

  // MessageSink
  void send(std::string json) override;

 private:
  Options opts_;
  std::unique_ptr<lsp::Server> server_;
  std::mutex queueMu_;  // workers post from their threads in asynchronous sessions
  std::deque<std::function<void()>> queue_;
  bool runQueued();
  std::vector<json> received_;
  std::vector<json> pendingServerRequests_;
  std::vector<json> appliedEdits_;
  int nextId_ = 1;
};

}  // namespace agentlens::testing
