// The MCP server in-process (suite "mcp"): framing and JSON-RPC errors, the lifecycle, tools/list
// and its size, each tool on a copy of examples/shop-prototype, a preview/apply round trip, path
// refusal, cancellation, and the run loop. The real-client test is tests/agents/ (TypeScript SDK).
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mcp/server.hpp"
#include "project/git.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
using agentlens::testing::TempDir;
namespace fs = std::filesystem;

/// A copy of the shop example, committed in a fresh git repository (check_change needs one).
struct ShopCopy {
  TempDir dir{"mcp"};
  ShopCopy() {
    fs::copy(fs::path(AGENTLENS_SOURCE_DIR) / "examples" / "shop-prototype", dir.path, fs::copy_options::recursive);
    git({"init", "-q"});
    git({"add", "-A"});
    git({"-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "shop"});
  }
  void git(const std::vector<std::string>& args) const {
    auto r = agentlens::project::runGit(dir.str(), args);
    REQUIRE_MESSAGE(r.status == 0, r.err);
  }
  [[nodiscard]] std::string read(const std::string& rel) const {
    std::ifstream in(dir.path / rel, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

/// Drives a Server through handle(): one JSON-RPC request at a time.
struct Client {
  agentlens::mcp::Server server;
  int nextId = 1;
  explicit Client(const std::string& root) : server({root, 2, false}) {}

  json request(const std::string& method, json params = json::object()) {
    json msg = {{"jsonrpc", "2.0"}, {"id", nextId++}, {"method", method}, {"params", std::move(params)}};
    auto reply = server.handle(msg.dump());
    REQUIRE(reply.has_value());
    CHECK(reply->find('\n') == std::string::npos);  // one message per line
    return json::parse(*reply);
  }
  /// tools/call: the result object (content, structuredContent, isError) or the JSON-RPC error.
  json call(const std::string& tool, json args = json::object()) {
    json r = request("tools/call", {{"name", tool}, {"arguments", std::move(args)}});
    return r.contains("result") ? r["result"] : r;
  }
  /// A successful call's structured content; its text block holds the same JSON.
  json ok(const std::string& tool, json args = json::object()) {
    json r = call(tool, std::move(args));
    REQUIRE_MESSAGE(r.contains("structuredContent"), r.dump());
    CHECK(r["isError"] == false);
    REQUIRE(r["content"].size() == 1);
    CHECK(r["content"][0]["type"] == "text");
    CHECK(json::parse(r["content"][0]["text"].get<std::string>()) == r["structuredContent"]);
    return r["structuredContent"];
  }
  /// A failing call's message (a tool result with isError).
  std::string toolError(const std::string& tool, json args) {
    json r = call(tool, std::move(args));
    REQUIRE_MESSAGE(r.value("isError", false), r.dump());
    CHECK_FALSE(r.contains("structuredContent"));
    return r["content"][0]["text"];
  }
  /// A JSON-RPC error reply's code.
  int rpcError(const std::string& tool, json args) {
    json r = call(tool, std::move(args));
    REQUIRE_MESSAGE(r.contains("error"), r.dump());
    return r["error"]["code"];
  }
};

json parseReply(const std::optional<std::string>& s) {
  REQUIRE(s.has_value());
  return json::parse(*s);
}

}  // namespace

TEST_SUITE("mcp") {

TEST_CASE("framing: malformed JSON, invalid requests and unknown methods get JSON-RPC errors; the server goes on") {
  TempDir dir("mcp-frame");
  agentlens::mcp::Server server({dir.str(), 1, true});
  json r = parseReply(server.handle("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\""));
  CHECK(r["error"]["code"] == -32700);
  CHECK(r["id"].is_null());
  CHECK(parseReply(server.handle("[1, 2]"))["error"]["code"] == -32600);  // no batches in 2025-06-18
  CHECK(parseReply(server.handle(R"({"jsonrpc":"1.0","id":2,"method":"ping"})"))["error"]["code"] == -32600);
  CHECK(parseReply(server.handle(R"({"jsonrpc":"2.0","id":{"x":1},"method":"ping"})"))["error"]["code"] == -32600);
  json unknown = parseReply(server.handle(R"({"jsonrpc":"2.0","id":"a","method":"resources/list"})"));
  CHECK(unknown["error"]["code"] == -32601);
  CHECK(unknown["id"] == "a");
  // Notifications and responses are never answered, even unknown or malformed ones.
  CHECK_FALSE(server.handle(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"));
  CHECK_FALSE(server.handle(R"({"jsonrpc":"2.0","method":"notifications/whatever","params":[]})"));
  CHECK_FALSE(server.handle(R"({"jsonrpc":"2.0","id":9,"result":{}})"));
  CHECK_FALSE(server.handle("   "));
  json ping = parseReply(server.handle(R"({"jsonrpc":"2.0","id":3,"method":"ping"})"));
  CHECK(ping["result"] == json::object());
  CHECK(ping["id"] == 3);
}

TEST_CASE("initialize negotiates the protocol revision and announces tools") {
  TempDir dir("mcp-init");
  Client c(dir.str());
  json r = c.request("initialize", {{"protocolVersion", "2025-06-18"}, {"capabilities", json::object()},
                                    {"clientInfo", {{"name", "t"}, {"version", "1"}}}});
  CHECK(r["result"]["protocolVersion"] == "2025-06-18");
  CHECK(r["result"]["capabilities"]["tools"].is_object());
  CHECK(r["result"]["serverInfo"]["name"] == "agentlens");
  CHECK(c.request("initialize", {{"protocolVersion", "2025-03-26"}})["result"]["protocolVersion"] == "2025-03-26");
  CHECK(c.request("initialize", {{"protocolVersion", "1999-01-01"}})["result"]["protocolVersion"] == "2025-06-18");
  CHECK(c.request("initialize", json::object())["error"]["code"] == -32602);
}

TEST_CASE("tools/list: seven tools with input and output schemas, within 1,500 tokens") {
  TempDir dir("mcp-list");
  Client c(dir.str());
  json r = c.request("tools/list");
  const json& tools = r["result"]["tools"];
  std::vector<std::string> names;
  for (const auto& t : tools) {
    names.push_back(t["name"]);
    CHECK(t["description"].is_string());
    CHECK(t["inputSchema"]["type"] == "object");
    CHECK(t["outputSchema"]["type"] == "object");
  }
  CHECK(names == std::vector<std::string>{"readiness", "findings", "check_change", "explain", "plan", "preview_fix",
                                          "apply_fix"});
  std::size_t chars = r["result"].dump().size();
  std::size_t tokens = (chars + 3) / 4;
  MESSAGE("tools/list result: " << chars << " characters, ~" << tokens << " tokens (characters/4)");
  CHECK(tokens <= 1500);
}

TEST_CASE("readiness, plan, findings and explain on the shop example") {
  ShopCopy shop;
  Client c(shop.dir.str());
  json r = c.ok("readiness");
  REQUIRE(r["score"].is_number());
  CHECK(r["score"].get<double>() < 60);
  CHECK(r["gate"]["passed"] == false);
  CHECK(r["categories"].contains("security"));
  CHECK(r["top"].size() <= 5);
  CHECK(r["blockers"].get<int>() >= 1);

  json plan = c.ok("plan", {{"top", 2}});
  REQUIRE(plan["items"].size() == 2);
  CHECK(plan["items"][0]["handoff"].get<std::string>().size() > 20);
  CHECK(plan["total"].get<int>() >= 2);

  json all = c.ok("findings");
  CHECK(all["total"].get<int>() > 3);
  const json& first = all["findings"][0];
  for (const char* key : {"id", "file", "line", "rule", "severity", "message", "fix"}) CHECK(first.contains(key));
  CHECK(first["severity"] == "critical");  // most severe first
  json limited = c.ok("findings", {{"limit", 1}});
  CHECK(limited["findings"].size() == 1);
  CHECK(limited["total"] == all["total"]);
  json inApp = c.ok("findings", {{"paths", {"app.py"}}, {"category", "security"}});
  for (const auto& f : inApp["findings"]) CHECK(f["file"] == "app.py");
  CHECK(inApp["total"].get<int>() >= 1);
  // Secrets are masked in messages: the example's Stripe key never appears in full.
  CHECK(all.dump().find("sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ") == std::string::npos);

  json ex = c.ok("explain", {{"rule", "swallowed-exception"}});
  CHECK(ex["docs"].get<std::string>().find("## What it does") != std::string::npos);
  CHECK(c.toolError("explain", {{"rule", "no-such-rule"}}).find("unknown rule 'no-such-rule'") != std::string::npos);
}

TEST_CASE("paths outside the workspace root are refused; bad arguments are JSON-RPC errors") {
  ShopCopy shop;
  Client c(shop.dir.str());
  CHECK(c.toolError("readiness", {{"path", "../"}}).find("outside the workspace root") != std::string::npos);
  CHECK(c.toolError("findings", {{"paths", {"/etc"}}}).find("outside the workspace root") != std::string::npos);
  CHECK(c.toolError("findings", {{"paths", {"inventory/../../x"}}}).find("outside the workspace root") != std::string::npos);
  fs::create_directory_symlink("/tmp", shop.dir.path / "escape");
  CHECK(c.toolError("readiness", {{"path", "escape"}}).find("outside the workspace root") != std::string::npos);
  CHECK(c.toolError("readiness", {{"path", "missing-dir"}}).find("no such file or directory") != std::string::npos);
  CHECK(c.toolError("readiness", {{"path", "app.py"}}).find("not a directory") != std::string::npos);
  CHECK(c.rpcError("findings", {{"limit", "ten"}}) == -32602);
  CHECK(c.rpcError("findings", {{"paths", "app.py"}}) == -32602);
  CHECK(c.rpcError("findings", {{"min_severity", "urgent"}}) == -32602);
  CHECK(c.rpcError("findings", {{"colour", "red"}}) == -32602);
  CHECK(c.rpcError("explain", json::object()) == -32602);
  CHECK(c.rpcError("preview_fix", {{"rule", "x"}}) == -32602);
  CHECK(c.rpcError("no_such_tool", json::object()) == -32602);
  json r = c.request("tools/call", {{"name", "findings"}, {"arguments", json::array()}});
  CHECK(r["error"]["code"] == -32602);
  CHECK(r["error"]["message"].get<std::string>().find("arguments") != std::string::npos);
  CHECK(c.toolError("check_change", {{"ref", "--output=/tmp/x"}}).find("invalid git ref") != std::string::npos);
  CHECK(c.toolError("check_change", {{"ref", "no-such-branch"}}).find("unknown git ref") != std::string::npos);
  CHECK(c.toolError("preview_fix", {{"id", "00000000"}}).find("no open finding") != std::string::npos);
  CHECK(c.toolError("check_change", {{"files", {"inventory"}}}).find("is a directory") != std::string::npos);
  CHECK(c.toolError("check_change", {{"files", {"../outside.py"}}}).find("outside the workspace root") != std::string::npos);
}

TEST_CASE("preview_fix then apply_fix: the diff previewed is the change written; secrets stay masked") {
  ShopCopy shop;
  Client c(shop.dir.str());
  json all = c.ok("findings", {{"limit", 1000}});
  json safe;
  for (const auto& f : all["findings"])
    if (f["fix"] == "safe" && f["file"] == "app.py") safe = f;
  REQUIRE_MESSAGE(!safe.is_null(), all.dump(2));
  std::string before = shop.read("app.py");
  json preview = c.ok("preview_fix", {{"id", safe["id"]}});
  CHECK(preview["finding"]["id"] == safe["id"]);
  CHECK(preview["fix"]["safety"] == "safe");
  std::string diff = preview["diff"];
  CHECK(diff.find("--- a/app.py\n+++ b/app.py\n@@ -") != std::string::npos);
  CHECK(diff.find("sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ") == std::string::npos);
  CHECK(shop.read("app.py") == before);  // a preview writes nothing

  json applied = c.ok("apply_fix", {{"rule", safe["rule"]}, {"file", "app.py"}, {"line", safe["line"]}});
  CHECK(applied["applied"] == true);
  CHECK(applied["diff"] == diff);
  CHECK(std::find(applied["files"].begin(), applied["files"].end(), "app.py") != applied["files"].end());
  CHECK(shop.read("app.py") != before);
  // Stale id: the finding is gone.
  CHECK(c.toolError("apply_fix", {{"id", safe["id"]}}).find("no open finding") != std::string::npos);

  // check_change sees the fix as fixed, nothing introduced.
  json change = c.ok("check_change");
  CHECK(change["files"] == json::array({"app.py"}));
  CHECK(change["introduced"].empty());
  bool fixedIt = false;
  for (const auto& f : change["fixed"]) fixedIt = fixedIt || f["rule"] == safe["rule"];
  CHECK(fixedIt);
  CHECK(change["score"]["delta"].get<double>() >= 0);
}

TEST_CASE("apply_fix refuses unsafe fixes unless allow_unsafe") {
  ShopCopy shop;
  Client c(shop.dir.str());
  json all = c.ok("findings", {{"limit", 1000}});
  json unsafe;
  for (const auto& f : all["findings"])
    if (f["fix"] == "unsafe") unsafe = f;
  if (unsafe.is_null()) return;  // the example offers no unsafe fix: nothing to check
  std::string file = unsafe["file"];
  std::string before = shop.read(file);
  CHECK(c.toolError("apply_fix", {{"id", unsafe["id"]}}).find("allow_unsafe") != std::string::npos);
  CHECK(shop.read(file) == before);
  json applied = c.ok("apply_fix", {{"id", unsafe["id"]}, {"allow_unsafe", true}});
  CHECK(applied["applied"] == true);
  CHECK(shop.read(file) != before);
}

TEST_CASE("check_change: a new blocker in an edited file, against HEAD and for a file list") {
  ShopCopy shop;
  Client c(shop.dir.str());
  std::ofstream(shop.dir.path / "reports.py", std::ios::app) << "\nAWS_SECRET = \"AKIAIOSFODNN7EXAMPLEKEY\"\n"
                                                                 "def risky():\n    try:\n        run()\n"
                                                                 "    except:\n        pass\n";
  json change = c.ok("check_change");
  CHECK(change["files"] == json::array({"reports.py"}));
  REQUIRE(change["introduced"].size() >= 1);
  bool swallowed = false;
  for (const auto& f : change["introduced"]) {
    CHECK(f["file"] == "reports.py");
    swallowed = swallowed || f["rule"] == "swallowed-exception";
  }
  CHECK(swallowed);
  CHECK(change["fixed"].empty());
  CHECK(change["score"]["delta"].get<double>() <= 0);
  // Only the listed files count as changed; an untouched file shows no delta.
  json none = c.ok("check_change", {{"files", {"app.py"}}});
  CHECK(none["introduced"].empty());
  CHECK(none["fixed"].empty());
  json listed = c.ok("check_change", {{"ref", "HEAD"}, {"files", {"reports.py"}}});
  CHECK(listed["introduced"].size() == change["introduced"].size());
  json since = c.ok("findings", {{"changed_since", "HEAD"}});
  for (const auto& f : since["findings"]) CHECK(f["file"] == "reports.py");
}

TEST_CASE("cancellation: a cancelled request gets no reply; run() serves lines in order") {
  TempDir dir("mcp-run");
  agentlens::mcp::Server server({dir.str(), 1, true});
  CHECK_FALSE(server.handle(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7}})"));
  CHECK_FALSE(server.handle(R"({"jsonrpc":"2.0","id":7,"method":"tools/list"})"));
  CHECK(server.handle(R"({"jsonrpc":"2.0","id":"7","method":"ping"})"));  // a different id

  std::istringstream in(std::string(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}})") +
                        "\r\n" + R"({"jsonrpc":"2.0","method":"notifications/initialized"})" + "\n" + "\n" +
                        R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})" + "\n" + std::string(200, 'x') + "\n" +
                        R"({"jsonrpc":"2.0","id":3,"method":"ping"})");  // no final newline
  std::vector<json> replies;
  server.run(in, [&](const std::string& line) { replies.push_back(json::parse(line)); }, 100);
  REQUIRE(replies.size() == 4);
  std::vector<json> ids;
  for (const auto& r : replies) ids.push_back(r["id"]);
  // ping is answered by the reader at once; the overlong line is a parse error; the rest in order.
  CHECK(std::count(ids.begin(), ids.end(), json(3)) == 1);
  CHECK(std::count(ids.begin(), ids.end(), json(nullptr)) == 1);
  std::vector<json> ordered;
  for (const auto& id : ids)
    if (id == 1 || id == 2) ordered.push_back(id);
  CHECK(ordered == std::vector<json>{1, 2});
}

}  // TEST_SUITE
