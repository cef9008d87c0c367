// Wire transcripts: tests/lsp/transcripts/*.txt run through the real `agentlens lsp` binary over
// pipes. Format (one directive per line; '#' lines are comments):
//   args: EXTRA ARGS        extra arguments for `agentlens lsp`
//   exit: N                 expected exit status
//   --> {json}              a client message, Content-Length framed (or "---"-delimited with
//                           --input-style delimited), written in its own write()
//   +-> {json}              like -->, appended to the previous write (coalesced messages)
//   ==> raw                 raw bytes in their own write (\r \n \\ \xHH escapes; ${REPEAT:N:text}
//                           expands to N copies of text; ${LEN:text} expands to the byte length
//                           of text after the other expansions and escapes)
//   <-- {json}              a server message containing this JSON (subset match), after the
//                           previously matched one
//   !<- {json}              no server message contains this JSON
//   sleep: MS               pause before the next write (let a debounced analysis run)
//   stderr: TEXT            the server's stderr (its log) contains TEXT
// Every transcript also checks that stdout holds nothing but Content-Length framed JSON.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lsp/wire.hpp"
#include "support/fixture.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace agentlens::testing::wire;

namespace {

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x') {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 2, 2), nullptr, 16)));
      i += 3;
    } else if (s[i] == '\\' && i + 1 < s.size()) {
      char c = s[++i];
      out.push_back(c == 'r' ? '\r' : c == 'n' ? '\n' : c);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

/// Expands ${REPEAT:N:text} (text holds no '}'), then ${LEN:text} (byte length of the unescaped
/// text), then unescapes.
std::string expandRaw(std::string s) {
  for (std::size_t p; (p = s.find("${REPEAT:")) != std::string::npos;) {
    std::size_t colon = s.find(':', p + 9), e = s.find('}', p);
    REQUIRE(colon < e);
    std::size_t n = std::stoul(s.substr(p + 9, colon - p - 9));
    std::string text = s.substr(colon + 1, e - colon - 1), rep;
    for (std::size_t i = 0; i < n; ++i) rep += text;
    s.replace(p, e - p + 1, rep);
  }
  for (std::size_t p; (p = s.find("${LEN:")) != std::string::npos;) {
    std::size_t e = s.find('}', p);
    // The text may itself contain '}' (JSON): take the matching "}}" style by counting braces.
    int depth = 0;
    for (e = p + 6; e < s.size(); ++e) {
      if (s[e] == '{') ++depth;
      else if (s[e] == '}') {
        if (depth == 0) break;
        --depth;
      }
    }
    std::string inner = s.substr(p + 6, e - p - 6);
    s.replace(p, e - p + 1, std::to_string(unescape(inner).size()));
  }
  return unescape(s);
}

Transcript load(const fs::path& p) {
  Transcript t;
  std::ifstream in(p);
  std::string line;
  auto frame = [&](const std::string& body) { return t.delimited ? body + "\n---\n" : contentLengthFrame(body); };
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string tag = line.substr(0, 4), rest = line.size() > 4 ? line.substr(4) : "";
    if (line.rfind("args:", 0) == 0) {
      t.args = line.substr(5);
      t.delimited = t.args.find("delimited") != std::string::npos;
    } else if (line.rfind("sleep:", 0) == 0) {
      t.writes.push_back(sleepDirective(std::stoi(line.substr(6))));
    } else if (line.rfind("stderr:", 0) == 0) {
      t.stderrHas.push_back(line.substr(line.find_first_not_of(' ', 7)));
    } else if (line.rfind("exit:", 0) == 0) {
      t.exitCode = std::stoi(line.substr(5));
    } else if (tag == "--> ") {
      t.writes.push_back(frame(json::parse(rest).dump()));
    } else if (tag == "+-> ") {
      REQUIRE(!t.writes.empty());
      t.writes.back() += frame(json::parse(rest).dump());
    } else if (tag == "==> ") {
      t.writes.push_back(expandRaw(rest));
    } else if (tag == "<-- ") {
      t.expect.push_back(json::parse(rest));
    } else if (tag == "!<- ") {
      t.forbid.push_back(json::parse(rest));
    } else {
      FAIL("bad transcript line: " << line);
    }
  }
  return t;
}

}  // namespace

TEST_SUITE("lsp") {
  TEST_CASE("wire transcripts through the real binary") {
    fs::path dir = agentlens::testing::sourceDir() / "tests/lsp/transcripts";
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    CHECK(files.size() >= 10);
    for (const auto& f : files) {
      SUBCASE(f.filename().string().c_str()) {
        Transcript t = load(f);
        verify(t, run(t), f.filename().string());
      }
    }
  }
  TEST_CASE("hostile documents through the real binary: binary, huge, deep, invalid UTF-8 on disk, bad edits") {
    // Built in code: the payloads are megabytes and the workspace is a temporary directory.
    fs::path root = fs::temp_directory_path() / ("agentlens-hostile-docs-" + std::to_string(getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    // On disk (indexed, never opened): invalid UTF-8 where messages quote the code.
    std::ofstream(root / "bad_utf8.py", std::ios::binary)
        << "import os\nTOKEN_\xff = \"ghp_Z8aQ2eZvKYlo2C8Nv3mR7tYpQa1b2c3d4e5f6\"\n"
           "API = \"https://api.\xff\xfe.example.com/v1\"\nKEY = os.environ.get(\"KEY_\xff\", \"dev-\xffsecret-1234\")\n"
           "print(\"\xff\")\ntry:\n    pass\nexcept Exception:\n    pass\n";
    auto uri = [&](const std::string& name) { return "file://" + (root / name).string(); };
    const std::string app = "def f():\n    try:\n        g()\n    except Exception:\n        pass\n";

    Transcript t;
    t.waitMs = 60000;
    int nextId = 1;
    auto send = [&](const json& m) { t.writes.push_back(contentLengthFrame(m.dump())); };
    auto notify = [&](const std::string& method, json params) {
      send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
    };
    auto request = [&](const std::string& method, json params) {
      int id = nextId++;
      send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
      return id;
    };
    // After each hostile step the server must still answer.
    auto stillServing = [&] { t.expect.push_back({{"id", request("agentlens/readiness", nullptr)}, {"result", json::object()}}); };
    auto open = [&](const std::string& name, const std::string& text) {
      notify("textDocument/didOpen", {{"textDocument", {{"uri", uri(name)}, {"languageId", "python"}, {"version", 1}, {"text", text}}}});
    };
    auto pos = [](std::int64_t line, std::int64_t character) { return json{{"line", line}, {"character", character}}; };
    auto ranged = [&](const std::string& name, int version, json start, json end, const std::string& text) {
      notify("textDocument/didChange", {{"textDocument", {{"uri", uri(name)}, {"version", version}}},
                                        {"contentChanges", {{{"range", {{"start", start}, {"end", end}}}, {"text", text}}}}});
    };

    t.expect.push_back({{"id", request("initialize", {{"processId", nullptr}, {"rootUri", "file://" + root.string()}, {"capabilities", json::object()}})}});
    notify("initialized", json::object());
    t.writes.push_back(sleepDirective(1500));  // let the index read bad_utf8.py
    stillServing();
    // Pull diagnostics for the whole workspace: messages quoting invalid UTF-8 are still valid JSON.
    const int workspaceDiagId = request("workspace/diagnostic", {{"previousResultIds", json::array()}});
    t.expect.push_back({{"id", workspaceDiagId}, {"result", json::object()}});

    // Binary: NULs and control characters inside the text.
    open("binary.py", std::string("x = 1\n\0\0\x01\x02\x7f\x1b[31m\n", 17) + app);
    stillServing();
    // 10 MB on one line, and 100,000-deep nesting: analysed within budget or skipped, no crash.
    open("huge.py", "x = " + std::string(10u << 20, '1') + "\n");
    stillServing();
    open("deep.py", "x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\n" + app);
    stillServing();
    open("deep_list.py", "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n" + app);
    stillServing();

    // Edits with out-of-range positions on a normal document.
    open("app.py", app);
    t.writes.push_back(sleepDirective(300));
    ranged("app.py", 2, pos(1000, 0), pos(1000, 5), "x");  // past the last line: document dropped, user told
    t.expect.push_back({{"method", "window/logMessage"}, {"params", {{"type", 1}}}});
    stillServing();
    t.expect.push_back({{"id", request("textDocument/hover", {{"textDocument", {{"uri", uri("app.py")}}}, {"position", pos(0, 0)}})}, {"result", nullptr}});
    notify("textDocument/didChange", {{"textDocument", {{"uri", uri("app.py")}, {"version", 3}}}, {"contentChanges", {{{"text", app}}}}});
    ranged("app.py", 4, pos(0, 100000), pos(0, 200000), "# tail");  // past the end of the line: clamped
    ranged("app.py", 5, pos(2, 4), pos(1, 0), "");                   // reversed: an insertion at its start
    ranged("app.py", 5, pos(0, 0), pos(0, 0), "y = 2\n");            // version does not increase
    ranged("app.py", 6, pos(-1, 0), pos(0, 0), "z");                 // negative line: refused
    stillServing();
    t.expect.push_back({{"id", request("textDocument/hover", {{"textDocument", {{"uri", uri("app.py")}}}, {"position", pos(99999, 99999)}})}});
    t.expect.push_back({{"id", request("textDocument/codeAction", {{"textDocument", {{"uri", uri("app.py")}}},
                                                                  {"range", {{"start", pos(5000, 0)}, {"end", pos(9000, 7)}}},
                                                                  {"context", {{"diagnostics", json::array()}}}})},
                        {"result", json::array()}});
    // Requests for documents that do not exist.
    t.expect.push_back({{"id", request("textDocument/hover", {{"textDocument", {{"uri", uri("missing.py")}}}, {"position", pos(0, 0)}})}, {"result", nullptr}});
    t.expect.push_back({{"id", request("textDocument/diagnostic", {{"textDocument", {{"uri", uri("missing.py")}}}})}, {"result", {{"kind", "full"}}}});
    notify("textDocument/didClose", {{"textDocument", {{"uri", uri("missing.py")}}}});
    stillServing();
    t.expect.push_back({{"id", request("shutdown", nullptr)}, {"result", nullptr}});
    notify("exit", nullptr);
    t.exitCode = 0;
    t.stderrHas = {"dropping the document's text", "reversed range", "does not follow",
                   "params.contentChanges[0].range.start.line"};
    Result r = run(t);
    verify(t, r, "hostile documents");
    // The file with invalid UTF-8 was reported (parseFrames already proved every frame is valid
    // JSON, so its bytes reached the client replaced by U+FFFD, never raw).
    bool reported = false;
    for (const auto& m : parseFrames(r.out))
      if (m.value("id", json()) == workspaceDiagId && m.contains("result"))
        for (const auto& item : m["result"]["items"])
          reported |= item["uri"] == uri("bad_utf8.py") && !item["items"].empty();
    CHECK(reported);
    fs::remove_all(root);
  }
}
