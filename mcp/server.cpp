#include "mcp/server.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <istream>
#include <mutex>
#include <set>
#include <thread>

#include "agentlens/version.hpp"
#include "mcp/tools.hpp"

namespace agentlens::mcp {
namespace {

// JSON-RPC 2.0 error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;

/// Older revisions a client may ask for; the reply names the one both sides speak.
constexpr std::string_view kSupportedVersions[] = {"2025-06-18", "2025-03-26", "2024-11-05"};

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json errorReply(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

json resultReply(const json& id, json result) { return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}; }

/// A tool's outcome as tools/call returns it: structured content plus the same JSON as text
/// (for clients that read only content blocks).
json toolResult(json structured) {
  json text = {{"type", "text"}, {"text", dump(structured)}};
  return {{"content", json::array({std::move(text)})}, {"structuredContent", std::move(structured)}, {"isError", false}};
}

json toolErrorResult(const std::string& message) {
  return {{"content", json::array({{{"type", "text"}, {"text", message}}})}, {"isError", true}};
}

/// Reads one line (without "\n", "\r\n" tolerated) of at most `max` bytes. Returns false at end
/// of input; sets `tooLong` when the line was longer (its bytes are discarded).
bool readLine(std::istream& in, std::string& line, std::size_t max, bool& tooLong) {
  line.clear();
  tooLong = false;
  auto* buf = in.rdbuf();
  bool any = false;
  for (;;) {
    int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) return any;
    any = true;
    if (c == '\n') break;
    if (line.size() < max) line.push_back(static_cast<char>(c));
    else tooLong = true;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace

struct Server::Impl {
  ServerOptions opts;
  std::optional<Workspace> workspace;  // created on first use: the root is checked then
  std::mutex cancelMu;
  std::set<std::string> cancelled;  // dumped request ids

  bool isCancelled(const json& id) {
    std::lock_guard lock(cancelMu);
    return cancelled.count(dump(id)) > 0;
  }
  void noteCancelled(const json& params) {
    if (!params.is_object() || !params.contains("requestId")) return;
    std::lock_guard lock(cancelMu);
    cancelled.insert(dump(params["requestId"]));
  }

  const Workspace& ws() {
    if (!workspace) workspace.emplace(opts);
    return *workspace;
  }

  json initialize(const json& params) {
    if (!params.is_object() || !params.contains("protocolVersion") || !params["protocolVersion"].is_string())
      throw InvalidParams("params.protocolVersion: expected a string");
    std::string asked = params["protocolVersion"];
    std::string version(kProtocolVersion);
    for (auto v : kSupportedVersions)
      if (asked == v) version = asked;
    return {{"protocolVersion", version},
            {"capabilities", {{"tools", {{"listChanged", false}}}}},
            {"serverInfo", {{"name", "agentlens"}, {"title", "AgentLens"}, {"version", kVersion}}},
            {"instructions",
             "Production-readiness checks of the workspace at " + ws().root() +
                 " (paths are relative to it). Call check_change before you report a task done; fix what it "
                 "introduced."}};
  }

  json callTool(const json& params) {
    if (!params.is_object()) throw InvalidParams("params: expected an object");
    if (!params.contains("name") || !params["name"].is_string()) throw InvalidParams("params.name: expected a string");
    std::string name = params["name"];
    ToolHandler handler = findTool(name);
    if (!handler) throw InvalidParams("unknown tool '" + name + "' (tools/list lists them)");
    json args = params.contains("arguments") ? params["arguments"] : json::object();
    if (args.is_null()) args = json::object();
    if (!args.is_object()) throw InvalidParams("params.arguments: expected an object");
    try {
      return toolResult(handler(ws(), args));
    } catch (const ToolError& e) {
      return toolErrorResult(e.what());
    }
  }

  /// Replies to one parsed message, or nullopt (notification, response, cancelled request).
  std::optional<json> dispatch(const json& msg) {
    if (!msg.is_object()) return errorReply(nullptr, kInvalidRequest, "Invalid Request: expected a JSON-RPC object (batches are not supported)");
    if (!msg.contains("method")) return std::nullopt;  // a response to a request we never send: ignored
    bool hasId = msg.contains("id");
    json id = hasId ? msg["id"] : json(nullptr);
    if (hasId && !id.is_string() && !id.is_number_integer())
      return errorReply(nullptr, kInvalidRequest, "Invalid Request: id must be a string or an integer");
    if (!msg["method"].is_string() || msg.value("jsonrpc", json()) != "2.0")
      return hasId ? std::optional(errorReply(id, kInvalidRequest, "Invalid Request: expected jsonrpc \"2.0\" and a method name"))
                   : std::nullopt;
    std::string method = msg["method"];
    json params = msg.contains("params") ? msg["params"] : json::object();
    if (!hasId) {
      if (method == "notifications/cancelled") noteCancelled(params);
      return std::nullopt;  // notifications/initialized and unknown notifications need no reply
    }
    if (isCancelled(id)) return std::nullopt;
    json reply;
    try {
      if (method == "initialize") reply = resultReply(id, initialize(params));
      else if (method == "ping") reply = resultReply(id, json::object());
      else if (method == "tools/list") reply = resultReply(id, {{"tools", toolList()}});
      else if (method == "tools/call") reply = resultReply(id, callTool(params));
      else reply = errorReply(id, kMethodNotFound, "Method not found: " + method);
    } catch (const InvalidParams& e) {
      reply = errorReply(id, kInvalidParams, e.what());
    } catch (const ToolError& e) {  // raised outside a tool (the workspace root is unusable)
      reply = errorReply(id, kInternalError, e.what());
    } catch (const std::exception& e) {
      spdlog::error("mcp: {} failed: {}", method, e.what());
      reply = errorReply(id, kInternalError, std::string("internal error: ") + e.what());
    }
    if (isCancelled(id)) return std::nullopt;  // cancelled while it ran: no reply (MCP)
    return reply;
  }

  std::optional<std::string> handleLine(std::string_view line) {
    json msg;
    try {
      msg = json::parse(line);
    } catch (const json::parse_error& e) {
      return dump(errorReply(nullptr, kParseError, "Parse error at byte " + std::to_string(e.byte) + ": not valid JSON"));
    }
    auto reply = dispatch(msg);
    if (!reply) return std::nullopt;
    return dump(*reply);
  }
};

Server::Server(ServerOptions opts) : impl_(std::make_unique<Impl>()) { impl_->opts = std::move(opts); }
Server::~Server() = default;

std::optional<std::string> Server::handle(std::string_view line) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return std::nullopt;  // blank line
  return impl_->handleLine(line);
}

void Server::run(std::istream& in, const std::function<void(const std::string&)>& send, std::size_t maxLineBytes) {
  std::mutex mu;  // guards the queue and `send`
  std::condition_variable cv;
  std::deque<std::string> queue;
  bool eof = false;
  auto sendLocked = [&](const std::string& line) {
    std::lock_guard lock(mu);
    send(line);
  };
  // The reader answers ping and notes cancellations as they arrive, so neither waits behind a
  // running tool call; everything else is queued in order.
  std::thread reader([&] {
    std::string line;
    bool tooLong = false;
    while (readLine(in, line, maxLineBytes, tooLong)) {
      if (tooLong) {
        sendLocked(dump(errorReply(nullptr, kParseError, "Parse error: message longer than " +
                                                             std::to_string(maxLineBytes) + " bytes")));
        continue;
      }
      json msg = json::parse(line, nullptr, false);
      if (msg.is_object() && msg.value("method", json()) == "notifications/cancelled") {
        impl_->noteCancelled(msg.value("params", json()));
        continue;
      }
      if (msg.is_object() && msg.value("method", json()) == "ping" && msg.contains("id")) {
        if (auto reply = handle(line)) sendLocked(*reply);
        continue;
      }
      std::lock_guard lock(mu);
      queue.push_back(std::move(line));
      cv.notify_one();
    }
    std::lock_guard lock(mu);
    eof = true;
    cv.notify_one();
  });
  for (;;) {
    std::string line;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return eof || !queue.empty(); });
      if (queue.empty()) break;
      line = std::move(queue.front());
      queue.pop_front();
    }
    if (auto reply = handle(line)) sendLocked(*reply);
  }
  reader.join();
}

}  // namespace agentlens::mcp
