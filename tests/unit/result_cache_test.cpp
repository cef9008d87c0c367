// The persistent result cache: round trip, corrupt/stale entries ignored, and a second scan of an
// unchanged tree served entirely from the cache with identical results.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "core/cache/result_cache.hpp"
#include "core/config/config.hpp"
#include "core/scan.hpp"
#include "report/facts_json.hpp"
#include "report/report.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"
#include "support/fixture.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace agentlens;

namespace {

using agentlens::testing::TempDir;

core::FileResult sampleResult() {
  core::FileResult r;
  r.path = "app.py";
  r.lang = core::Lang::Python;
  r.facts.role = core::FileRole::Server;
  r.facts.frameworks = {"flask"};
  core::Route route;
  route.framework = "flask";
  route.method = "POST";
  route.path = "/users";
  route.auth = core::AuthStatus::Inherited;
  route.statusCodes = {201, 400};
  route.callsDb = true;
  r.facts.routes.push_back(route);
  r.facts.envReads.push_back({"DATABASE_URL", std::string("sqlite://"), false, 3});
  r.facts.dockerfile = core::DockerfileInfo{};
  r.facts.dockerfile->baseImages = {"python:3.12-slim"};
  core::Finding f;
  f.ruleId = "hardcoded-secret";
  f.message = "secret";
  f.range = {4, 9};
  f.sensitive = core::ByteRange{5, 8};
  core::Fix fix;
  fix.title = "use env";
  fix.edits.push_back({core::TextEdit::Kind::Replace, "", {4, 9}, "os.environ[\"X\"]", "", {}, {}});
  f.fixes.push_back(fix);
  r.findings.push_back(f);
  r.sites.emplace_back("route-without-auth", 3);
  return r;
}

void writeFile(const fs::path& p, std::string_view text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string render(const core::ScanResult& r) {
  report::ReportInput in;
  in.scan = &r;
  return report::renderJson(in) + report::renderFactsJson(r.files);
}

}  // namespace

TEST_SUITE("facts") {
  TEST_CASE("cache: serialisation round-trips every field") {
    auto r = sampleResult();
    auto bytes = core::ResultCache::serialize("k1", r);
    auto back = core::ResultCache::deserialize("k1", bytes);
    REQUIRE(back.has_value());
    CHECK(report::renderFactsJson("x", back->facts) == report::renderFactsJson("x", r.facts));
    REQUIRE(back->findings.size() == 1);
    CHECK(back->findings[0].sensitive.has_value());
    CHECK(back->findings[0].fixes[0].edits[0].text == "os.environ[\"X\"]");
    CHECK(back->sites == r.sites);
    CHECK(back->facts.routes[0].auth == core::AuthStatus::Inherited);
    CHECK(back->facts.envReads[0].defaultValue == std::optional<std::string>("sqlite://"));
  }

  TEST_CASE("cache: corrupt, truncated and stale entries are misses") {
    auto r = sampleResult();
    auto bytes = core::ResultCache::serialize("k1", r);
    CHECK_FALSE(core::ResultCache::deserialize("other-key", bytes).has_value());   // stale key
    CHECK_FALSE(core::ResultCache::deserialize("k1", bytes.substr(0, bytes.size() - 3)).has_value());  // truncated
    CHECK_FALSE(core::ResultCache::deserialize("k1", "").has_value());
    for (std::size_t pos : {std::size_t{0}, std::size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
      std::string bad = bytes;
      bad[pos] = static_cast<char>(bad[pos] ^ 0x5a);
      CAPTURE(pos);
      CHECK_FALSE(core::ResultCache::deserialize("k1", bad).has_value());
    }
    std::string otherFormat = bytes;
    otherFormat[4] = static_cast<char>(otherFormat[4] + 1);  // format version field
    CHECK_FALSE(core::ResultCache::deserialize("k1", otherFormat).has_value());
  }

  TEST_CASE("cache: keys change with content, path, language and fingerprint") {
    auto k = core::ResultCache::key("a.py", core::Lang::Python, "x = 1\n", "fp1");
    CHECK(k.size() == 32);
    CHECK(k == core::ResultCache::key("a.py", core::Lang::Python, "x = 1\n", "fp1"));
    CHECK(k != core::ResultCache::key("a.py", core::Lang::Python, "x = 2\n", "fp1"));
    CHECK(k != core::ResultCache::key("b.py", core::Lang::Python, "x = 1\n", "fp1"));
    CHECK(k != core::ResultCache::key("a.py", core::Lang::Text, "x = 1\n", "fp1"));
    CHECK(k != core::ResultCache::key("a.py", core::Lang::Python, "x = 1\n", "fp2"));
  }

  TEST_CASE("cache: a second scan re-parses nothing and yields identical results") {
    TempDir work, cacheDir;
    writeFile(work.path / "app.py",
              "from flask import Flask\napp = Flask(__name__)\n\n@app.post('/users')\ndef create():\n"
              "    try:\n        pass\n    except:\n        pass\n    return {}, 201\n");
    writeFile(work.path / "server.js", "const express = require('express');\nconst app = express();\n"
                                       "app.get('/health', (req, res) => res.json({ok: true}));\n");
    writeFile(work.path / "Dockerfile", "FROM python:3.12\nCMD python app.py\n");
    core::ResultCache cache(cacheDir.path.string());
    std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
    rules::Engine engine(all);
    core::ScanOptions opts;
    opts.cache = &cache;
    opts.threads = 2;

    auto cold = core::scan({work.path.string()}, engine, opts);
    CHECK(cold.stats.cacheHits == 0);
    CHECK(cold.stats.cacheMisses == 3);
    auto warm = core::scan({work.path.string()}, engine, opts);
    CHECK(warm.stats.cacheHits == 3);
    CHECK(warm.stats.cacheMisses == 0);
    CHECK(warm.stats.parseMs == 0);
    CHECK(render(warm) == render(cold));

    // A changed file misses; the others still hit.
    writeFile(work.path / "server.js", "const express = require('express');\nconst app = express();\n");
    auto changed = core::scan({work.path.string()}, engine, opts);
    CHECK(changed.stats.cacheHits == 2);
    CHECK(changed.stats.cacheMisses == 1);

    // A corrupt entry on disk is ignored (and rewritten), never trusted.
    std::string text = testing::readText(work.path / "app.py");
    auto key = core::ResultCache::key("app.py", core::Lang::Python, text,
                                      core::cacheFingerprint(engine.fingerprint(), *core::FileConfig::defaults()));
    auto entry = cache.entryPath(key);
    REQUIRE(fs::exists(entry));
    {
      std::fstream f(entry, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(40);
      f.put('\x7f');
    }
    CHECK_FALSE(cache.load(key).has_value());
    auto again = core::scan({work.path.string()}, engine, opts);
    CHECK(again.stats.cacheMisses == 1);
    CHECK(cache.load(key).has_value());

    // Disabled cache: no hits, nothing stored.
    core::ResultCache off("");
    opts.cache = &off;
    auto nocache = core::scan({work.path.string()}, engine, opts);
    CHECK(nocache.stats.cacheHits == 0);
    CHECK(nocache.stats.cacheMisses == 0);
  }

  TEST_CASE("cache: a select/ignore/severity change is never answered from the cache") {
    TempDir work, cacheDir;
    writeFile(work.path / "app.py",
              "from flask import Flask\napp = Flask(__name__)\n\n@app.post('/users')\ndef create():\n"
              "    try:\n        pass\n    except:\n        pass\n    return {}, 201\n");
    writeFile(work.path / "worker.py", "import time\n\ndef tick():\n    time.sleep(1)\n");
    core::ResultCache cache(cacheDir.path.string());
    std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
    rules::Engine engine(all);
    core::ScanOptions opts;
    opts.cache = &cache;
    opts.threads = 1;
    auto ruleIds = [](const core::ScanResult& r) {
      std::set<std::string> ids;
      for (const auto& f : r.files)
        for (const auto& x : f.findings)
          if (!x.suppressedReason) ids.insert(x.ruleId);
      return ids;
    };
    auto withCli = [&](core::ConfigLayer cli) {
      core::ResolverOptions ro;
      ro.cli = std::move(cli);
      auto resolver = std::make_shared<core::ConfigResolver>(engine.knownRules(), ro);
      opts.configFor = [resolver](const core::DiscoveredFile& f) { return resolver->resolve(f.absPath); };
    };

    auto cold = core::scan({work.path.string()}, engine, opts);
    auto coldIds = ruleIds(cold);
    REQUIRE(!coldIds.empty());
    const std::string victim = *coldIds.begin();

    // Ignoring a rule: every file misses (new key) and the rule is gone.
    core::ConfigLayer ignore;
    ignore.ignore = {victim};
    withCli(ignore);
    auto ignored = core::scan({work.path.string()}, engine, opts);
    CHECK(ignored.stats.cacheHits == 0);
    CHECK(ignored.stats.cacheMisses == 2);
    CHECK(ruleIds(ignored).count(victim) == 0);
    // The same configuration again: all hits, same answer.
    auto ignoredWarm = core::scan({work.path.string()}, engine, opts);
    CHECK(ignoredWarm.stats.cacheHits == 2);
    CHECK(ruleIds(ignoredWarm) == ruleIds(ignored));

    // A severity override changes the stored severity: another key.
    core::ConfigLayer sev;
    sev.rules[victim].severity = core::Severity::Critical;
    withCli(sev);
    auto severe = core::scan({work.path.string()}, engine, opts);
    CHECK(severe.stats.cacheHits == 0);
    bool sawCritical = false;
    for (const auto& f : severe.files)
      for (const auto& x : f.findings)
        if (x.ruleId == victim) sawCritical = x.severity == core::Severity::Critical;
    CHECK(sawCritical);

    // Back to the defaults: the first scan's entries are still valid and hit.
    opts.configFor = nullptr;
    auto back = core::scan({work.path.string()}, engine, opts);
    CHECK(back.stats.cacheHits == 2);
    CHECK(ruleIds(back) == coldIds);
  }

  TEST_CASE("cache: configuration fingerprints differ exactly when the effective settings do") {
    std::vector<core::KnownRule> known{{"a-rule", core::Category::Security, {"max"}}};
    auto fp = [&](core::ConfigLayer cli) {
      core::ResolverOptions ro;
      ro.cli = std::move(cli);
      return core::ConfigResolver(known, ro).resolve("/nonexistent/x.py")->fingerprint();
    };
    core::ConfigLayer none, sel, ign, opt1, opt2;
    sel.select = {"a-rule"};
    ign.ignore = {"a-rule"};
    opt1.rules["a-rule"].options["max"] = std::int64_t{3};
    opt2.rules["a-rule"].options["max"] = std::int64_t{4};
    CHECK(fp(none) == core::FileConfig::defaults()->fingerprint());
    CHECK(fp(none) != fp(sel));
    CHECK(fp(sel) != fp(ign));
    CHECK(fp(opt1) != fp(opt2));
    CHECK(fp(opt1) == fp(opt1));
  }
}
