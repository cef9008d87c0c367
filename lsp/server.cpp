#include "lsp/server.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "lsp/dispatcher.hpp"
#include "lsp/protocol/basic.hpp"

namespace agentlens::lsp {
namespace {

std::string idKey(const json& id) { return id.dump(); }

bool validId(const json& id) { return id.is_string() || id.is_number_integer(); }

}  // namespace

Server::Server(MessageSink& out, ServerEnvironment env, Post post, ServerOptions opts)
    : out_(out), env_(std::move(env)), post_(std::move(post)), opts_(std::move(opts)) {}

Server::~Server() {
  *alive_ = false;
  workspace_.reset();  // joins workers before the callbacks' target goes away
}

// ---------------------------------------------------------------------------------------------
// Messages

void Server::reply(const json& id, json result) { out_.send(toWire(makeResponse(id, std::move(result)))); }

void Server::replyError(const json& id, ErrorCode code, std::string_view message) {
  out_.send(toWire(makeError(id, code, message)));
}

void Server::notify(std::string_view method, json params) {
  out_.send(toWire(makeNotification(method, std::move(params))));
}

void Server::request(std::string_view method, json params, std::function<void(const json*)> onReply) {
  std::string id = "agentlens-" + std::to_string(nextRequestId_++);
  pendingRequests_[idKey(json(id))] = std::move(onReply);
  out_.send(toWire(makeRequest(json(id), method, std::move(params))));
}

void Server::sendWire(std::string wire) { out_.send(std::move(wire)); }

void Server::post(std::function<void()> fn) {
  post_([alive = alive_, fn = std::move(fn)] {
    if (*alive) fn();
  });
}

void Server::logMessage(int type, const std::string& message) {
  notify("window/logMessage", {{"type", type}, {"message", message}});
}

void Server::handleBadFrame(const Frame& frame) {
  spdlog::warn("lsp: {}", frame.reason);
  // The id is unknowable: JSON-RPC says reply with a null id.
  if (frame.kind == Frame::Kind::TooLarge || frame.kind == Frame::Kind::TooDeep)
    replyError(nullptr, ErrorCode::InvalidRequest, frame.reason);
  else
    replyError(nullptr, ErrorCode::ParseError, frame.reason);
}

void Server::handle(const json& msg) {
  if (!msg.is_object()) {
    replyError(nullptr, ErrorCode::InvalidRequest, "a JSON-RPC message must be an object");
    return;
  }
  auto methodIt = msg.find("method");
  auto idIt = msg.find("id");
  if (methodIt == msg.end()) {
    if (idIt != msg.end() && (msg.contains("result") || msg.contains("error"))) {
      handleResponse(msg, *idIt);
      return;
    }
    replyError(idIt != msg.end() && validId(*idIt) ? *idIt : json(nullptr), ErrorCode::InvalidRequest,
               "message has no method");
    return;
  }
  if (!methodIt->is_string()) {
    replyError(idIt != msg.end() && validId(*idIt) ? *idIt : json(nullptr), ErrorCode::InvalidRequest,
               "method: expected string");
    return;
  }
  const std::string method = methodIt->get<std::string>();
  // A didOpen the reader noted (lsp/inbox.hpp) is no longer pending once handled, whatever the
  // outcome: from here the workspace knows the document is open.
  struct OpenDone {
    PendingOpens& opens;
    std::optional<std::string> path;
    ~OpenDone() {
      if (path) opens.remove(*path);
    }
  } openDone{*opens_, method == "textDocument/didOpen" ? didOpenPath(msg) : std::nullopt};
  static const json kNull;
  const bool isRequest = idIt != msg.end();
  if (isRequest && !validId(*idIt)) {
    replyError(nullptr, ErrorCode::InvalidRequest, "id: expected integer or string");
    return;
  }
  const json& id = isRequest ? *idIt : kNull;
  const json& paramsRaw = msg.contains("params") ? msg["params"] : kNull;

  if (!admit(method, isRequest, id)) return;

  const Route* route = findRoute(method);
  if (!route || route->isRequest != isRequest) {
    if (isRequest) replyError(id, ErrorCode::MethodNotFound, "method not found: " + method);
    else if (!method.starts_with("$/")) spdlog::debug("lsp: ignoring notification {}", method);
    return;
  }
  Call call{*this, id, Field(paramsRaw, "params")};
  try {
    auto result = route->handler(call);
    if (isRequest && result) reply(id, std::move(*result));
  } catch (const RpcError& e) {
    if (isRequest) replyError(id, e.code(), e.what());
    else spdlog::warn("lsp: {}: {}", method, e.what());
  } catch (const std::exception& e) {
    spdlog::error("lsp: {} failed: {}", method, e.what());
    if (isRequest) replyError(id, ErrorCode::InternalError, std::string("internal error: ") + e.what());
  }
}

bool Server::admit(const std::string& method, bool isRequest, const json& id) {
  if (!isRequest) {
    if (method == "exit") {
      exit();
      return false;
    }
    if (state_ != State::Running && method != "$/cancelRequest") {
      spdlog::debug("lsp: dropping notification {} in state {}", method, static_cast<int>(state_));
      return false;
    }
    return true;
  }
  if (cancels_->take(id)) {
    replyError(id, ErrorCode::RequestCancelled, "request cancelled");
    return false;
  }
  if (state_ == State::Uninitialized && method != "initialize") {
    replyError(id, ErrorCode::ServerNotInitialized, "server not initialized: send initialize first");
    return false;
  }
  if (state_ == State::ShutDown || state_ == State::Exited) {
    replyError(id, ErrorCode::InvalidRequest, "server is shutting down: only exit is accepted");
    return false;
  }
  if (method == "initialize" && state_ != State::Uninitialized) {
    replyError(id, ErrorCode::InvalidRequest, "initialize was already received");
    return false;
  }
  return true;
}

void Server::handleResponse(const json& msg, const json& id) {
  auto it = validId(id) ? pendingRequests_.find(idKey(id)) : pendingRequests_.end();
  if (it == pendingRequests_.end()) {
    spdlog::warn("lsp: a response to a request the server did not send (id {}): ignored",
                 validId(id) ? id.dump() : std::string("of the wrong type"));
    return;
  }
  auto cb = std::move(it->second);
  pendingRequests_.erase(it);
  if (msg.contains("error")) spdlog::info("lsp: client error reply: {}", toWire(msg["error"]));
  const json* result = msg.contains("result") ? &msg["result"] : nullptr;
  if (cb) cb(result);
}

void Server::inputClosed() {
  if (state_ != State::Exited) {
    spdlog::info("lsp: input closed without exit");
    state_ = State::Exited;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers for handlers

const RuleInfo* Server::rule(std::string_view id) const {
  for (const auto& r : env_.rules)
    if (r.id == id) return &r;
  return nullptr;
}

const core::RuleInfo* Server::scoreRule(std::string_view id) const {
  for (const auto& r : env_.scoreRules)
    if (r.id == id) return &r;
  return nullptr;
}

std::string Server::docsUrl(std::string_view ruleId) const {
  return settings_.docsBaseUrl + std::string(ruleId) + ".md";
}

std::string Server::pathOf(const Field& uriField) const {
  auto uri = uriField.str();
  auto path = uriToPath(uri);
  if (!path) uriField.fail("expected a file:// URI, got \"" + uri + "\"");
  return *path;
}

std::string Server::showMarkdown(const std::string& name, const std::string& markdown) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec) / ("agentlens-" + std::to_string(::getuid()));
  fs::create_directories(dir, ec);
  fs::path file = dir / (name + "-" + std::to_string(::getpid()) + ".md");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << markdown;
    if (!out) {
      spdlog::warn("lsp: cannot write {}", file.string());
      logMessage(1, "AgentLens: cannot write " + file.string());
      return "";
    }
  }
  std::string uri = pathToUri(file.string());
  if (caps_.showDocument) request("window/showDocument", {{"uri", uri}, {"takeFocus", true}});
  else notify("window/showMessage", {{"type", 3}, {"message", "AgentLens: " + name + " written to " + file.string()}});
  return uri;
}

// ---------------------------------------------------------------------------------------------
// Results from the workspace (worker threads), re-posted to the session thread

void Server::onDiagnosticsReady(const core::FileDiagnostics& d) {
  post([this, d] { deliverDiagnostics(d); });
}

void Server::deliverDiagnostics(const core::FileDiagnostics& d) {
  if (state_ != State::Running && state_ != State::ShutDown) return;
  if (!publisher_->deliver(d)) return;
  // A nested config file is loaded with the first file below it: pick up its problems.
  if (d.version && !projects_.empty()) refreshConfigDiagnostics();
  readiness_.schedule();
}

void Server::startIndexProgress() {
  if (!caps_.workDoneProgress || roots_.empty() || !opts_.workspace.indexWorkspace) return;
  progress_.start();
}

void Server::onIndexProgress(std::size_t done, std::size_t total) {
  post([this, done, total] { progress_.report(done, total); });
}

void Server::onIndexFinished(std::size_t files) {
  post([this, files] { endIndexProgress(files); });
}

void Server::endIndexProgress(std::size_t files) {
  progress_.end(files);
  refreshConfigDiagnostics();
  publisher_->refresh();
  readiness_.schedule();
}

}  // namespace agentlens::lsp
