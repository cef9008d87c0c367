// Fuzz target: the project loaders, through project::Project as `check` and the server use them —
// `.agentlens.toml` (root and nested), `[tool.agentlens]` in pyproject.toml, custom rule files
// (`.agentlens/rules/*.toml`: TOML, then query compilation and capture checks) and the baseline
// (JSON). The input is up to four files separated by "\0\1"; the byte before each chooses which
// file it is. The project then analyses a few small sources under that configuration (so rule
// options of any type and custom queries run) and renders its effective configuration.
//
// Oracles: nothing crashes or throws; every `invalid-config` diagnostic and every finding
// addresses bytes inside its file.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "core/config/config.hpp"
#include "core/parsed_file.hpp"
#include "fuzz/fuzz_input.hpp"
#include "project/project.hpp"

using namespace agentlens;
namespace fs = std::filesystem;

namespace {

const char* const kFiles[] = {".agentlens.toml", "pyproject.toml", ".agentlens/rules/custom.toml",
                              ".agentlens/rules/more.toml", ".agentlens-baseline.json", "src/.agentlens.toml"};

struct Sample {
  const char* path;
  const char* text;
};
// Small sources on which many built-in rules have something to say (and custom queries match).
const Sample kSamples[] = {
    {"src/app.py",
     "import requests\nimport os\nAPI_KEY = \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"\n"
     "def handler(event):\n    try:\n        r = requests.get(os.environ[\"URL\"])\n    except Exception:\n"
     "        pass\n    print(\"done\", r)\n    return r.json()\n"},
    {"tests/test_app.py", "def test_ok():\n    assert handler({}) is not None  # noqa\n"},
    {"src/server.js",
     "const express = require('express');\nconst app = express();\napp.get('/users/:id', async (req, res) => {\n"
     "  const u = await db.query(`SELECT * FROM users WHERE id = ${req.params.id}`);\n  console.log(u);\n"
     "  res.json(u);\n});\napp.listen(3000);\n"},
    {"src/api.ts", "export async function load(url: string): Promise<any> {\n  const r = await fetch(url);\n  return r.json();\n}\n"},
    {"src/page.tsx", "export default function Page() {\n  return <div dangerouslySetInnerHTML={{__html: x}} />;\n}\n"},
    {"cmd/main.go",
     "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.HandleFunc(\"/\", h)\n"
     "\thttp.ListenAndServe(\":8080\", nil)\n}\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n"
     "\tresp, _ := http.Get(\"http://x\")\n\t_ = resp\n}\n"},
    {"Dockerfile", "FROM python:latest\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python app.py\n"},
    {".env", "DEBUG=true\nSECRET_KEY=changeme\n"},
};

/// Scratch project root for this process (reused across iterations; emptied each time).
const fs::path& root() {
  static const fs::path r = [] {
    fs::path p = fs::temp_directory_path() / ("agentlens-fuzz-config-" + std::to_string(::getpid()));
    fs::remove_all(p);
    fs::create_directories(p);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(root(), ec);
    });
    return fs::canonical(p);
  }();
  return r;
}

void write(const fs::path& p, std::string_view text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
}

void checkRange(const core::Finding& f, const std::map<std::string, std::string>& texts, const char* what) {
  auto it = texts.find(f.path);
  FUZZ_CHECK(it != texts.end(), std::string(what) + " on an unknown file: " + f.path + " (" + f.ruleId + ")");
  FUZZ_CHECK(f.range.start <= f.range.end && f.range.end <= it->second.size(),
             std::string(what) + " " + f.ruleId + ": range " + std::to_string(f.range.start) + "-" +
                 std::to_string(f.range.end) + " outside " + f.path + " (" + std::to_string(it->second.size()) +
                 " bytes): " + f.message);
  core::LineIndex lines(it->second);
  FUZZ_CHECK(f.start.line < lines.lineCount(), std::string(what) + " " + f.ruleId + ": line past the end");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::silenceLogs();
  const fs::path& dir = root();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) fs::remove_all(e.path(), ec);

  std::map<std::string, std::string> texts;  // absolute path -> content
  for (const fuzz::FilePart& part : fuzz::splitFiles(data, size, 4)) {
    fs::path p = dir / kFiles[part.selector % std::size(kFiles)];
    write(p, part.text);
    texts[p.string()] = std::string(part.text);
  }
  for (const auto& s : kSamples) {
    write(dir / s.path, s.text);
    texts[(dir / s.path).string()] = s.text;
  }

  project::ProjectOptions po;
  po.root = dir.string();
  project::Project proj(po);
  for (const auto& d : proj.diagnostics()) checkRange(d, texts, "config diagnostic");

  std::map<std::string, std::string> relTexts;  // findings use root-relative paths
  for (const auto& s : kSamples) relTexts[s.path] = s.text;
  for (const auto& s : kSamples) {
    std::string abs = (dir / s.path).string();
    auto lang = core::detectLang(s.path);
    FUZZ_CHECK(lang.has_value(), std::string("no language for ") + s.path);
    core::ParsedFile pf = core::parseFile(s.path, *lang, std::make_shared<const std::string>(s.text));
    auto result = proj.analyze(pf, abs);
    if (!result) continue;  // excluded by the configuration
    proj.applyBaseline(*result);
    for (const auto& f : result->findings) checkRange(f, relTexts, "finding");
  }
  auto config = proj.configFor((dir / kSamples[0].path).string());
  FUZZ_CHECK(config != nullptr, "no configuration for a file");
  (void)core::describeConfig(*config, proj.engine()->knownRules(), kSamples[0].path);
  (void)config->fingerprint();
  return 0;
}
