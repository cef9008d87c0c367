// Inline suppressions: where a directive applies, in each comment syntax, what is reported about
// directives themselves, and that suppressed findings are kept as accepted.
#include <doctest/doctest.h>

#include "core/suppression.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"

using namespace agentlens;

namespace {

core::FileResult analyze(const std::string& path, std::string_view text) {
  auto lang = core::detectLang(path);
  auto pf = core::parseFile(path, lang.value_or(core::Lang::Text), std::make_shared<std::string>(text));
  std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
  return rules::Engine(all).analyze(pf);
}

struct Counts {
  std::size_t open = 0, suppressed = 0, invalid = 0, unused = 0;
};
Counts counts(const core::FileResult& r, std::string_view rule) {
  Counts c;
  for (const auto& f : r.findings) {
    if (f.ruleId == rule) (f.suppressedReason ? c.suppressed : c.open)++;
    if (f.ruleId == "invalid-suppression") ++c.invalid;
    if (f.ruleId == "unused-suppression") ++c.unused;
  }
  return c;
}

const core::Finding* first(const core::FileResult& r, std::string_view rule) {
  for (const auto& f : r.findings)
    if (f.ruleId == rule) return &f;
  return nullptr;
}

constexpr std::string_view kPyHead = "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n";

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("python: a trailing comment covers its line, an own-line comment the next code line") {
    std::string text = std::string(kPyHead) +
                       "    print('a')  # agentlens: ignore[print-instead-of-logging] -- startup banner\n"
                       "    # agentlens: ignore[print-instead-of-logging] -- debugging aid, removed in #123\n"
                       "    # (a second comment line does not break the link)\n"
                       "    print('b')\n"
                       "    print('c')\n"
                       "    return 'ok'\n";
    auto r = analyze("app.py", text);
    auto c = counts(r, "print-instead-of-logging");
    CHECK(c.suppressed == 2);
    CHECK(c.open == 1);
    CHECK(c.invalid == 0);
    CHECK(c.unused == 0);
    const auto* f = first(r, "print-instead-of-logging");
    REQUIRE(f);
    REQUIRE(f->suppressedReason);
    CHECK(*f->suppressedReason == "startup banner");
  }

  TEST_CASE("a category name suppresses every rule of the category") {
    std::string text = std::string(kPyHead) + "    print('a')  # agentlens: ignore[observability] -- banner\n    return 1\n";
    CHECK(counts(analyze("app.py", text), "print-instead-of-logging").suppressed == 1);
  }

  TEST_CASE("ignore-file covers the whole file") {
    std::string text = "# agentlens: ignore-file[print-instead-of-logging] -- CLI-like module, stdout is the UI\n" +
                       std::string(kPyHead) + "    print('a')\n    print('b')\n    return 1\n";
    auto c = counts(analyze("app.py", text), "print-instead-of-logging");
    CHECK(c.suppressed == 2);
    CHECK(c.open == 0);
    CHECK(c.unused == 0);
  }

  TEST_CASE("javascript and typescript: // and /* */ comments") {
    std::string js =
        "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => {\n"
        "  console.log('a'); // agentlens: ignore[print-instead-of-logging] -- request trace for the demo\n"
        "  /* agentlens: ignore[print-instead-of-logging] -- same */\n"
        "  console.log('b');\n"
        "  console.log('c');\n"
        "  res.send('ok');\n});\n";
    auto c = counts(analyze("server.js", js), "print-instead-of-logging");
    CHECK(c.suppressed == 2);
    CHECK(c.open == 1);
    auto t = counts(analyze("server.ts", js), "print-instead-of-logging");
    CHECK(t.suppressed == 2);
  }

  TEST_CASE("go: // comments") {
    std::string go =
        "package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n)\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n"
        "\t// agentlens: ignore[print-instead-of-logging] -- local debugging\n"
        "\tfmt.Println(\"hit\")\n"
        "\tfmt.Println(\"hit again\")\n}\n\nfunc main() { http.HandleFunc(\"/\", handler) }\n";
    auto r = analyze("server.go", go);
    auto c = counts(r, "print-instead-of-logging");
    CHECK(c.suppressed == 1);
    CHECK(c.open == 1);
    CHECK(c.invalid == 0);
  }

  TEST_CASE("a directive inside a string is not a directive") {
    std::string text = std::string(kPyHead) + "    s = 'agentlens: ignore[print-instead-of-logging] -- no'\n    print(s)\n    return s\n";
    auto c = counts(analyze("app.py", text), "print-instead-of-logging");
    CHECK(c.open == 1);
    CHECK(c.suppressed == 0);
  }

  TEST_CASE("no reason, unknown rule, malformed: invalid-suppression; a reasonless one still applies") {
    std::string text = std::string(kPyHead) +
                       "    print('a')  # agentlens: ignore[print-instead-of-logging]\n"
                       "    print('b')  # agentlens: ignore[print-instead-of-loging] -- typo\n"
                       "    print('c')  # agentlens: ignore print-instead-of-logging -- no brackets\n"
                       "    return 1\n";
    auto r = analyze("app.py", text);
    auto c = counts(r, "print-instead-of-logging");
    CHECK(c.suppressed == 1);
    CHECK(c.open == 2);
    CHECK(c.invalid == 3);
    std::vector<std::string> messages;
    for (const auto& f : r.findings)
      if (f.ruleId == "invalid-suppression") {
        messages.push_back(f.message);
        CHECK(f.level() == core::Level::Warning);
        CHECK(f.category == core::Category::Configuration);
      }
    REQUIRE(messages.size() == 3);
    CHECK(messages[0].find("without a reason") != std::string::npos);
    CHECK(messages[1].find("unknown rule `print-instead-of-loging`") != std::string::npos);
    CHECK(messages[2].find("malformed") != std::string::npos);
  }

  TEST_CASE("an unused suppression is a hint on the directive") {
    std::string text = std::string(kPyHead) + "    x = 1  # agentlens: ignore[print-instead-of-logging] -- stale\n    return x\n";
    auto r = analyze("app.py", text);
    const auto* u = first(r, "unused-suppression");
    REQUIRE(u);
    CHECK(u->level() == core::Level::Hint);
    CHECK(u->start.line == 5);
    CHECK(u->message.find("print-instead-of-logging") != std::string::npos);
  }

  TEST_CASE("unused is not reported for a rule the configuration turned off") {
    core::ConfigFile cfgFile;
    cfgFile.base.ignore = {"print-instead-of-logging"};
    auto file = std::make_shared<const core::ConfigFile>(cfgFile);
    core::FileConfig fc(file, nullptr, {&file->base}, {}, "");
    std::string text = std::string(kPyHead) + "    x = 1  # agentlens: ignore[print-instead-of-logging] -- stale\n    return x\n";
    auto pf = core::parseFile("app.py", core::Lang::Python, std::make_shared<std::string>(text));
    std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
    auto r = rules::Engine(all).analyze(pf, fc);
    CHECK(first(r, "unused-suppression") == nullptr);
  }

  TEST_CASE("files without a grammar: # comments in Dockerfile, YAML, TOML, .env") {
    for (const char* path : {"Dockerfile", "ci.yml", "pyproject.toml", ".env"}) {
      INFO(path);
      std::string text = "FOO=1\n# agentlens: ignore[hardcoded-secret] -- test key, rotated\nKEY=abc # agentlens: ignore[security] -- x\n";
      auto pf = core::parseFile(path, *core::detectLang(path), std::make_shared<std::string>(text));
      auto dirs = core::findSuppressions(pf);
      REQUIRE(dirs.size() == 2);
      CHECK(dirs[0].ids == std::vector<std::string>{"hardcoded-secret"});
      CHECK(dirs[0].reason == "test key, rotated");
      CHECK(dirs[0].targetLine == 2);
      CHECK(dirs[1].targetLine == 2);
      CHECK(dirs[1].reason == "x");
    }
    // JSON has no comments: nothing is a directive.
    auto pf = core::parseFile("a.json", core::Lang::Json,
                              std::make_shared<std::string>("{\"a\": \"# agentlens: ignore[security] -- x\"}\n"));
    CHECK(core::findSuppressions(pf).empty());
  }
}
