// Session-style tests of the server through the in-process client: open → diagnostics → code
// action → apply → text; encodings; stale versions; close/reopen; lifecycle errors; pull
// diagnostics; settings; progress; watched files and folders.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <cstdio>
#include <iterator>
#include <set>

#include "lsp/client.hpp"
#include "support/fixture.hpp"
#include "e2e/proc.hpp"

using agentlens::testing::applyTextEdits;
using agentlens::testing::TempDir;
using agentlens::testing::TestClient;
using nlohmann::json;
namespace fs = std::filesystem;
namespace core = agentlens::core;

namespace {

/// A client with the capabilities a modern editor advertises.
json fullCapabilities(std::vector<std::string> encodings = {"utf-16"}) {
  return {
      {"general", {{"positionEncodings", encodings}}},
      {"window", {{"workDoneProgress", true}, {"showDocument", {{"support", true}}}}},
      {"workspace",
       {{"configuration", true},
        {"workspaceFolders", true},
        {"didChangeWatchedFiles", {{"dynamicRegistration", true}}},
        {"workspaceEdit", {{"documentChanges", true}, {"resourceOperations", {"create", "rename", "delete"}}}}}},
      {"textDocument",
       {{"publishDiagnostics",
         {{"relatedInformation", true}, {"versionSupport", true}, {"codeDescriptionSupport", true}, {"dataSupport", true},
          {"tagSupport", {{"valueSet", {1, 2}}}}}},
        {"codeAction",
         {{"codeActionLiteralSupport", {{"codeActionKind", {{"valueSet", {"quickfix", "source"}}}}}},
          {"isPreferredSupport", true},
          {"resolveSupport", {{"properties", {"edit"}}}}}},
        {"hover", {{"contentFormat", {"markdown", "plaintext"}}}}}},
  };
}

const char* kSwallow =
    "def charge(order):\n"
    "    try:\n"
    "        gateway.charge(order)\n"
    "    except Exception:\n"
    "        pass\n";

json findCode(const json& diags, const std::string& code) {
  for (const auto& d : diags)
    if (d.value("code", "") == code) return d;
  return nullptr;
}

json codeActions(TestClient& c, const std::string& path, const json& diag) {
  json resp = c.request("textDocument/codeAction",
                        {{"textDocument", {{"uri", TestClient::uri(path)}}},
                         {"range", diag["range"]},
                         {"context", {{"diagnostics", {diag}}}}});
  REQUIRE(resp.contains("result"));
  return resp["result"];
}

json actionTitled(const json& actions, const std::string& prefix) {
  for (const auto& a : actions)
    if (a["title"].get<std::string>().rfind(prefix, 0) == 0) return a;
  return nullptr;
}

/// The edits of a WorkspaceEdit for one uri (documentChanges or changes).
json editsFor(const json& edit, const std::string& uri) {
  json out = json::array();
  if (edit.contains("documentChanges")) {
    for (const auto& dc : edit["documentChanges"])
      if (dc.contains("textDocument") && dc["textDocument"]["uri"] == uri)
        for (const auto& e : dc["edits"]) out.push_back(e);
  } else if (edit.contains("changes") && edit["changes"].contains(uri)) {
    out = edit["changes"][uri];
  }
  return out;
}

}  // namespace

TEST_SUITE("lsp") {
  TEST_CASE("open → diagnostics → quick fix → apply → expected text") {
    TempDir dir;
    std::string path = dir.write("app/billing.py", kSwallow);
    TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}});
    json init = c.initialize();
    CHECK(init["capabilities"]["positionEncoding"] == "utf-16");
    CHECK(init["capabilities"]["textDocumentSync"]["change"] == 2);

    c.open(path, kSwallow, 1);
    json pub = c.lastDiagnostics(path);
    REQUIRE(!pub.is_null());
    CHECK(pub["version"] == 1);
    json d = findCode(pub["diagnostics"], "swallowed-exception");
    REQUIRE(!d.is_null());
    CHECK(d["source"] == "agentlens");
    CHECK(d["severity"] == 2);  // high severity, not a gate rule: Warning (lsp/noise.hpp)
    CHECK(!d["message"].get<std::string>().empty());
    CHECK(d["range"]["start"] == json{{"line", 3}, {"character", 4}});
    CHECK(d["codeDescription"]["href"].get<std::string>().find("docs/rules/swallowed-exception.md") != std::string::npos);
    CHECK(d["data"]["version"] == 1);
    CHECK(d["data"]["fixes"].size() >= 1);

    json actions = codeActions(c, path, d);
    json fix = actionTitled(actions, "Log the exception with its traceback");
    REQUIRE(!fix.is_null());
    CHECK(fix["kind"] == "quickfix");
    CHECK(fix["isPreferred"] == true);
    json reraise = actionTitled(actions, "Log the exception and re-raise");
    REQUIRE(!reraise.is_null());
    CHECK(!reraise.contains("isPreferred"));  // unsafe fixes are never preferred
    CHECK(!actionTitled(actions, "Suppress swallowed-exception on this line").is_null());
    CHECK(!actionTitled(actions, "Suppress swallowed-exception in this file").is_null());
    CHECK(!actionTitled(actions, "Show documentation for swallowed-exception").is_null());

    // documentChanges with the document's version.
    REQUIRE(fix["edit"].contains("documentChanges"));
    CHECK(fix["edit"]["documentChanges"][0]["textDocument"]["version"] == 1);
    std::string fixed = applyTextEdits(kSwallow, editsFor(fix["edit"], TestClient::uri(path)), core::PositionEncoding::Utf16);
    CHECK(fixed ==
          "import logging\n\nlogger = logging.getLogger(__name__)\n"
          "def charge(order):\n"
          "    try:\n"
          "        gateway.charge(order)\n"
          "    except Exception:\n"
          "        logger.exception(\"charge failed\")\n");

    // The client applies the edit as a full change: the finding is gone.
    c.change(path, 2, json::array({{{"text", fixed}}}));
    json after = c.lastDiagnostics(path);
    CHECK(after["version"] == 2);
    CHECK(findCode(after["diagnostics"], "swallowed-exception").is_null());
  }

  TEST_CASE("suppression actions insert the comment in the language's syntax") {
    TempDir dir;
    std::string py = dir.write("svc/a.py", kSwallow);
    std::string js = dir.write("svc/b.js", "function f() {\n  try {\n    run();\n  } catch (e) {}\n}\n");
    TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}});
    c.initialize();
    c.open(py, kSwallow, 1);
    json d = findCode(c.lastDiagnostics(py)["diagnostics"], "swallowed-exception");
    REQUIRE(!d.is_null());
    json actions = codeActions(c, py, d);
    json line = actionTitled(actions, "Suppress swallowed-exception on this line");
    REQUIRE(!line.is_null());
    CHECK(applyTextEdits(kSwallow, editsFor(line["edit"], TestClient::uri(py)), core::PositionEncoding::Utf16) ==
          "def charge(order):\n    try:\n        gateway.charge(order)\n"
          "    # agentlens: ignore[swallowed-exception] -- TODO: explain why this is acceptable\n"
          "    except Exception:\n        pass\n");
    json file = actionTitled(actions, "Suppress swallowed-exception in this file");
    CHECK(applyTextEdits(kSwallow, editsFor(file["edit"], TestClient::uri(py)), core::PositionEncoding::Utf16)
              .rfind("# agentlens: ignore-file[swallowed-exception] -- TODO: explain why this is acceptable\ndef charge", 0) == 0);

    std::string jsText = "function f() {\n  try {\n    run();\n  } catch (e) {}\n}\n";
    c.open(js, jsText, 1, "javascript");
    json dj = findCode(c.lastDiagnostics(js)["diagnostics"], "swallowed-exception");
    REQUIRE(!dj.is_null());
    json lj = actionTitled(codeActions(c, js, dj), "Suppress swallowed-exception on this line");
    REQUIRE(!lj.is_null());
    CHECK(applyTextEdits(jsText, editsFor(lj["edit"], TestClient::uri(js)), core::PositionEncoding::Utf16)
              .find("  // agentlens: ignore[swallowed-exception] -- ") != std::string::npos);
  }

  TEST_CASE("multi-file fix: codeAction/resolve builds CreateFile for .env.example, or plain changes") {
    TempDir dir;
    std::string text = "import os\n\nSTRIPE_KEY = \"sk_live_51H8xQ2eZvKYlo2C8Nv3mR7tYpQ\"\n";
    std::string path = dir.write("app/settings.py", text);
    TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}});
    c.initialize();
    c.open(path, text, 1);
    json d = findCode(c.lastDiagnostics(path)["diagnostics"], "hardcoded-secret");
    REQUIRE(!d.is_null());
    CHECK(d["message"].get<std::string>().find("51H8xQ2eZvKYlo2C8") == std::string::npos);  // masked
    json actions = codeActions(c, path, d);
    json env = actionTitled(actions, "Externalize to environment variable STRIPE_KEY (and list it in .env.example)");
    REQUIRE(!env.is_null());
    CHECK(!env.contains("edit"));  // lazy: resolved on demand
    json resolved = c.request("codeAction/resolve", env);
    REQUIRE(resolved.contains("result"));
    json edit = resolved["result"]["edit"];
    REQUIRE(edit.contains("documentChanges"));
    std::string envUri = TestClient::uri((dir.path / ".env.example").string());
    bool created = false;
    for (const auto& dc : edit["documentChanges"])
      if (dc.value("kind", "") == "create" && dc["uri"] == envUri) created = true;
    CHECK(created);
    CHECK(applyTextEdits("", editsFor(edit, envUri), core::PositionEncoding::Utf16) == "STRIPE_KEY=\n");
    CHECK(applyTextEdits(text, editsFor(edit, TestClient::uri(path)), core::PositionEncoding::Utf16) ==
          "import os\n\nSTRIPE_KEY = os.environ[\"STRIPE_KEY\"]\n");

    // Existing .env.example: the key is appended with a whole-file replace, no CreateFile.
    dir.write(".env.example", "DEBUG=\n");
    json again = c.request("codeAction/resolve", env)["result"]["edit"];
    for (const auto& dc : again["documentChanges"]) CHECK(dc.value("kind", "") != "create");
    CHECK(applyTextEdits("DEBUG=\n", editsFor(again, envUri), core::PositionEncoding::Utf16) == "DEBUG=\nSTRIPE_KEY=\n");

    // A stale action (document edited since) is refused.
    c.change(path, 2, json::array({{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
                                    {"text", "# x\n"}}}));
    json stale = c.request("codeAction/resolve", env);
    REQUIRE(stale.contains("error"));
    CHECK(stale["error"]["code"] == -32801);
    CHECK(codeActions(c, path, d).empty());  // the old diagnostic (version 1) gets no actions

    // A client without documentChanges gets plain `changes` (and no file creation).
    TestClient plain({.capabilities = json::object(), .roots = {dir.path.string()}});
    plain.initialize();
    plain.open(path, text, 1);
    json dp = findCode(plain.lastDiagnostics(path)["diagnostics"], "hardcoded-secret");
    REQUIRE(!dp.is_null());
    json pa = actionTitled(codeActions(plain, path, dp), "Externalize to environment variable STRIPE_KEY (and list it in .env.example)");
    REQUIRE(!pa.is_null());
    REQUIRE(pa["edit"].contains("changes"));
    CHECK(pa["edit"]["changes"].contains(envUri));  // the file exists now: appended in place
  }

  TEST_CASE("incremental edits with emoji and CJK before a finding keep ranges exact (utf-8 and utf-16)") {
    // The finding (print) starts after "😀 中文" on the same line.
    std::string text = "from flask import Flask\napp = Flask(__name__)\n\n@app.get(\"/\")\ndef index():\n"
                       "    label = \"😀 中文\"; print(label)\n    return label\n";
    for (std::string enc : {"utf-8", "utf-16", "utf-32"}) {
      CAPTURE(enc);
      TempDir dir;
      std::string path = dir.write("web/app.py", text);
      TestClient c({.capabilities = fullCapabilities({enc}), .roots = {dir.path.string()}});
      CHECK(c.initialize()["capabilities"]["positionEncoding"] == enc);
      c.open(path, text, 1);
      json d = findCode(c.lastDiagnostics(path)["diagnostics"], "print-instead-of-logging");
      REQUIRE(!d.is_null());
      // 4 spaces + `label = "` = 13, then 😀 (4/2/1 units), space, 中文 (6/2/2), `"; ` (3).
      std::uint32_t col = enc == "utf-8" ? 27 : enc == "utf-16" ? 21 : 20;
      CHECK(d["range"]["start"] == json{{"line", 5}, {"character", col}});
      CHECK(d["range"]["end"]["character"] == col + 5);  // `print`

      // Insert "🎉" right after the opening quote (a ranged change in the negotiated encoding).
      json pos = {{"line", 5}, {"character", 13}};
      c.change(path, 2, json::array({{{"range", {{"start", pos}, {"end", pos}}}, {"text", "🎉"}}}));
      json d2 = findCode(c.lastDiagnostics(path)["diagnostics"], "print-instead-of-logging");
      REQUIRE(!d2.is_null());
      CHECK(c.lastDiagnostics(path)["version"] == 2);
      std::uint32_t shift = enc == "utf-8" ? 4 : enc == "utf-16" ? 2 : 1;
      CHECK(d2["range"]["start"]["character"] == col + shift);

      // Replace "中文" (after 🎉😀 and a space) with "日本語": ranges in units of the encoding.
      std::uint32_t s = 13 + 2 * shift + 1;
      std::uint32_t e = s + (enc == "utf-8" ? 6 : 2);
      c.change(path, 3, json::array({{{"range", {{"start", {{"line", 5}, {"character", s}}}, {"end", {{"line", 5}, {"character", e}}}}},
                                      {"text", "日本語"}}}));
      json d3 = findCode(c.lastDiagnostics(path)["diagnostics"], "print-instead-of-logging");
      REQUIRE(!d3.is_null());
      std::uint32_t grow = enc == "utf-8" ? 3 : 1;
      CHECK(d3["range"]["start"]["character"] == col + shift + grow);
      // The hover at the finding's start sees the rule (positions convert both ways).
      json hover = c.request("textDocument/hover", {{"textDocument", {{"uri", TestClient::uri(path)}}}, {"position", d3["range"]["start"]}});
      REQUIRE(hover["result"].is_object());
      // A short card: message, why in one sentence, the fix, a link; no headings.
      std::string card = hover["result"]["contents"]["value"];
      CHECK(card.find("**" + d3["message"].get<std::string>() + "**") == 0);
      CHECK(card.find("*Why:* ") != std::string::npos);
      CHECK(card.find("*Fix:* ") != std::string::npos);
      CHECK(card.find("[Full documentation](") != std::string::npos);
      CHECK(card.find("#") == std::string::npos);
      CHECK(std::count(card.begin(), card.end(), '\n') <= 8);
      CHECK(hover["result"]["range"] == d3["range"]);
    }
  }

  TEST_CASE("published versions only increase and always match the document; close and reopen") {
    TempDir dir;
    std::string path = dir.write("svc/job.py", kSwallow);
    // File rules only: the workspace checks (no tests, no CI…) would add findings to the lists below.
    TestClient c({.capabilities = fullCapabilities(),
                  .initializationOptions = {{"ignore", {"no-tests", "ci-missing-or-not-testing", "no-logging-config",
                                                        "no-graceful-shutdown", "unpinned-dependencies"}}},
                  .roots = {dir.path.string()},
                  .indexWorkspace = true});
    c.initialize();
    c.open(path, kSwallow, 1);
    std::string text = kSwallow;
    for (int v = 2; v <= 30; ++v) {
      json pos = {{"line", 0}, {"character", 0}};
      c.change(path, v, json::array({{{"range", {{"start", pos}, {"end", pos}}}, {"text", "# edit\n"}}}));
      text = "# edit\n" + text;
    }
    std::int64_t last = 0;
    for (const auto& p : c.allDiagnostics(path)) {
      if (!p.contains("version")) continue;  // the disk index before open
      // Never backwards (the workspace checks may re-publish the current version).
      CHECK(p["version"].get<std::int64_t>() >= last);
      last = p["version"];
    }
    CHECK(last == 30);
    json d = findCode(c.lastDiagnostics(path)["diagnostics"], "swallowed-exception");
    REQUIRE(!d.is_null());
    CHECK(d["range"]["start"]["line"] == 3 + 29);

    // Close: the file reverts to disk (one finding at the disk position, no version).
    c.close(path);
    json closed = c.lastDiagnostics(path);
    CHECK(!closed.contains("version"));
    json dc = findCode(closed["diagnostics"], "swallowed-exception");
    REQUIRE(!dc.is_null());
    CHECK(dc["range"]["start"]["line"] == 3);
    // Reopen with different content: diagnostics of the new text, new version.
    c.open(path, "def ok():\n    return 1\n", 7);
    json reopened = c.lastDiagnostics(path);
    CHECK(reopened["version"] == 7);
    CHECK(reopened["diagnostics"].empty());

    // A file outside every root is cleared on close.
    TempDir other;
    std::string outside = other.write("x.py", kSwallow);
    c.open(outside, kSwallow, 1);
    CHECK(!c.lastDiagnostics(outside)["diagnostics"].empty());
    c.close(outside);
    CHECK(c.lastDiagnostics(outside)["diagnostics"].empty());
  }

  TEST_CASE("an edit that cannot be applied drops the document and clears its diagnostics") {
    TempDir dir;
    std::string path = dir.write("a.py", kSwallow);
    TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}});
    c.initialize();
    c.open(path, kSwallow, 1);
    CHECK(!c.lastDiagnostics(path)["diagnostics"].empty());
    json far = {{"line", 40}, {"character", 0}};
    c.change(path, 2, json::array({{{"range", {{"start", far}, {"end", far}}}, {"text", "x"}}}));
    CHECK(c.lastDiagnostics(path)["diagnostics"].empty());
    CHECK(!c.take("window/logMessage").empty());
    // A full text brings it back.
    c.change(path, 3, json::array({{{"text", kSwallow}}}));
    CHECK(c.lastDiagnostics(path)["version"] == 3);
    CHECK(!c.lastDiagnostics(path)["diagnostics"].empty());
  }

  TEST_CASE("lifecycle and error codes; the server keeps serving after each") {
    TestClient c({});
    json early = c.request("textDocument/hover", json::object());
    CHECK(early["error"]["code"] == -32002);
    c.initialize();
    json again = c.request("initialize", {{"capabilities", json::object()}});
    CHECK(again["error"]["code"] == -32600);
    json unknown = c.request("textDocument/frobnicate", json::object());
    CHECK(unknown["error"]["code"] == -32601);
    json bad = c.request("textDocument/hover", {{"textDocument", {{"uri", 42}}}, {"position", {{"line", 0}, {"character", 0}}}});
    CHECK(bad["error"]["code"] == -32602);
    CHECK(bad["error"]["message"].get<std::string>().find("params.textDocument.uri") != std::string::npos);
    json badPos = c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///x.py"}}}, {"position", {{"line", -1}, {"character", 0}}}});
    CHECK(badPos["error"]["message"].get<std::string>().find("params.position.line") != std::string::npos);
    json notFile = c.request("textDocument/hover", {{"textDocument", {{"uri", "untitled:1"}}}, {"position", {{"line", 0}, {"character", 0}}}});
    CHECK(notFile["error"]["code"] == -32602);
    c.sendRaw(json::array({1, 2}));
    CHECK(c.received().back()["error"]["code"] == -32600);
    json ok = c.request("agentlens/readiness", nullptr);
    CHECK(ok.contains("result"));
    CHECK(c.request("shutdown", nullptr)["result"].is_null());
    CHECK(c.server().exitCode() == 0);
    json late = c.request("agentlens/readiness", nullptr);
    CHECK(late["error"]["code"] == -32600);
    c.notify("exit", nullptr);
    CHECK(c.server().state() == agentlens::lsp::Server::State::Exited);

    TestClient abrupt({});
    abrupt.initialize();
    abrupt.notify("exit", nullptr);
    CHECK(abrupt.server().exitCode() == 1);  // exit without shutdown
  }

  TEST_CASE("pull diagnostics: resultId / unchanged, workspace/diagnostic covers unopened files, no push") {
    TempDir dir;
    std::string opened = dir.write("src/open.py", kSwallow);
    std::string closed = dir.write("src/closed.py", kSwallow);
    dir.write("src/clean.py", "def f():\n    return 1\n");
    json caps = fullCapabilities();
    caps["textDocument"]["diagnostic"] = {{"dynamicRegistration", false}};
    caps["workspace"]["diagnostics"] = {{"refreshSupport", true}};
    TestClient c({.capabilities = caps, .roots = {dir.path.string()}, .indexWorkspace = true});
    json init = c.initialize();
    CHECK(init["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"] == true);
    c.open(opened, kSwallow, 1);
    CHECK(c.take("textDocument/publishDiagnostics").empty());

    json r1 = c.request("textDocument/diagnostic", {{"textDocument", {{"uri", TestClient::uri(opened)}}}});
    REQUIRE(r1.contains("result"));
    CHECK(r1["result"]["kind"] == "full");
    CHECK(!findCode(r1["result"]["items"], "swallowed-exception").is_null());
    std::string rid = r1["result"]["resultId"];
    json r2 = c.request("textDocument/diagnostic", {{"textDocument", {{"uri", TestClient::uri(opened)}}}, {"previousResultId", rid}});
    CHECK(r2["result"]["kind"] == "unchanged");
    CHECK(r2["result"]["resultId"] == rid);

    json ws = c.request("workspace/diagnostic", {{"previousResultIds", json::array()}});
    REQUIRE(ws.contains("result"));
    bool sawClosed = false;
    for (const auto& item : ws["result"]["items"]) {
      if (item["uri"] == TestClient::uri(closed)) {
        sawClosed = true;
        CHECK(item["version"].is_null());
        CHECK(!findCode(item["items"], "swallowed-exception").is_null());
      }
    }
    CHECK(sawClosed);
    CHECK(!c.take("workspace/diagnostic/refresh").empty());  // after the initial index
  }

  TEST_CASE("settings: initializationOptions, workspace/configuration and didChangeConfiguration apply live") {
    TempDir dir;
    std::string path = dir.write("a.py", kSwallow);
    json caps = fullCapabilities();
    TestClient c({.capabilities = caps,
                  .initializationOptions = {{"severity", {{"swallowed-exception", "hint"}}}},
                  .roots = {dir.path.string()},
                  .configuration = {{"severity", {{"swallowed-exception", "info"}}}}});
    c.initialize();
    c.open(path, kSwallow, 1);
    // workspace/configuration (pulled at initialized) wins over initializationOptions.
    CHECK(findCode(c.lastDiagnostics(path)["diagnostics"], "swallowed-exception")["severity"] == 3);

    // A client without workspace/configuration pushes settings in didChangeConfiguration.
    TestClient p({.capabilities = json::object(), .roots = {dir.path.string()}});
    p.initialize();
    p.open(path, kSwallow, 1);
    CHECK(findCode(p.lastDiagnostics(path)["diagnostics"], "swallowed-exception")["severity"] == 2);
    p.notify("workspace/didChangeConfiguration", {{"settings", {{"agentlens", {{"ignore", {"error-handling"}}}}}}});
    CHECK(findCode(p.lastDiagnostics(path)["diagnostics"], "swallowed-exception").is_null());
    p.notify("workspace/didChangeConfiguration", {{"settings", {{"agentlens", {{"select", {"swallowed-exception"}}}}}}});
    CHECK(!findCode(p.lastDiagnostics(path)["diagnostics"], "swallowed-exception").is_null());
    // A wrong type is reported to the user and ignored, not fatal.
    p.notify("workspace/didChangeConfiguration", {{"settings", {{"agentlens", {{"select", "oops"}}}}}});
    CHECK(!p.take("window/logMessage").empty());
  }

  TEST_CASE("index progress, watchers registration, watched files and workspace folders") {
    TempDir dir;
    for (int i = 0; i < 5; ++i) dir.write("pkg/m" + std::to_string(i) + ".py", kSwallow);
    TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}, .indexWorkspace = true});
    c.initialize();
    auto progress = c.take("$/progress");
    REQUIRE(progress.size() >= 3);
    CHECK(progress.front()["params"]["value"]["kind"] == "begin");
    CHECK(progress.back()["params"]["value"]["kind"] == "end");
    bool sawPct = false;
    for (const auto& p : progress)
      if (p["params"]["value"].value("percentage", -1) == 100) sawPct = true;
    CHECK(sawPct);
    auto regs = c.take("client/registerCapability");
    REQUIRE(regs.size() == 1);
    CHECK(regs[0]["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles");
    for (int i = 0; i < 5; ++i)
      CHECK(!c.lastDiagnostics((dir.path / ("pkg/m" + std::to_string(i) + ".py")).string()).is_null());

    // A file changed outside the editor.
    std::string fresh = dir.write("pkg/new.py", kSwallow);
    c.notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", TestClient::uri(fresh)}, {"type", 1}}}}});
    CHECK(!c.lastDiagnostics(fresh)["diagnostics"].empty());
    std::filesystem::remove(fresh);
    c.notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", TestClient::uri(fresh)}, {"type", 3}}}}});
    CHECK(c.lastDiagnostics(fresh)["diagnostics"].empty());

    // A second root added, then removed.
    TempDir second;
    std::string other = second.write("b.py", kSwallow);
    json folder = {{"uri", TestClient::uri(second.path.string())}, {"name", "second"}};
    c.notify("workspace/didChangeWorkspaceFolders", {{"event", {{"added", {folder}}, {"removed", json::array()}}}});
    CHECK(!c.lastDiagnostics(other)["diagnostics"].empty());
    c.notify("workspace/didChangeWorkspaceFolders", {{"event", {{"added", json::array()}, {"removed", {folder}}}}});
    CHECK(c.lastDiagnostics(other)["diagnostics"].empty());
  }

  TEST_CASE("fix-all applies Safe fixes only; readiness counts; show docs command") {
    TempDir dir;
    std::string text = std::string(kSwallow) + "\n\ndef other():\n    try:\n        run()\n    except:\n        pass\n";
    std::string path = dir.write("a.py", text);
    TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}});
    c.initialize();
    c.open(path, text, 1);
    json resp = c.request("textDocument/codeAction", {{"textDocument", {{"uri", TestClient::uri(path)}}},
                                                      {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
                                                      {"context", {{"diagnostics", json::array()}, {"only", {"source.fixAll"}}}}});
    REQUIRE(resp["result"].size() == 1);
    json fa = resp["result"][0];
    CHECK(fa["kind"] == "source.fixAll.agentlens");
    std::string fixed = applyTextEdits(text, editsFor(fa["edit"], TestClient::uri(path)), core::PositionEncoding::Utf16);
    CHECK(fixed.find("raise") == std::string::npos);  // the unsafe re-raise variant is never chosen
    CHECK(fixed.find("logger.exception(\"charge failed\")") != std::string::npos);
    CHECK(fixed.find("logger.exception(\"other failed\")") != std::string::npos);
    CHECK(fixed.find("pass") == std::string::npos);

    json r = c.request("agentlens/readiness", nullptr)["result"];
    REQUIRE(r["score"].is_number());
    CHECK(r["categories"]["error-handling"]["findings"] == 2);
    CHECK(r["categories"]["error-handling"]["score"].get<double>() < 100.0);
    CHECK(!c.take("agentlens/readinessChanged").empty());

    json docs = c.request("workspace/executeCommand", {{"command", "agentlens.server.showRuleDocs"}, {"arguments", {"swallowed-exception"}}});
    CHECK(docs["result"].get<std::string>().find("## Why is this bad?") != std::string::npos);
    CHECK(!c.take("window/showDocument").empty());
    json badCmd = c.request("workspace/executeCommand", {{"command", "agentlens.server.showRuleDocs"}, {"arguments", {"nope"}}});
    CHECK(badCmd["error"]["message"].get<std::string>().find("params.arguments[0]") != std::string::npos);
  }

  TEST_CASE("workspace checks run in the server, follow edits live and feed the readiness score") {
    TempDir dir;
    std::string app =
        "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get(\"/orders\")\ndef orders():\n    return []\n";
    std::string path = dir.write("app.py", app);
    // Only the health check: the lists below are exact. Settings are pushed (no workspace/configuration).
    json caps = fullCapabilities();
    caps["workspace"].erase("configuration");
    TestClient c({.capabilities = caps,
                  .initializationOptions = {{"select", {"no-health-endpoint"}}},
                  .roots = {dir.path.string()},
                  .indexWorkspace = true});
    c.initialize();
    json d = findCode(c.lastDiagnostics(path)["diagnostics"], "no-health-endpoint");
    REQUIRE(!d.is_null());
    CHECK(c.lastDiagnostics(path)["diagnostics"].size() == 1);
    json before = c.request("agentlens/readiness", nullptr)["result"];
    REQUIRE(before["score"].is_number());
    REQUIRE(!before["plan"].empty());
    CHECK(before["plan"][0]["rule"] == "no-health-endpoint");
    CHECK(before["categories"]["deployment"]["score"].get<double>() < 100.0);

    // The user adds a health route in the editor: the workspace finding goes away without a save.
    c.open(path, app, 1);
    CHECK(!findCode(c.lastDiagnostics(path)["diagnostics"], "no-health-endpoint").is_null());
    std::string health = "\n\n@app.get(\"/health\")\ndef health():\n    return {\"status\": \"ok\"}\n";
    c.change(path, 2, json::array({{{"range", {{"start", {{"line", 8}, {"character", 0}}}, {"end", {{"line", 8}, {"character", 0}}}}},
                                    {"text", health}}}));
    json last = c.lastDiagnostics(path);
    CHECK(last["version"] == 2);
    CHECK(last["diagnostics"].empty());
    json after = c.request("agentlens/readiness", nullptr)["result"];
    CHECK(after["score"].get<double>() > before["score"].get<double>());
    for (const auto& item : after["plan"]) CHECK(item["rule"] != "no-health-endpoint");

    // Undo: it comes back, on the open document's version.
    c.change(path, 3, json::array({{{"text", app}}}));
    CHECK(!findCode(c.lastDiagnostics(path)["diagnostics"], "no-health-endpoint").is_null());
    CHECK(c.lastDiagnostics(path)["version"] == 3);

    // Ignoring the check removes it everywhere.
    c.notify("workspace/didChangeConfiguration", {{"settings", {{"agentlens", {{"select", {"no-health-endpoint"}}, {"ignore", {"no-health-endpoint"}}}}}}});
    CHECK_MESSAGE(c.lastDiagnostics(path)["diagnostics"].empty(), c.lastDiagnostics(path).dump());
  }

  TEST_CASE("a workspace finding anchored at a file no rule analyses is published and cleared") {
    TempDir dir;
    std::string app = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get(\"/\")\ndef index():\n    return 'ok'\n";
    dir.write("app.py", app);
    dir.write(".env", "SECRET_KEY=abc\n");
    std::string gitignore = dir.write(".gitignore", "__pycache__/\n");
    TestClient c({.capabilities = fullCapabilities(),
                  .initializationOptions = {{"select", {"env-file-hygiene"}}},
                  .roots = {dir.path.string()},
                  .indexWorkspace = true});
    c.initialize();
    bool anywhere = false;
    for (const auto& m : c.received())
      if (m.value("method", "") == "textDocument/publishDiagnostics")
        for (const auto& dg : m["params"]["diagnostics"])
          if (dg.value("code", "") == "env-file-hygiene") anywhere = true;
    REQUIRE(anywhere);
    // Fix it outside the editor: .env is ignored now.
    dir.write(".gitignore", "__pycache__/\n.env\n");
    c.notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", TestClient::uri(gitignore)}, {"type", 2}}}}});
    for (const auto& fd : c.server().workspace().allDiagnostics())
      for (const auto& f : fd.findings) CHECK(f.ruleId != "env-file-hygiene");
  }

  TEST_CASE("a diagnostic published from disk before didOpen (version 0, Neovim) still gets its quick fixes") {
    TempDir dir;
    std::string path = dir.write("svc/job.py", kSwallow);
    TestClient c({.capabilities = fullCapabilities(),
                  .initializationOptions = {{"select", {"swallowed-exception"}}},
                  .roots = {dir.path.string()},
                  .indexWorkspace = true});
    c.initialize();
    json disk = findCode(c.lastDiagnostics(path)["diagnostics"], "swallowed-exception");
    REQUIRE(!disk.is_null());
    CHECK(!c.lastDiagnostics(path).contains("version"));  // published from disk
    c.open(path, kSwallow, 0);  // Neovim numbers versions from 0
    CHECK(c.lastDiagnostics(path)["version"] == 0);
    json actions = codeActions(c, path, disk);
    json fix = actionTitled(actions, "Log the exception with its traceback");
    REQUIRE(!fix.is_null());
    CHECK(fix["edit"].dump().find("\"version\":0") != std::string::npos);
    // Once the text differs from the disk's, the disk diagnostic gets nothing.
    c.change(path, 1, json::array({{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
                                    {"text", "# moved\n"}}}));
    CHECK(codeActions(c, path, disk).empty());
  }

  TEST_CASE("readiness report and AI hand-off: code actions and server commands") {
    TempDir dir;
    std::string path = dir.write("svc/job.py", kSwallow);
    TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}, .indexWorkspace = true});
    c.initialize();
    c.open(path, kSwallow, 1);
    json d = findCode(c.lastDiagnostics(path)["diagnostics"], "swallowed-exception");
    REQUIRE(!d.is_null());
    json actions = codeActions(c, path, d);
    json report = actionTitled(actions, "Show readiness report");
    REQUIRE(!report.is_null());
    CHECK(report["command"]["command"] == "agentlens.server.showReadinessReport");
    json handoff = actionTitled(actions, "Open the AI hand-off for: ");
    REQUIRE(!handoff.is_null());
    CHECK(handoff["command"]["arguments"][0] == "swallowed-exception");

    json r = c.request("workspace/executeCommand", {{"command", "agentlens.server.showReadinessReport"}});
    REQUIRE(r.contains("result"));
    CHECK(r["result"]["score"].is_number());
    std::string uri = r["result"]["uri"];
    auto shown = c.take("window/showDocument");
    REQUIRE(!shown.empty());
    CHECK(shown.back()["params"]["uri"] == uri);
    std::string file = uri.substr(std::string("file://").size());
    std::ifstream in(file);
    std::string md((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(md.find("Production readiness") != std::string::npos);
    CHECK(md.find("swallowed") != std::string::npos);
    std::filesystem::remove(file);

    json h = c.request("workspace/executeCommand", {{"command", "agentlens.server.handoff"}, {"arguments", {"swallowed-exception"}}});
    REQUIRE(h["result"].is_string());
    CHECK(h["result"].get<std::string>().find("job.py") != std::string::npos);
    json whole = c.request("workspace/executeCommand", {{"command", "agentlens.server.handoff"}});
    CHECK(whole["result"].get<std::string>().size() > h["result"].get<std::string>().size());
    json bad = c.request("workspace/executeCommand", {{"command", "agentlens.server.handoff"}, {"arguments", {"no-such-rule"}}});
    CHECK(bad["error"]["message"].get<std::string>().find("params.arguments[0]") != std::string::npos);

    // A client without showDocument (Neovim 0.7) is told where the report is.
    TestClient plain({.capabilities = json::object(), .roots = {dir.path.string()}});
    plain.initialize();
    json pr = plain.request("workspace/executeCommand", {{"command", "agentlens.server.showReadinessReport"}});
    REQUIRE(pr.contains("result"));
    auto msgs = plain.take("window/showMessage");
    REQUIRE(!msgs.empty());
    CHECK(msgs.back()["params"]["message"].get<std::string>().find("readiness written to") != std::string::npos);
    std::filesystem::remove(pr["result"]["uri"].get<std::string>().substr(7));
  }

  TEST_CASE("the server and `agentlens check` agree on a whole workspace: same findings, same score") {
    // The shipped prototype, copied so the test owns its directory.
    TempDir dir;
    fs::path example = agentlens::testing::sourceDir() / "examples/shop-prototype";
    fs::copy(example, dir.path, fs::copy_options::recursive);
    json cli = json::parse(agentlens::testing::runBinary("check --format json --no-cache '" + dir.path.string() + "'").out);
    std::multiset<std::string> expected;
    for (const auto& f : cli["findings"])
      expected.insert(f["file"].get<std::string>() + ":" + std::to_string(f["range"]["start"]["line"].get<int>()) + " " +
                      f["rule"].get<std::string>());
    REQUIRE(expected.size() > 50);

    TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}, .indexWorkspace = true});
    c.initialize();
    std::multiset<std::string> got;
    for (const auto& fd : c.server().workspace().allDiagnostics())
      for (const auto& f : fd.findings)
        if (!f.suppressedReason) got.insert(fd.displayPath + ":" + std::to_string(f.start.line + 1) + " " + f.ruleId);
    std::vector<std::string> missing, extra;
    std::set_difference(expected.begin(), expected.end(), got.begin(), got.end(), std::back_inserter(missing));
    std::set_difference(got.begin(), got.end(), expected.begin(), expected.end(), std::back_inserter(extra));
    CHECK_MESSAGE(missing.empty(), "only in check: " << json(missing).dump());
    CHECK_MESSAGE(extra.empty(), "only in the server: " << json(extra).dump());
    json r = c.request("agentlens/readiness", nullptr)["result"];
    CHECK(r["score"] == cli["readiness"]["score"]);
    CHECK(r["plan"].size() == cli["readiness"]["plan"].size());
  }
}

TEST_SUITE("lsp") {
  TEST_CASE("one plan everywhere: the Readiness view's plan is exactly `agentlens plan --format json` (both examples)") {
    for (const char* ex : {"shop-prototype", "shop-hardened"}) {
      CAPTURE(ex);
      TempDir dir;
      fs::copy(agentlens::testing::sourceDir() / "examples" / ex, dir.path, fs::copy_options::recursive);
      json cli = json::parse(agentlens::testing::runBinary("plan --format json '" + dir.path.string() + "'").out);
      TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}, .indexWorkspace = true});
      c.initialize();
      json view = c.request("agentlens/readiness", nullptr)["result"];
      CHECK(view["score"] == cli["score"]);
      CHECK(view["grade"] == cli["grade"]);
      CHECK(view["blockers"] == cli["blockers"]);
      REQUIRE(view["plan"].size() == cli["plan"].size());
      for (std::size_t i = 0; i < cli["plan"].size(); ++i) {
        const json& a = view["plan"][i];
        const json& b = cli["plan"][i];
        CAPTURE(i);
        CHECK(a["rule"] == b["rule"]);
        CHECK(a["title"] == b["title"]);
        CHECK(a["findings"] == b["findings"]);
        CHECK(a["expectedGain"] == b["expectedGain"]);  // the gains the panel shows
        CHECK(a["blocker"] == b["blocker"]);
        CHECK(a["locations"] == b["locations"]);
      }
      REQUIRE(view["services"].size() == cli["services"].size());
      for (std::size_t i = 0; i < cli["services"].size(); ++i) CHECK(view["services"][i]["score"] == cli["services"][i]["score"]);
    }
  }

  TEST_CASE("[services] in .agentlens.toml drives the per-service workspace checks in the server as in `check`") {
    TempDir dir;
    std::string health =
        "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get(\"/healthz\")\ndef health():\n    return {}\n";
    std::string jobs = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get(\"/jobs\")\ndef jobs():\n    return []\n";
    dir.write("api/requirements.txt", "flask==3.0.3\n");
    dir.write("api/app.py", health);
    std::string worker = dir.write("worker/app.py", jobs);  // no manifest: detected, it is not a service
    auto workerHasHealthFinding = [&](bool declared) {
      agentlens::testing::writeText(dir.path / ".agentlens.toml",
                                    declared ? "[services]\ndeclare = [\"api\", \"worker\"]\n" : "# detected\n");
      json cli = json::parse(agentlens::testing::runBinary("check --format json --no-cache --fail-on none --select no-health-endpoint '" +
                                                           dir.path.string() + "'")
                                 .out);
      bool inCli = false;
      for (const auto& f : cli["findings"]) inCli |= f["file"] == "worker/app.py" && f["rule"] == "no-health-endpoint";
      TestClient c({.capabilities = fullCapabilities(),
                    .initializationOptions = {{"select", {"no-health-endpoint"}}},
                    .roots = {dir.path.string()},
                    .indexWorkspace = true});
      c.initialize();
      bool inServer = !findCode(c.lastDiagnostics(worker)["diagnostics"], "no-health-endpoint").is_null();
      CHECK(inServer == inCli);
      return inCli;
    };
    // Declared: the worker is a service of its own, and it has no health route.
    CHECK(workerHasHealthFinding(true));
    // Detected: one service (api, which has a health route); the worker's files are shared.
    CHECK_FALSE(workerHasHealthFinding(false));
  }

  TEST_CASE("[services] in .agentlens.toml: the Readiness view lists the services `agentlens check` lists") {
    TempDir dir;
    fs::copy(agentlens::testing::sourceDir() / "examples" / "shop-hardened", dir.path, fs::copy_options::recursive);
    agentlens::testing::writeText(dir.path / ".agentlens.toml", "[services]\nexclude = [\"notifications\"]\n");
    json cli = json::parse(
        agentlens::testing::runBinary("check --format json --no-cache --fail-on none '" + dir.path.string() + "'").out);
    TestClient c({.capabilities = fullCapabilities(), .roots = {dir.path.string()}, .indexWorkspace = true});
    c.initialize();
    json view = c.request("agentlens/readiness", nullptr)["result"];
    std::vector<std::string> roots, cliRoots;
    for (const auto& s : view["services"]) roots.push_back(s["root"].get<std::string>());
    for (const auto& s : cli["readiness"]["services"]) cliRoots.push_back(s["root"].get<std::string>());
    CHECK(roots == std::vector<std::string>{"", "inventory"});
    CHECK(roots == cliRoots);
  }
}
