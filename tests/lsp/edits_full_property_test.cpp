// Property test (issue 22): after any sequence of random edits to open documents (lines inserted
// and deleted, typing within a line; some edits change the facts: routes, env reads, handlers),
// what the server shows equals what a fresh session that opens the same texts shows (a full
// analysis): each file's diagnostics, fixes included, and the readiness report. The ground for
// incremental analysis, which must keep it. AGENTLENS_PROPERTY_SEED overrides the seed.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>

#include "lsp/client.hpp"

using agentlens::testing::TempDir;
using agentlens::testing::TestClient;
using nlohmann::json;

namespace {

const char* kApp =
    "import os\n"
    "from flask import Flask\n"
    "\n"
    "app = Flask(__name__)\n"
    "\n"
    "@app.get('/orders')\n"
    "def orders():\n"
    "    try:\n"
    "        return load()\n"
    "    except Exception:\n"
    "        pass\n"
    "\n"
    "def load():\n"
    "    return []\n";

const char* kUtil =
    "def total(items):\n"
    "    return sum(i.price for i in items)\n"
    "\n"
    "def parse(raw):\n"
    "    return int(raw)\n";

/// Lines an edit may insert: neutral ones (comments, blank, a local) keep the facts; others add
/// a route, an env read or a handler that changes them.
const char* kLines[] = {
    "# a comment\n", "\n", "x = 1\n", "    value = 2\n", "@app.post('/pay')\ndef pay():\n    return {}\n",
    "TOKEN = os.environ['TOKEN']\n", "@app.get('/health')\ndef health():\n    return 'ok'\n",
    "def helper():\n    try:\n        run()\n    except Exception:\n        pass\n",
};

/// The diagnostics shown for a file, without what legitimately differs between sessions (the
/// document version carried in data).
json shown(const json& publish) {
  json out = json::array();
  if (publish.is_null()) return out;
  for (auto d : publish["diagnostics"]) {
    d["data"].erase("version");
    out.push_back(d);
  }
  return out;
}

TestClient::Options options(const TempDir& dir) {
  return {.capabilities = {{"textDocument", {{"publishDiagnostics", {{"versionSupport", true}}}}}},
          .roots = {dir.str()},
          .indexWorkspace = true};
}

/// One session of 80 random edits; after each, compared with a fresh session of the same texts.
void editSession(unsigned seed) {
  std::mt19937 rng(seed);
  TempDir dir("edits-full");
  std::string path = dir.write("svc/app.py", kApp);
  std::string other = dir.write("svc/jobs.py", "import os\nQUEUE = os.environ.get('QUEUE')\n");
  dir.write(".gitignore", "node_modules\n");
  // Two open documents: the app (the workspace findings are anchored at it) and a helper module.
  std::string util = dir.write("svc/util.py", kUtil);
  TestClient c(options(dir));
  c.initialize();
  std::map<std::string, std::string> texts{{path, kApp}, {util, kUtil}};
  c.open(path, kApp, 1);
  c.open(util, kUtil, 1);
  for (int v = 2; v <= 80; ++v) {
    const std::string& edited = v % 3 == 0 ? path : util;
    std::string& text = texts[edited];
    // Insert a line, delete one, or type within a line.
    std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    std::size_t line = rng() % (lines + 1);
    std::size_t at = 0;
    for (std::size_t i = 0; i < line && at < text.size(); ++i) at = text.find('\n', at) + 1;
    json change;
    unsigned kind = rng() % 3;
    if (kind == 0 || lines < 4) {
      std::string ins = kLines[rng() % std::size(kLines)];
      text.insert(at, ins);
      json pos = {{"line", line}, {"character", 0}};
      change = {{"range", {{"start", pos}, {"end", pos}}}, {"text", ins}};
    } else if (kind == 1 && line < lines) {
      std::size_t end = text.find('\n', at) + 1;
      text.erase(at, end - at);
      change = {{"range", {{"start", {{"line", line}, {"character", 0}}}, {"end", {{"line", line + 1}, {"character", 0}}}}},
                {"text", ""}};
    } else {
      std::string word = rng() % 2 ? " " : "z";  // typing inside a line (ASCII)
      text.insert(at, word);
      json pos = {{"line", line}, {"character", 0}};
      change = {{"range", {{"start", pos}, {"end", pos}}}, {"text", word}};
    }
    c.change(edited, v, json::array({change}));
    REQUIRE(c.lastDiagnostics(edited).value("version", -1) == v);

    TestClient full(options(dir));
    full.initialize();
    full.open(path, texts[path], 1);
    full.open(util, texts[util], 1);
    INFO("seed " << seed << ", version " << v << ", " << edited << ":\n" << text);
    CHECK(shown(c.lastDiagnostics(path)) == shown(full.lastDiagnostics(path)));
    CHECK(shown(c.lastDiagnostics(util)) == shown(full.lastDiagnostics(util)));
    CHECK(shown(c.lastDiagnostics(other)) == shown(full.lastDiagnostics(other)));
    CHECK(c.server().readiness() == full.server().readiness());
  }
}

}  // namespace

TEST_SUITE("lsp") {
  TEST_CASE("property: after random edits the server shows what a full analysis of the same texts shows") {
    std::vector<unsigned> seeds{2, 5, 6, 22};  // 2, 5 and 6 found the workspace findings' lost fixes
    if (const char* s = std::getenv("AGENTLENS_PROPERTY_SEED")) seeds = {static_cast<unsigned>(std::strtoul(s, nullptr, 10))};
    for (unsigned seed : seeds) editSession(seed);
  }
}
