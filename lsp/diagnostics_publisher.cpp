#include "lsp/diagnostics_publisher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp {

bool DiagnosticsPublisher::deliver(const core::FileDiagnostics& d) {
  // Stale guard: only the open document's current version may be shown, and a report made from
  // disk must not replace an open document's.
  auto& ws = server_.workspace();
  bool open = ws.isOpen(d.path);
  auto doc = ws.document(d.path);
  bool stale = open && !doc ? !d.findings.empty()  // diverged document: only its clearing passes
               : doc        ? (!d.version || *d.version != doc->version)
                            : d.version.has_value() || server_.pendingOpens().contains(d.path);  // being opened
  if (stale) {
    spdlog::debug("lsp: dropping stale diagnostics for {}", d.path);
    return false;
  }
  spdlog::debug("lsp: {}: {} findings ({})", d.path, d.findings.size(),
                d.version ? "version " + std::to_string(*d.version) : std::string("from disk"));
  // Messages never hold a secret in full (rules mask them): safe to log (a test checks it).
  for (const auto& f : d.findings) spdlog::trace("lsp: {}:{}: {}: {}", d.path, f.start.line + 1, f.ruleId, f.message);
  if (auto it = deferredPulls_.find(d.path); it != deferredPulls_.end()) {
    for (const auto& p : it->second) server_.reply(p.id, documentReport(d, p.previousResultId));
    deferredPulls_.erase(it);
  }
  publish(d);
  // Workspace findings moved or changed without the client asking: pull clients pull again.
  if (d.fromWorkspaceChecks) scheduleRefresh();
  return true;
}

void DiagnosticsPublisher::publish(const core::FileDiagnostics& d) {
  // Clients with pull diagnostics ask; pushing as well would show everything twice.
  if (server_.caps().pullDiagnostics) return;
  // A file the client is opening gets only results of its own versions (the reader has read
  // its didOpen; the session has not handled it yet).
  if (!d.version && server_.pendingOpens().contains(d.path)) return;
  bool open = d.version.has_value();
  bool show = open || server_.settings().diagnosticsScope == "workspace";
  json items = server_.itemsFor(d, show);  // a broken config file is shown whatever the scope
  if (items.empty() && !pushedPaths_.count(d.path) && !open) return;  // nothing new to say
  if (items.empty()) pushedPaths_.erase(d.path);
  else pushedPaths_.insert(d.path);
  json params = {{"uri", pathToUri(d.path)}, {"diagnostics", items}};
  if (d.version) params["version"] = *d.version;
  send(d.path, params);
}

void DiagnosticsPublisher::publishPath(const std::string& path) {
  auto& ws = server_.workspace();
  if (auto d = ws.diagnostics(path)) {
    bool open = ws.isOpen(path);
    auto doc = ws.document(path);
    if (!open || (doc && d->version && *d->version == doc->version)) {
      publish(*d);
      return;
    }
  }
  core::FileDiagnostics d;
  d.path = path;
  if (auto doc = ws.document(path)) {
    d.version = doc->version;
    d.text = doc->text;
  } else {
    d.text = std::make_shared<const std::string>();
  }
  // Only the config findings: the file's own analysis (if any) follows with both.
  json items = server_.itemsFor(d, false);
  if (server_.caps().pullDiagnostics) return;
  if (!d.version && server_.pendingOpens().contains(path)) return;  // its didOpen is queued: see publish()
  if (items.empty() && !pushedPaths_.count(path)) return;
  if (items.empty()) pushedPaths_.erase(path);
  else pushedPaths_.insert(path);
  json params = {{"uri", pathToUri(path)}, {"diagnostics", items}};
  if (d.version) params["version"] = *d.version;
  send(path, params);
}

void DiagnosticsPublisher::send(const std::string& path, json params) {
  const bool versioned = params.contains("version");
  std::string wire = toWire(makeNotification("textDocument/publishDiagnostics", std::move(params)));
  // Checked again just before the write (the message is built): a didOpen the reader noted
  // meanwhile stops a publish without a version. What was written before the reader read the
  // didOpen no server can recall; the client tells it by its missing version.
  if (!versioned && server_.pendingOpens().contains(path)) return;
  server_.sendWire(std::move(wire));
}

json DiagnosticsPublisher::documentReport(const core::FileDiagnostics& d,
                                          const std::optional<std::string>& previousResultId) const {
  std::string resultId = std::to_string(d.generation) + (server_.settings().enable ? "" : "-off");
  std::uint64_t configGeneration = server_.configGeneration();
  if (server_.configFindings(d.path) || configGeneration) resultId += "-c" + std::to_string(configGeneration);
  if (previousResultId && *previousResultId == resultId) return json{{"kind", "unchanged"}, {"resultId", resultId}};
  return json{{"kind", "full"}, {"resultId", resultId}, {"items", server_.itemsFor(d)}};
}

void DiagnosticsPublisher::deferPull(const std::string& path, const json& id, std::optional<std::string> previousResultId) {
  deferredPulls_[path].push_back(Deferred{id, std::move(previousResultId)});
}

void DiagnosticsPublisher::cancelDeferred(const json& id) {
  for (auto& [path, list] : deferredPulls_) {
    auto it = std::find_if(list.begin(), list.end(), [&](const Deferred& d) { return d.id == id; });
    if (it != list.end()) {
      server_.replyError(id, ErrorCode::RequestCancelled, "request cancelled");
      list.erase(it);
      server_.cancels().take(id);
      return;
    }
  }
}

void DiagnosticsPublisher::refresh() {
  if (server_.refreshesPulls()) server_.request("workspace/diagnostic/refresh", nullptr);
}

void DiagnosticsPublisher::scheduleRefresh() {
  if (!server_.refreshesPulls() || refreshScheduled_) return;
  refreshScheduled_ = true;
  server_.post([this] {
    refreshScheduled_ = false;
    if (server_.state() == Server::State::Running) server_.request("workspace/diagnostic/refresh", nullptr);
  });
}

}  // namespace agentlens::lsp
