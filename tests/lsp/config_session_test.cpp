// The language server under project configuration: .agentlens.toml discovered per root as the
// CLI does, editor settings layered on top, live reload on watched-file and save events, broken
// config files (diagnostic at the bad line, one window/showMessage, last good settings kept), and
// the "suppress" code action round trip through the suppression parser.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "lsp/client.hpp"

using agentlens::testing::applyTextEdits;
using agentlens::testing::TempDir;
using agentlens::testing::TestClient;
using nlohmann::json;
namespace core = agentlens::core;

namespace {

json capabilities(bool watch = true) {
  return {
      {"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", watch}}}}},
      {"textDocument",
       {{"publishDiagnostics", {{"versionSupport", true}, {"dataSupport", true}, {"tagSupport", {{"valueSet", {1, 2}}}}}},
        {"codeAction", {{"codeActionLiteralSupport", {{"codeActionKind", {{"valueSet", {"quickfix", "source"}}}}}}}}}},
  };
}

const char* kSwallow =
    "def charge(order):\n"
    "    try:\n"
    "        gateway.charge(order)\n"
    "    except Exception:\n"
    "        pass\n";

bool has(const json& pub, const std::string& code) {
  if (pub.is_null()) return false;
  for (const auto& d : pub["diagnostics"])
    if (d.value("code", "") == code) return true;
  return false;
}

json find(const json& pub, const std::string& code) {
  for (const auto& d : pub["diagnostics"])
    if (d.value("code", "") == code) return d;
  return nullptr;
}

void watched(TestClient& c, const std::string& path, int type = 2) {
  c.notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", TestClient::uri(path)}, {"type", type}}}}});
}

std::size_t showMessages(TestClient& c) { return c.take("window/showMessage").size(); }

}  // namespace

TEST_SUITE("lsp-config") {
  TEST_CASE("the root's .agentlens.toml applies; editor select/ignore come after it") {
    TempDir dir;
    dir.write(".agentlens.toml", "ignore = [\"swallowed-exception\"]\n");
    std::string py = dir.write("svc/a.py", kSwallow);
    std::string worker = dir.write("worker/b.py", kSwallow);
    TestClient c({.capabilities = capabilities(), .roots = {dir.path.string()}});
    c.initialize();
    c.open(py, kSwallow);
    CHECK_FALSE(has(c.lastDiagnostics(py), "swallowed-exception"));

    // A nested config wins for files below it (nearest config, like the CLI).
    dir.write("worker/.agentlens.toml", "select = [\"error-handling\"]\n");
    watched(c, (dir.path / "worker/.agentlens.toml").string(), 1);
    c.open(worker, kSwallow);
    CHECK(has(c.lastDiagnostics(worker), "swallowed-exception"));
    CHECK_FALSE(has(c.lastDiagnostics(py), "swallowed-exception"));

    // Editor settings are the last layer: selecting the rule brings it back under the root config.
    c.notify("workspace/didChangeConfiguration", {{"settings", {{"agentlens", {{"select", {"swallowed-exception"}}}}}}});
    CHECK(has(c.lastDiagnostics(py), "swallowed-exception"));
    c.notify("workspace/didChangeConfiguration", {{"settings", {{"agentlens", {{"ignore", {"error-handling"}}}}}}});
    CHECK_FALSE(has(c.lastDiagnostics(worker), "swallowed-exception"));
  }

  TEST_CASE("editing the config reloads it live: watched files, or didSave for clients without watchers") {
    TempDir dir;
    std::string py = dir.write("a.py", kSwallow);
    std::string cfg = (dir.path / ".agentlens.toml").string();
    TestClient c({.capabilities = capabilities(), .roots = {dir.path.string()}});
    c.initialize();
    c.open(py, kSwallow);
    REQUIRE(has(c.lastDiagnostics(py), "swallowed-exception"));
    std::size_t before = c.allDiagnostics(py).size();

    // Created: the open document is re-analysed and republished without a restart.
    dir.write(".agentlens.toml", "ignore = [\"swallowed-exception\"]\n");
    auto t0 = std::chrono::steady_clock::now();
    watched(c, cfg, 1);
    double reloadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("config reload + re-analysis + republish of one open document: " << reloadMs << " ms");
    CHECK(c.allDiagnostics(py).size() == before + 1);
    CHECK_FALSE(has(c.lastDiagnostics(py), "swallowed-exception"));
    CHECK(c.lastDiagnostics(py)["version"] == 1);

    // A severity override in the config changes the reported level.
    dir.write(".agentlens.toml", "[rules.swallowed-exception]\nseverity = \"low\"\n");
    watched(c, cfg);
    json d = find(c.lastDiagnostics(py), "swallowed-exception");
    REQUIRE(!d.is_null());
    CHECK(d["severity"] != 1);

    // An unrelated watched file does not re-analyse anything.
    std::size_t count = c.allDiagnostics(py).size();
    watched(c, dir.write("README.md", "hello\n"), 1);
    CHECK(c.allDiagnostics(py).size() == count);

    // No file watching: saving the config reloads it.
    TestClient s({.capabilities = capabilities(false), .roots = {dir.path.string()}});
    s.initialize();
    s.open(py, kSwallow);
    REQUIRE(has(s.lastDiagnostics(py), "swallowed-exception"));
    dir.write(".agentlens.toml", "ignore = [\"error-handling\"]\n");
    s.notify("textDocument/didSave", {{"textDocument", {{"uri", TestClient::uri(cfg)}}}});
    CHECK_FALSE(has(s.lastDiagnostics(py), "swallowed-exception"));
    // Deleted: back to the defaults.
    std::filesystem::remove(cfg);
    s.notify("textDocument/didSave", {{"textDocument", {{"uri", TestClient::uri(cfg)}}}});
    CHECK(has(s.lastDiagnostics(py), "swallowed-exception"));
  }

  TEST_CASE("a broken config: diagnostic at the bad line, one showMessage, the server keeps serving") {
    TempDir dir;
    std::string py = dir.write("a.py", kSwallow);
    std::string cfg = dir.write(".agentlens.toml", "ignore = [\"swallowed-exception\"]\n");
    TestClient c({.capabilities = capabilities(), .roots = {dir.path.string()}});
    c.initialize();
    c.open(py, kSwallow);
    CHECK_FALSE(has(c.lastDiagnostics(py), "swallowed-exception"));
    CHECK(showMessages(c) == 0);

    // An unknown key on line 3: reported there; the rest of the file still applies.
    dir.write(".agentlens.toml", "ignore = [\"swallowed-exception\"]\n\nselec = [\"security\"]\n");
    watched(c, cfg);
    json pub = c.lastDiagnostics(cfg);
    REQUIRE(!pub.is_null());
    json bad = find(pub, "invalid-config");
    REQUIRE(!bad.is_null());
    CHECK(bad["range"]["start"]["line"] == 2);
    CHECK(bad["message"].get<std::string>().find("selec") != std::string::npos);
    CHECK_FALSE(has(c.lastDiagnostics(py), "swallowed-exception"));
    REQUIRE(showMessages(c) == 1);
    json shown = c.take("window/showMessage").back()["params"];
    CHECK(shown["message"].get<std::string>().find(".agentlens.toml:3") != std::string::npos);

    // The same problem again (a save, another watcher event): no second popup.
    watched(c, cfg);
    c.notify("textDocument/didSave", {{"textDocument", {{"uri", TestClient::uri(cfg)}}}});
    CHECK(showMessages(c) == 1);

    // A TOML syntax error: reported at its line; the last good settings stay in force.
    dir.write(".agentlens.toml", "ignore = [\"swallowed-exception\"]\nselect = [\n");
    watched(c, cfg);
    json syntax = find(c.lastDiagnostics(cfg), "invalid-config");
    REQUIRE(!syntax.is_null());
    CHECK(syntax["range"]["start"]["line"].get<int>() >= 1);
    CHECK(syntax["message"].get<std::string>().find("last good version") != std::string::npos);
    CHECK_FALSE(has(c.lastDiagnostics(py), "swallowed-exception"));  // not every rule switched back on
    CHECK(showMessages(c) == 2);  // a new problem: shown once
    // Other documents are still served.
    std::string other = dir.write("b.py", kSwallow);
    c.open(other, kSwallow);
    CHECK(!c.lastDiagnostics(other).is_null());

    // Fixed: the config file's diagnostics are cleared, no popup.
    dir.write(".agentlens.toml", "ignore = []\n");
    watched(c, cfg);
    CHECK(c.lastDiagnostics(cfg)["diagnostics"].empty());
    CHECK(has(c.lastDiagnostics(py), "swallowed-exception"));
    CHECK(showMessages(c) == 2);
  }

  TEST_CASE("a config that is broken from the start: defaults apply, its problem is shown") {
    TempDir dir;
    std::string py = dir.write("a.py", kSwallow);
    std::string cfg = dir.write(".agentlens.toml", "ignore = [\"swallowed-exception\"\n");
    TestClient c({.capabilities = capabilities(), .roots = {dir.path.string()}});
    c.initialize();
    CHECK(has(c.lastDiagnostics(cfg), "invalid-config"));
    CHECK(showMessages(c) == 1);
    c.open(py, kSwallow);
    CHECK(has(c.lastDiagnostics(py), "swallowed-exception"));

    // Pull-diagnostics clients get the config file's problems from textDocument/diagnostic.
    json caps = capabilities();
    caps["textDocument"]["diagnostic"] = json::object();
    TestClient p({.capabilities = caps, .roots = {dir.path.string()}});
    p.initialize();
    json r = p.request("textDocument/diagnostic", {{"textDocument", {{"uri", TestClient::uri(cfg)}}}});
    REQUIRE(r.contains("result"));
    bool found = false;
    for (const auto& d : r["result"]["items"]) found = found || d["code"] == "invalid-config";
    CHECK(found);
  }

  TEST_CASE("suppress actions round-trip through the suppression parser (py, js, go)") {
    struct Case {
      std::string file, lang, text;
    };
    std::vector<Case> cases = {
        {"svc/a.py", "python", kSwallow},
        {"svc/b.js", "javascript", "function f() {\n  try {\n    run();\n  } catch (e) {}\n}\n"},
        {"svc/c.go", "go",
         "package svc\n\nimport \"strconv\"\n\nfunc parse(id string) int {\n\tn, _ := strconv.Atoi(id)\n\treturn n\n}\n"},
    };
    TempDir dir;
    TestClient c({.capabilities = capabilities(), .roots = {dir.path.string()}});
    c.initialize();
    for (const auto& k : cases) {
      CAPTURE(k.file);
      std::string path = dir.write(k.file, k.text);
      std::int64_t version = 1;
      c.open(path, k.text, version, k.lang);
      json pub = c.lastDiagnostics(path);
      REQUIRE(!pub.is_null());
      REQUIRE(!pub["diagnostics"].empty());
      for (bool wholeFile : {false, true}) {
        CAPTURE(wholeFile);
        json diag = pub["diagnostics"][0];
        std::string rule = diag["code"].get<std::string>();
        json resp = c.request("textDocument/codeAction", {{"textDocument", {{"uri", TestClient::uri(path)}}},
                                                          {"range", diag["range"]},
                                                          {"context", {{"diagnostics", {diag}}}}});
        json action;
        std::string title = "Suppress " + rule + (wholeFile ? " in this file" : " on this line");
        for (const auto& a : resp["result"])
          if (a["title"] == title) action = a;
        REQUIRE(!action.is_null());
        json edits = action["edit"].contains("documentChanges") ? action["edit"]["documentChanges"][0]["edits"]
                                                                : action["edit"]["changes"][TestClient::uri(path)];
        std::string text = applyTextEdits(k.text, edits, core::PositionEncoding::Utf16);
        c.change(path, ++version, json::array({{{"text", text}}}));
        json after = c.lastDiagnostics(path);
        CHECK(after["version"] == version);
        // The finding is gone (it moved one line down with the inserted comment), and the comment
        // is neither unused nor malformed.
        int movedTo = diag["range"]["start"]["line"].get<int>() + 1;
        bool still = false;
        for (const auto& d : after["diagnostics"])
          still = still || (d["code"] == rule && (wholeFile || d["range"]["start"]["line"].get<int>() == movedTo));
        CHECK_FALSE(still);
        CHECK_FALSE(has(after, "unused-suppression"));
        CHECK_FALSE(has(after, "invalid-suppression"));
        c.change(path, ++version, json::array({{{"text", k.text}}}));  // back for the next round
        pub = c.lastDiagnostics(path);
      }
    }
  }

  TEST_CASE("a baseline at the root is applied by the server as by the CLI") {
    TempDir dir;
    std::string py = dir.write("a.py", kSwallow);
    TestClient c({.capabilities = capabilities(), .roots = {dir.path.string()}});
    c.initialize();
    c.open(py, kSwallow);
    REQUIRE(has(c.lastDiagnostics(py), "swallowed-exception"));
    // Written by the CLI, picked up by the server on the watcher event.
    std::string cmd = std::string(AGENTLENS_BINARY) + " check --no-cache -q --write-baseline " +
                      (dir.path / ".agentlens-baseline.json").string() + " " + dir.path.string() + " >/dev/null 2>&1";
    CHECK(std::system(cmd.c_str()) != -1);
    REQUIRE(std::filesystem::exists(dir.path / ".agentlens-baseline.json"));
    watched(c, (dir.path / ".agentlens-baseline.json").string(), 1);
    CHECK_FALSE(has(c.lastDiagnostics(py), "swallowed-exception"));
  }
}
