#include "lsp/server.hpp"

#include <set>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "agentlens/version.hpp"
#include "core/scan.hpp"
#include "lsp/dispatcher.hpp"
#include "lsp/protocol/basic.hpp"
#include "report/json_model.hpp"
#include "report/report.hpp"

namespace agentlens::lsp {
namespace {

std::string idKey(const json& id) { return id.dump(); }

bool validId(const json& id) { return id.is_string() || id.is_number_integer(); }

int lspSeverity(core::Level l) {
  switch (l) {
    case core::Level::Error: return 1;
    case core::Level::Warning: return 2;
    case core::Level::Info: return 3;
    case core::Level::Hint: return 4;
  }
  return 3;
}

/// Diagnostic tags by rule id (LSP DiagnosticTag: 1 Unnecessary, 2 Deprecated). Only rules whose
/// finding really is dead code or a deprecated API belong here.
int tagFor(std::string_view ruleId) {
  if (ruleId == "unused-suppression" || ruleId == "debugger-statement" || ruleId == "javascript-debugger") return 1;
  return 0;
}

std::string_view editKindName(core::TextEdit::Kind k) {
  switch (k) {
    case core::TextEdit::Kind::Replace: return "replace";
    case core::TextEdit::Kind::AppendLineIfMissing: return "appendLineIfMissing";
    case core::TextEdit::Kind::CreateFile: return "createFile";
  }
  return "replace";
}

const char* kIndexToken = "agentlens/index";

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
    // A response to one of our requests.
    if (idIt != msg.end() && (msg.contains("result") || msg.contains("error"))) {
      auto it = validId(*idIt) ? pendingRequests_.find(idKey(*idIt)) : pendingRequests_.end();
      if (it == pendingRequests_.end()) {
        spdlog::warn("lsp: a response to a request the server did not send (id {}): ignored",
                     validId(*idIt) ? idIt->dump() : std::string("of the wrong type"));
        return;
      }
      auto cb = std::move(it->second);
      pendingRequests_.erase(it);
      if (msg.contains("error")) spdlog::info("lsp: client error reply: {}", toWire(msg["error"]));
      const json* result = msg.contains("result") ? &msg["result"] : nullptr;
      if (cb) cb(result);
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

  if (isRequest) {
    if (cancels_->take(id)) {
      replyError(id, ErrorCode::RequestCancelled, "request cancelled");
      return;
    }
    if (state_ == State::Uninitialized && method != "initialize") {
      replyError(id, ErrorCode::ServerNotInitialized, "server not initialized: send initialize first");
      return;
    }
    if (state_ == State::ShutDown || state_ == State::Exited) {
      replyError(id, ErrorCode::InvalidRequest, "server is shutting down: only exit is accepted");
      return;
    }
    if (method == "initialize" && state_ != State::Uninitialized) {
      replyError(id, ErrorCode::InvalidRequest, "initialize was already received");
      return;
    }
  } else {
    if (method == "exit") {
      exit();
      return;
    }
    if (state_ != State::Running && method != "$/cancelRequest") {
      spdlog::debug("lsp: dropping notification {} in state {}", method, static_cast<int>(state_));
      return;
    }
  }

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

void Server::inputClosed() {
  if (state_ != State::Exited) {
    spdlog::info("lsp: input closed without exit");
    state_ = State::Exited;
  }
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

json Server::initialize(const Field& params) {
  params.requireObject();
  caps_ = parseClientCapabilities(params.raw().value("capabilities", json::object()));
  encoding_ = negotiateEncoding(caps_);

  std::vector<std::string> roots;
  if (auto folders = params.opt("workspaceFolders")) {
    for (std::size_t i = 0; i < folders->size(); ++i) roots.push_back(pathOf((*folders).at(i)["uri"]));
  } else if (auto rootUri = params.opt("rootUri")) {
    roots.push_back(pathOf(*rootUri));
  } else if (auto rootPath = params.opt("rootPath")) {
    roots.push_back(std::filesystem::path(rootPath->str()).lexically_normal().string());
  }
  roots_ = std::move(roots);

  std::vector<std::string> warnings;
  if (auto init = params.opt("initializationOptions")) settings_ = parseSettings(init->raw(), warnings);
  for (const auto& w : warnings) spdlog::warn("lsp: settings: {}", w);

  auto ruleIds = selectedRules(settings_, env_.rules);
  core::WorkspaceCallbacks& callbacks = *this;
  workspace_ = std::make_unique<core::Workspace>(env_.makeAnalyzer(ruleIds), callbacks, opts_.workspace);
  openProjects();  // before any file is analysed; their problems are published once initialized
  state_ = State::Running;
  spdlog::info("lsp: initialized, encoding {}, {} root(s)", encodingName(encoding_), roots_.size());
  return json{{"capabilities", serverCapabilities(caps_, encoding_)},
              {"serverInfo", {{"name", "agentlens"}, {"version", std::string(kVersion)}}}};
}

void Server::initialized() {
  registerWatchers();
  refreshConfigDiagnostics();
  if (caps_.configuration) pullConfiguration();
  startIndexProgress();
  workspace_->setRoots(roots_);
}

void Server::shutdown() {
  shutdownRequested_ = true;
  state_ = State::ShutDown;
  if (workspace_) workspace_->waitIdle();
}

void Server::exit() {
  state_ = State::Exited;
  *alive_ = false;
}

void Server::registerWatchers() {
  std::vector<json> registrations;
  if (caps_.watchedFilesDynamic) {
    // Sources, project config and manifests: changes made outside the editor (git checkout,
    // generators, package managers) must reach the index.
    json watchers = json::array();
    for (const char* glob :
         {"**/*.{py,js,jsx,mjs,cjs,ts,mts,cts,tsx,go}", "**/.agentlens.toml", "**/pyproject.toml",
          "**/.agentlens/rules/*.toml", "**/.agentlens-baseline.json", "**/package.json",
          "**/requirements*.txt", "**/go.mod", "**/Dockerfile*", "**/.env*", "**/.gitignore",
          "**/*.{yml,yaml}"})
      watchers.push_back({{"globPattern", glob}});
    registrations.push_back({{"id", "agentlens-watch"},
                             {"method", "workspace/didChangeWatchedFiles"},
                             {"registerOptions", {{"watchers", watchers}}}});
  }
  if (caps_.configurationDynamic)
    registrations.push_back({{"id", "agentlens-config"}, {"method", "workspace/didChangeConfiguration"}});
  if (!registrations.empty()) request("client/registerCapability", {{"registrations", registrations}});
}

void Server::setRoots(std::vector<std::string> roots) {
  roots_ = std::move(roots);
  openProjects();
  refreshConfigDiagnostics();
  startIndexProgress();
  workspace_->setRoots(roots_);
}

void Server::pullConfiguration() {
  json items = json::array();
  items.push_back({{"section", "agentlens"}});
  request("workspace/configuration", {{"items", items}}, [this, alive = alive_](const json* result) {
    if (!*alive || !result || !result->is_array() || result->empty()) return;
    // null: the client has no "agentlens" section; initializationOptions stay in force.
    if ((*result)[0].is_null()) return;
    applySettings((*result)[0], "workspace/configuration");
  });
}

void Server::applySettings(const json& raw, std::string_view origin) {
  std::vector<std::string> warnings;
  Settings next = parseSettings(raw, warnings);
  for (const auto& w : warnings) {
    spdlog::warn("lsp: {}: {}", origin, w);
    logMessage(2, "agentlens settings: " + w);
  }
  if (next == settings_) return;
  bool analyzerChanged = next.select != settings_.select || next.ignore != settings_.ignore;
  settings_ = std::move(next);
  spdlog::info("lsp: settings changed ({})", origin);
  if (analyzerChanged) {
    rebuildAnalyzer();  // every file is re-analysed and re-reported (workspace checks use it too)
    if (env_.openProject) {
      openProjects();  // the editor layer is part of every project's configuration
      refreshConfigDiagnostics();
    }
  } else {
    // Presentation-only change (severity, scope, enable): re-send what we have.
    for (const auto& d : workspace_->allDiagnostics()) deliverDiagnostics(d);
  }
  if (caps_.pullDiagnostics && caps_.diagnosticRefresh) request("workspace/diagnostic/refresh", nullptr);
}

void Server::rebuildAnalyzer() {
  workspace_->setAnalyzer(env_.makeAnalyzer(selectedRules(settings_, env_.rules)));
}

// ---------------------------------------------------------------------------------------------
// Project configuration
//
// Precedence, lowest first: rule defaults < the nearest config file of the analysed file
// (.agentlens.toml, else [tool.agentlens] in pyproject.toml, found exactly as `agentlens check`
// finds it; its [[overrides]] in order) < the editor's `select` / `ignore` (a layer applied after
// every config file, as the CLI's --select / --ignore are) < the editor's `severity` map (the
// reported level only). `enable: false` turns everything off.

void Server::openProjects() {
  projects_.clear();
  if (env_.openProject) {
    core::ConfigLayer client = clientLayer(settings_);
    for (const auto& root : roots_) {
      auto norm = std::filesystem::path(root).lexically_normal().string();
      if (norm.size() > 1 && norm.ends_with('/')) norm.pop_back();
      try {
        if (auto p = env_.openProject(norm, client)) {
          // Load the root's own config now, so its problems show before any file is analysed
          // (nested config files load with the first file below them).
          (void)p->configFor((std::filesystem::path(norm) / ".agentlens-root").string());
          projects_[norm] = std::move(p);
        }
      } catch (const std::exception& e) {
        spdlog::error("lsp: cannot open the project at {}: {}", norm, e.what());
      }
    }
  }
  installAnalysisProvider();
}

void Server::installAnalysisProvider() {
  if (!env_.openProject) return;
  // Workers read an immutable snapshot; the session thread replaces it.
  auto snapshot = std::make_shared<const std::map<std::string, std::shared_ptr<core::ProjectModel>>>(projects_);
  std::shared_ptr<const core::Analyzer> outside = env_.makeAnalyzer(selectedRules(settings_, env_.rules));
  // The workspace checks of a root read its project's `[services]` (as `check` does).
  workspace_->setServicesProvider([snapshot](const std::string& root) {
    std::string r = std::filesystem::path(root).lexically_normal().string();
    if (r.size() > 1 && r.ends_with('/')) r.pop_back();
    auto it = snapshot->find(r);
    return it == snapshot->end() ? core::ServiceOptions{} : it->second->serviceOptions();
  });
  workspace_->setAnalysisProvider([snapshot, outside](const std::string& path) {
    const std::shared_ptr<core::ProjectModel>* best = nullptr;
    std::size_t bestLen = 0;
    for (const auto& [root, p] : *snapshot) {
      bool inside = path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                    (root.back() == '/' || path[root.size()] == '/');
      if (inside && root.size() >= bestLen) {
        best = &p;
        bestLen = root.size();
      }
    }
    core::FileAnalysis fa;
    if (!best) {
      fa.analyzer = outside;  // a file outside every root: the editor's selection, no config
      return fa;
    }
    std::shared_ptr<core::ProjectModel> proj = *best;
    fa.analyzer = proj->analyzer();
    fa.config = proj->configFor(path);
    fa.finish = [proj](core::FileResult& r) { proj->applyBaseline(r); };
    return fa;
  });
}

bool Server::isConfigPath(const std::string& path) {
  std::filesystem::path p(path);
  auto name = p.filename().string();
  if (name == ".agentlens.toml" || name == "pyproject.toml" || name == ".agentlens-baseline.json") return true;
  return p.extension() == ".toml" && p.parent_path().filename() == "rules" &&
         p.parent_path().parent_path().filename() == ".agentlens";
}

bool Server::reloadConfig() {
  auto t0 = std::chrono::steady_clock::now();
  bool changed = false;
  for (auto& [root, p] : projects_) {
    try {
      changed = p->reload() || changed;
    } catch (const std::exception& e) {
      spdlog::error("lsp: reloading the configuration of {} failed: {}", root, e.what());
    }
  }
  if (!changed) return false;
  workspace_->reanalyzeAll();
  refreshConfigDiagnostics();
  if (caps_.pullDiagnostics && caps_.diagnosticRefresh) request("workspace/diagnostic/refresh", nullptr);
  spdlog::info("lsp: configuration reloaded in {:.1f} ms", std::chrono::duration<double, std::milli>(
                                                              std::chrono::steady_clock::now() - t0).count());
  return true;
}

std::vector<std::string> Server::configFilePaths() const {
  std::vector<std::string> out;
  for (const auto& [path, f] : configFindings_) out.push_back(path);
  return out;
}

void Server::refreshConfigDiagnostics() {
  std::map<std::string, std::vector<core::Finding>> next;
  for (const auto& [root, p] : projects_) {
    for (auto& f : p->diagnostics()) {
      auto& list = next[f.path];
      // Roots may share a config file above them: report each problem once.
      bool dup = std::any_of(list.begin(), list.end(), [&](const core::Finding& g) {
        return g.range.start == f.range.start && g.message == f.message;
      });
      if (!dup) list.push_back(std::move(f));
    }
  }
  std::set<std::string> touched;
  for (const auto& [path, list] : configFindings_) touched.insert(path);
  for (const auto& [path, list] : next) touched.insert(path);
  bool same = next.size() == configFindings_.size() &&
              std::equal(next.begin(), next.end(), configFindings_.begin(), [](const auto& a, const auto& b) {
                return a.first == b.first && a.second.size() == b.second.size() &&
                       std::equal(a.second.begin(), a.second.end(), b.second.begin(), [](const auto& x, const auto& y) {
                         return x.range.start == y.range.start && x.message == y.message;
                       });
              });
  configFindings_ = std::move(next);
  if (same) return;
  ++configGeneration_;
  for (const auto& path : touched) publishPath(path);

  // One window/showMessage per broken state: not again while the same problems stay.
  if (configFindings_.empty()) {
    shownConfigProblems_.clear();
    return;
  }
  std::string signature;
  const core::Finding* first = nullptr;
  std::size_t count = 0;
  for (const auto& [path, list] : configFindings_)
    for (const auto& f : list) {
      signature += path + ":" + std::to_string(f.start.line) + ":" + f.message + "\n";
      if (!first) first = &f;
      ++count;
    }
  if (signature == shownConfigProblems_) return;
  shownConfigProblems_ = signature;
  auto root = workspace_->rootOf(first->path);
  std::string shown = root ? std::filesystem::path(first->path).lexically_relative(*root).string() : first->path;
  std::string msg = "AgentLens: invalid configuration: " + shown + ":" + std::to_string(first->start.line + 1) + ": " +
                    first->message;
  if (count > 1) msg += " (and " + std::to_string(count - 1) + " more problem" + (count > 2 ? "s" : "") + ")";
  msg += ". The rest of the configuration still applies.";
  notify("window/showMessage", {{"type", 2}, {"message", msg}});
}

void Server::publishPath(const std::string& path) {
  if (auto d = workspace_->diagnostics(path)) {
    bool open = workspace_->isOpen(path);
    auto doc = workspace_->document(path);
    if (!open || (doc && d->version && *d->version == doc->version)) {
      publish(*d);
      return;
    }
  }
  core::FileDiagnostics d;
  d.path = path;
  if (auto doc = workspace_->document(path)) {
    d.version = doc->version;
    d.text = doc->text;
  } else {
    d.text = std::make_shared<const std::string>();
  }
  // Only the config findings: the file's own analysis (if any) follows with both.
  json items = itemsFor(d, false);
  if (caps_.pullDiagnostics) return;
  if (!d.version && opens_->contains(path)) return;  // its didOpen is queued: see publish()
  if (items.empty() && !pushedPaths_.count(path)) return;
  if (items.empty()) pushedPaths_.erase(path);
  else pushedPaths_.insert(path);
  json params = {{"uri", pathToUri(path)}, {"diagnostics", items}};
  if (d.version) params["version"] = *d.version;
  sendDiagnostics(path, params);
}

json Server::itemsFor(const core::FileDiagnostics& d, bool includeFindings) const {
  json items = includeFindings ? diagnosticsJson(d) : json::array();
  auto it = configFindings_.find(d.path);
  if (it == configFindings_.end() || !settings_.enable) return items;
  // Config findings' byte ranges refer to the file on disk (what was loaded).
  core::FileDiagnostics c;
  c.path = d.path;
  auto text = std::make_shared<std::string>();
  std::string err;
  if (!core::readFile(d.path, *text, err)) text->clear();
  c.text = std::move(text);
  c.findings = it->second;
  for (auto& j : diagnosticsJson(c)) items.push_back(std::move(j));
  return items;
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

// ---------------------------------------------------------------------------------------------
// Diagnostics

json Server::diagnosticsJson(const core::FileDiagnostics& d) const {
  json out = json::array();
  if (!settings_.enable || !d.text) return out;
  core::LineIndex lines(*d.text);
  auto root = workspace_->rootOf(d.path);
  for (const auto& group : groupByRuleAndLine(d.findings)) {
    const core::Finding& f = *group.front();
    core::Level level = editorLevel(f, scoreRule(f.ruleId));
    if (auto it = settings_.severity.find(f.ruleId); it != settings_.severity.end()) level = it->second;
    if (!shownAt(level, settings_.inlineLevel)) continue;
    // One diagnostic per rule and line: the union of the ranges, the first message.
    core::ByteRange range = f.range;
    for (const core::Finding* g : group) {
      range.start = std::min(range.start, g->range.start);
      range.end = std::max(range.end, g->range.end);
    }
    // Distinct messages (one rule judging metrics, tracing, error tracking) each on their line;
    // repeats of one message are counted.
    std::string message = f.message.empty() ? f.ruleId : f.message;
    std::set<std::string> seen{message};
    for (const core::Finding* g : group)
      if (!g->message.empty() && seen.insert(g->message).second) message += "\n" + g->message;
    if (group.size() > seen.size())
      message += " (" + std::to_string(group.size()) + " findings of this rule on this line)";
    json diag = {
        {"range", toLspRange(lines, range, encoding_)},
        {"severity", lspSeverity(level)},
        {"code", f.ruleId},
        {"source", "agentlens"},
        {"message", message},
        {"codeDescription", {{"href", docsUrl(f.ruleId)}}},
    };
    if (int tag = tagFor(f.ruleId); tag && caps_.diagnosticTags) diag["tags"] = {tag};
    if (caps_.relatedInformation && !f.related.empty()) {
      json rel = json::array();
      for (const auto& r : f.related) {
        std::string abs = r.path.empty() ? d.path
                          : root          ? (std::filesystem::path(*root) / r.path).lexically_normal().string()
                                          : r.path;
        json pos = {{"line", r.line}, {"character", 0}};
        rel.push_back({{"location", {{"uri", pathToUri(abs)}, {"range", {{"start", pos}, {"end", pos}}}}},
                       {"message", r.message}});
      }
      diag["relatedInformation"] = rel;
    }
    // Fixes travel in data (no server-side cache): own-file edits already in LSP ranges of the
    // exact text they were computed for, other-file edits resolved at codeAction/resolve time.
    json fixes = json::array();
    std::set<std::string> fixTitles;  // the collapsed findings' fixes, each title once
    for (const core::Finding* member : group) {
      for (const auto& fix : member->fixes) {
        if (!fixTitles.insert(fix.title).second) continue;
        json edits = json::array(), fileEdits = json::array();
        for (const auto& e : fix.edits) {
          if (e.kind == core::TextEdit::Kind::Replace && e.path.empty()) {
            edits.push_back({{"range", toLspRange(lines, e.range, encoding_)}, {"newText", e.text}});
          } else {
            fileEdits.push_back({{"kind", editKindName(e.kind)},
                                 {"path", e.path},
                                 {"text", e.text},
                                 {"key", e.key},
                                 {"start", e.range.start},
                                 {"end", e.range.end}});
          }
        }
        fixes.push_back({{"title", fix.title},
                         {"applicability", core::applicabilityName(fix.applicability)},
                         {"edits", edits},
                         {"fileEdits", fileEdits}});
      }
    }
    diag["data"] = {{"rule", f.ruleId},
                    {"version", d.version ? json(*d.version) : json(nullptr)},
                    {"startLine", f.start.line},
                    {"fixes", fixes}};
    out.push_back(std::move(diag));
  }
  return out;
}

json Server::documentReport(const core::FileDiagnostics& d, const std::optional<std::string>& previousResultId) const {
  std::string resultId = std::to_string(d.generation) + (settings_.enable ? "" : "-off");
  if (configFindings_.count(d.path) || configGeneration_) resultId += "-c" + std::to_string(configGeneration_);
  if (previousResultId && *previousResultId == resultId) return json{{"kind", "unchanged"}, {"resultId", resultId}};
  return json{{"kind", "full"}, {"resultId", resultId}, {"items", itemsFor(d)}};
}

void Server::deferPull(const std::string& path, const json& id, std::optional<std::string> previousResultId) {
  deferredPulls_[path].push_back(Deferred{id, std::move(previousResultId)});
}

void Server::cancelDeferred(const json& id) {
  for (auto& [path, list] : deferredPulls_) {
    auto it = std::find_if(list.begin(), list.end(), [&](const Deferred& d) { return d.id == id; });
    if (it != list.end()) {
      replyError(id, ErrorCode::RequestCancelled, "request cancelled");
      list.erase(it);
      cancels_->take(id);
      return;
    }
  }
}

void Server::onDiagnosticsReady(const core::FileDiagnostics& d) {
  post_([this, alive = alive_, d] {
    if (*alive) deliverDiagnostics(d);
  });
}

void Server::deliverDiagnostics(const core::FileDiagnostics& d) {
  if (state_ != State::Running && state_ != State::ShutDown) return;
  // Stale guard: only the open document's current version may be shown, and a report made from
  // disk must not replace an open document's.
  bool open = workspace_->isOpen(d.path);
  auto doc = workspace_->document(d.path);
  bool stale = open && !doc ? !d.findings.empty()  // diverged document: only its clearing passes
               : doc        ? (!d.version || *d.version != doc->version)
                            : d.version.has_value() || opens_->contains(d.path);  // being opened
  if (stale) {
    spdlog::debug("lsp: dropping stale diagnostics for {}", d.path);
    return;
  }
  spdlog::debug("lsp: {}: {} findings ({})", d.path, d.findings.size(),
                d.version ? "version " + std::to_string(*d.version) : std::string("from disk"));
  // Messages never hold a secret in full (rules mask them): safe to log (a test checks it).
  for (const auto& f : d.findings) spdlog::trace("lsp: {}:{}: {}: {}", d.path, f.start.line + 1, f.ruleId, f.message);
  if (auto it = deferredPulls_.find(d.path); it != deferredPulls_.end()) {
    for (const auto& p : it->second) reply(p.id, documentReport(d, p.previousResultId));
    deferredPulls_.erase(it);
  }
  publish(d);
  // Workspace findings moved or changed without the client asking: pull clients pull again.
  if (d.fromWorkspaceChecks) scheduleDiagnosticRefresh();
  // A nested config file is loaded with the first file below it: pick up its problems.
  if (d.version && !projects_.empty()) refreshConfigDiagnostics();
  scheduleReadiness();
}

void Server::publish(const core::FileDiagnostics& d) {
  // Clients with pull diagnostics ask; pushing as well would show everything twice.
  if (caps_.pullDiagnostics) return;
  // A file the client is opening gets only results of its own versions (the reader has read
  // its didOpen; the session has not handled it yet).
  if (!d.version && opens_->contains(d.path)) return;
  bool open = d.version.has_value();
  bool show = open || settings_.diagnosticsScope == "workspace";
  json items = itemsFor(d, show);  // a broken config file is shown whatever the scope
  if (items.empty() && !pushedPaths_.count(d.path) && !open) return;  // nothing new to say
  if (items.empty()) pushedPaths_.erase(d.path);
  else pushedPaths_.insert(d.path);
  json params = {{"uri", pathToUri(d.path)}, {"diagnostics", items}};
  if (d.version) params["version"] = *d.version;
  sendDiagnostics(d.path, params);
}

void Server::sendDiagnostics(const std::string& path, json params) {
  const bool versioned = params.contains("version");
  std::string wire = toWire(makeNotification("textDocument/publishDiagnostics", std::move(params)));
  // Checked again just before the write (the message is built): a didOpen the reader noted
  // meanwhile stops a publish without a version. What was written before the reader read the
  // didOpen no server can recall; the client tells it by its missing version.
  if (!versioned && opens_->contains(path)) return;
  out_.send(std::move(wire));
}

// ---------------------------------------------------------------------------------------------
// Progress and readiness

void Server::startIndexProgress() {
  if (!caps_.workDoneProgress || progressActive_ || roots_.empty() || !opts_.workspace.indexWorkspace) return;
  progressActive_ = true;
  lastPercent_ = -1;
  request("window/workDoneProgress/create", {{"token", kIndexToken}});
  notify("$/progress", {{"token", kIndexToken},
                        {"value", {{"kind", "begin"}, {"title", "AgentLens: indexing"}, {"cancellable", false},
                                   {"percentage", 0}}}});
}

void Server::onIndexProgress(std::size_t done, std::size_t total) {
  post_([this, alive = alive_, done, total] {
    if (*alive) reportIndexProgress(done, total);
  });
}

void Server::onIndexFinished(std::size_t files) {
  post_([this, alive = alive_, files] {
    if (*alive) endIndexProgress(files);
  });
}

void Server::reportIndexProgress(std::size_t done, std::size_t total) {
  if (!progressActive_ || total == 0) return;
  int pct = static_cast<int>(done * 100 / total);
  if (pct == lastPercent_) return;
  lastPercent_ = pct;
  notify("$/progress", {{"token", kIndexToken},
                        {"value", {{"kind", "report"},
                                   {"message", std::to_string(done) + "/" + std::to_string(total) + " files"},
                                   {"percentage", pct}}}});
}

void Server::endIndexProgress(std::size_t files) {
  if (progressActive_) {
    progressActive_ = false;
    notify("$/progress", {{"token", kIndexToken},
                          {"value", {{"kind", "end"}, {"message", std::to_string(files) + " files indexed"}}}});
  }
  refreshConfigDiagnostics();
  if (caps_.pullDiagnostics && caps_.diagnosticRefresh) request("workspace/diagnostic/refresh", nullptr);
  scheduleReadiness();
}

core::Readiness Server::computeReadiness() const {
  // Scored over the rules that run (the editor's selection), like `agentlens check`.
  std::vector<std::string> ids = selectedRules(settings_, env_.rules);
  std::set<std::string> selected(ids.begin(), ids.end());
  std::vector<core::RuleInfo> rules;
  for (const auto& r : env_.scoreRules)
    if (selected.count(r.id)) rules.push_back(r);
  // `[services]` applies when the workspace is one project (paths are relative to its root).
  core::ServiceOptions services;
  if (projects_.size() == 1) services = projects_.begin()->second->serviceOptions();
  return workspace_->readiness(std::move(rules), services);
}

json Server::readiness() const { return report::readinessJson(computeReadiness()); }

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

void Server::scheduleDiagnosticRefresh() {
  if (!caps_.pullDiagnostics || !caps_.diagnosticRefresh || refreshScheduled_) return;
  refreshScheduled_ = true;
  post_([this, alive = alive_] {
    if (!*alive) return;
    refreshScheduled_ = false;
    if (state_ == State::Running) request("workspace/diagnostic/refresh", nullptr);
  });
}

void Server::scheduleReadiness() {
  // Coalesces a burst of results (the initial index) into one notification.
  if (readinessScheduled_) return;
  readinessScheduled_ = true;
  post_([this, alive = alive_] {
    if (!*alive) return;
    readinessScheduled_ = false;
    if (state_ != State::Running) return;
    lastReadinessModel_ = computeReadiness();
    json r = report::readinessJson(*lastReadinessModel_);
    std::string s = toWire(r);
    if (s == lastReadiness_) return;
    lastReadiness_ = std::move(s);
    notify("agentlens/readinessChanged", r);
  });
}

}  // namespace agentlens::lsp
