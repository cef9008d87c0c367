#include "lsp/client.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>
#include <chrono>
#include <random>
#include <thread>

#include "core/text/line_index.hpp"
#include "lsp/protocol/basic.hpp"
#include "cli/builtin_env.hpp"

namespace agentlens::testing {

namespace fs = std::filesystem;

lsp::ServerEnvironment builtinEnvironment() { return cli::builtinServerEnvironment(); }

std::string applyTextEdits(const std::string& text, const json& edits, core::PositionEncoding enc) {
  core::LineIndex lines(text);
  struct E {
    std::uint32_t start, end;
    std::string text;
  };
  std::vector<E> es;
  for (const auto& e : edits) {
    auto s = core::Position{e["range"]["start"]["line"], e["range"]["start"]["character"]};
    auto t = core::Position{e["range"]["end"]["line"], e["range"]["end"]["character"]};
    es.push_back({lines.toOffset(s, enc), lines.toOffset(t, enc), e["newText"].get<std::string>()});
  }
  std::stable_sort(es.begin(), es.end(), [](const E& a, const E& b) { return a.start > b.start; });
  std::string out = text;
  for (const auto& e : es) out.replace(e.start, e.end - e.start, e.text);
  return out;
}

std::string TestClient::uri(const std::string& path) { return lsp::pathToUri(path); }

TestClient::TestClient(Options opts) : opts_(std::move(opts)) {
  lsp::ServerOptions so;
  so.workspace.synchronous = opts_.synchronous;
  so.workspace.indexWorkspace = opts_.indexWorkspace;
  so.workspace.threads = 2;
  server_ = std::make_unique<lsp::Server>(*this, builtinEnvironment(),
                                          [this](std::function<void()> fn) {
                                            std::lock_guard lock(queueMu_);
                                            queue_.push_back(std::move(fn));
                                          }, so);
}

TestClient::~TestClient() { server_.reset(); }

void TestClient::send(std::string text) {
  json msg = json::parse(text);
  received_.push_back(msg);
  // Requests from the server are answered after the current step (as a real client would).
  if (msg.contains("method") && msg.contains("id")) pendingServerRequests_.push_back(msg);
}

bool TestClient::runQueued() {
  bool did = false;
  while (true) {
    std::function<void()> fn;
    {
      std::lock_guard lock(queueMu_);
      if (queue_.empty()) break;
      fn = std::move(queue_.front());
      queue_.pop_front();
    }
    fn();
    did = true;
  }
  return did;
}

bool TestClient::pumpUntil(const std::function<bool()>& done, int timeoutMs) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (std::chrono::steady_clock::now() < until) {
    runQueued();
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return false;
}

void TestClient::drain() {
  for (int rounds = 0; rounds < 1000; ++rounds) {
    if (!opts_.synchronous && server_->state() == lsp::Server::State::Running) server_->workspace().waitIdle();
    bool did = runQueued();
    auto reqs = std::move(pendingServerRequests_);
    pendingServerRequests_.clear();
    for (const auto& r : reqs) {
      std::string method = r["method"];
      json result = nullptr;
      if (method == "workspace/configuration") {
        result = json::array();
        for (std::size_t i = 0; i < r["params"]["items"].size(); ++i) result.push_back(opts_.configuration);
      } else if (method == "workspace/applyEdit") {
        appliedEdits_.push_back(r["params"]["edit"]);
        result = {{"applied", true}};
      }
      server_->handle({{"jsonrpc", "2.0"}, {"id", r["id"]}, {"result", result}});
      did = true;
    }
    if (!did) return;
  }
  FAIL("session did not settle");
}

json TestClient::initialize() {
  json params = {{"processId", nullptr}, {"capabilities", opts_.capabilities}};
  if (!opts_.initializationOptions.is_null()) params["initializationOptions"] = opts_.initializationOptions;
  if (!opts_.roots.empty()) {
    json folders = json::array();
    for (const auto& r : opts_.roots) folders.push_back({{"uri", uri(r)}, {"name", fs::path(r).filename().string()}});
    params["workspaceFolders"] = folders;
    params["rootUri"] = uri(opts_.roots[0]);
  } else {
    params["rootUri"] = nullptr;
  }
  json resp = request("initialize", params);
  REQUIRE(resp.contains("result"));
  notify("initialized", json::object());
  return resp["result"];
}

json TestClient::request(const std::string& method, json params) {
  int id = nextId_++;
  server_->handle({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
  drain();
  for (auto it = received_.rbegin(); it != received_.rend(); ++it)
    if (it->contains("id") && !it->contains("method") && (*it)["id"] == id) return *it;
  return nullptr;  // deferred (answered later) or never answered
}

void TestClient::notify(const std::string& method, json params) {
  server_->handle({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  drain();
}

void TestClient::sendRaw(const json& msg) {
  server_->handle(msg);
  drain();
}

void TestClient::open(const std::string& path, const std::string& text, std::int64_t version,
                      const std::string& languageId) {
  notify("textDocument/didOpen",
         {{"textDocument", {{"uri", uri(path)}, {"languageId", languageId}, {"version", version}, {"text", text}}}});
}

void TestClient::change(const std::string& path, std::int64_t version, json contentChanges) {
  notify("textDocument/didChange",
         {{"textDocument", {{"uri", uri(path)}, {"version", version}}}, {"contentChanges", std::move(contentChanges)}});
}

void TestClient::close(const std::string& path) {
  notify("textDocument/didClose", {{"textDocument", {{"uri", uri(path)}}}});
}

std::vector<json> TestClient::take(const std::string& method) {
  std::vector<json> out;
  for (const auto& m : received_)
    if (m.value("method", "") == method) out.push_back(m);
  return out;
}

std::vector<json> TestClient::allDiagnostics(const std::string& path) const {
  std::vector<json> out;
  std::string u = uri(path);
  for (const auto& m : received_)
    if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == u) out.push_back(m["params"]);
  return out;
}

json TestClient::lastDiagnostics(const std::string& path) const {
  auto all = allDiagnostics(path);
  return all.empty() ? json(nullptr) : all.back();
}

}  // namespace agentlens::testing
