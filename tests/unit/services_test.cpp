// Services in a workspace (core/score/services.hpp) and the per-service readiness.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/score/readiness.hpp"
#include "core/score/services.hpp"

using namespace agentlens::core;

namespace {

FileResult file(std::string path, FileRole role, Lang lang = Lang::Python) {
  FileResult f;
  f.path = std::move(path);
  f.lang = lang;
  f.facts.role = role;
  return f;
}

RuleInfo presence(std::string id, Category c, Severity s, bool gate = false) {
  RuleInfo r;
  r.id = std::move(id);
  r.category = c;
  r.severity = s;
  r.mode = ScoringMode::Presence;
  r.gate = gate;
  r.summary = r.id;
  return r;
}

Finding finding(const RuleInfo& r, const std::string& path) {
  Finding f;
  f.ruleId = r.id;
  f.category = r.category;
  f.severity = r.severity;
  f.path = path;
  return f;
}

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("services: a folder with a manifest and a server file; beside them, frontends and libraries as units of their own") {
    std::vector<FileResult> files = {
        file("services/api/requirements.txt", FileRole::Infra, Lang::Text),
        file("services/api/app.py", FileRole::Server),
        file("services/api/tests/test_app.py", FileRole::Test),
        file("services/worker/package.json", FileRole::Infra, Lang::Json),
        file("services/worker/src/server.js", FileRole::Server, Lang::JavaScript),
        file("web/package.json", FileRole::Infra, Lang::Json),
        file("web/src/App.tsx", FileRole::Frontend, Lang::Tsx),
        file("web/src/api.ts", FileRole::Library, Lang::TypeScript),
        file("libs/common/pyproject.toml", FileRole::Infra, Lang::Toml),
        file("libs/common/util.py", FileRole::Library),
        file("e2e/package.json", FileRole::Infra, Lang::Json),  // only tests: not a unit
        file("e2e/specs/home.spec.ts", FileRole::Test, Lang::TypeScript),
        file(".github/workflows/ci.yml", FileRole::Infra, Lang::Yaml),
    };
    auto svcs = findServices(files);
    REQUIRE(svcs.size() == 4);
    CHECK(svcs[0].root == "libs/common");
    CHECK(svcs[0].kind == UnitKind::Library);
    CHECK(svcs[1].root == "services/api");
    CHECK(svcs[1].name == "api");
    CHECK(svcs[1].kind == UnitKind::Service);
    CHECK(svcs[2].root == "services/worker");
    CHECK(svcs[2].kind == UnitKind::Service);
    CHECK(svcs[3].root == "web");
    CHECK(svcs[3].kind == UnitKind::Frontend);
    // A service's files: its own and the shared ones (outside every unit), not another unit's.
    auto api = filesOfService(files, svcs, svcs[1]);
    std::vector<std::string> paths;
    for (const auto& f : api) paths.push_back(f.path);
    CHECK(std::find(paths.begin(), paths.end(), "services/api/app.py") != paths.end());
    CHECK(std::find(paths.begin(), paths.end(), ".github/workflows/ci.yml") != paths.end());
    CHECK(std::find(paths.begin(), paths.end(), "e2e/specs/home.spec.ts") != paths.end());
    CHECK(std::find(paths.begin(), paths.end(), "web/src/App.tsx") == paths.end());
    CHECK(std::find(paths.begin(), paths.end(), "services/worker/src/server.js") == paths.end());
    // Membership: the owning unit, shared (no owner), or excluded.
    auto m = membershipOf("services/api/tests/test_app.py", svcs);
    REQUIRE(m.owner != nullptr);
    CHECK(m.owner->root == "services/api");
    REQUIRE(membershipOf("web/src/App.tsx", svcs).owner != nullptr);
    CHECK(membershipOf("web/src/App.tsx", svcs).owner->kind == UnitKind::Frontend);
    CHECK(membershipOf("e2e/specs/home.spec.ts", svcs).owner == nullptr);
    ServiceOptions ex;
    ex.exclude = {"web"};
    CHECK(membershipOf("web/src/App.tsx", svcs, ex).excluded);
    CHECK(findServices(files, ex).size() == 3);
    CHECK(membershipOf("services/apiary/x.py", svcs).owner == nullptr);  // a sibling with the prefix is not inside

    // Without a service there are no units: a frontend or library alone is the repository.
    std::vector<FileResult> noServer = {file("web/package.json", FileRole::Infra, Lang::Json),
                                        file("web/src/App.tsx", FileRole::Frontend, Lang::Tsx),
                                        file("libs/common/pyproject.toml", FileRole::Infra, Lang::Toml),
                                        file("libs/common/util.py", FileRole::Library)};
    CHECK(findServices(noServer).empty());
    // The root's own manifest without a server (a monorepo's workspace file): its files stay shared.
    std::vector<FileResult> monorepo = {file("package.json", FileRole::Infra, Lang::Json),
                                        file("tools/release.js", FileRole::Library, Lang::JavaScript),
                                        file("api/package.json", FileRole::Infra, Lang::Json),
                                        file("api/server.js", FileRole::Server, Lang::JavaScript)};
    auto mono = findServices(monorepo);
    REQUIRE(mono.size() == 1);
    CHECK(mono[0].root == "api");
    CHECK(parseUnitKind("frontend") == UnitKind::Frontend);
    CHECK(parseUnitKind("library") == UnitKind::Library);
    CHECK_FALSE(parseUnitKind("worker").has_value());
    CHECK(unitKindName(UnitKind::Service) == "service");
  }

  TEST_CASE("services: a single service at the root; none without a server file") {
    CHECK(findServices({file("requirements.txt", FileRole::Infra, Lang::Text), file("app.py", FileRole::Server)}).size() == 1);
    CHECK(findServices({file("requirements.txt", FileRole::Infra, Lang::Text), file("lib.py", FileRole::Library)}).empty());
  }

  TEST_CASE("services: [services] declare replaces detection; exclude removes folders and their files") {
    std::vector<FileResult> files = {
        file("api/requirements.txt", FileRole::Infra, Lang::Text),
        file("api/app.py", FileRole::Server),
        file("jobs/run.py", FileRole::Library),  // a worker without a server entry point
        file("examples/demo/package.json", FileRole::Infra, Lang::Json),
        file("examples/demo/server.js", FileRole::Server, Lang::JavaScript),
        file("ci.yml", FileRole::Infra, Lang::Yaml),
    };
    // Detection finds the demo; excluding `examples` leaves only the api.
    CHECK(findServices(files).size() == 2);
    ServiceOptions ex;
    ex.exclude = {"examples"};
    auto svcs = findServices(files, ex);
    REQUIRE(svcs.size() == 1);
    CHECK(svcs[0].root == "api");
    // The excluded folder's files count for no service (not as shared infrastructure).
    std::vector<std::string> paths;
    for (const auto& f : filesOfService(files, svcs, svcs[0], ex)) paths.push_back(f.path);
    CHECK(paths == std::vector<std::string>{"api/requirements.txt", "api/app.py", "jobs/run.py", "ci.yml"});
    // An anchored glob is matched relative to the config's directory.
    ServiceOptions anchored;
    anchored.exclude = {"repo/examples/**"};
    anchored.excludePrefix = "repo";
    CHECK(findServices(files, anchored).size() == 1);

    // Declared services: exactly these, named as given, even without a server file; a declared
    // folder with no files is not listed.
    ServiceOptions decl;
    decl.declared = {{"jobs", "worker"}, {"api", ""}, {"missing", "ghost"}};
    decl.declared[0].kind = UnitKind::Library;
    svcs = findServices(files, decl);
    REQUIRE(svcs.size() == 2);
    CHECK(svcs[0].root == "api");
    CHECK(svcs[0].name == "api");
    CHECK(svcs[1].root == "jobs");
    CHECK(svcs[1].name == "worker");
    CHECK(svcs[1].kind == UnitKind::Library);  // a declared kind is kept
  }

  TEST_CASE("per service: each service has its own score, gate and plan; one service's gaps do not hide in another's") {
    auto secret = presence("hardcoded-secret", Category::Security, Severity::Critical, true);
    auto print = presence("print", Category::Observability, Severity::Low);
    std::vector<RuleInfo> rules = {secret, print};
    auto bad = file("b/app.py", FileRole::Server);
    bad.findings = {finding(secret, "b/app.py"), finding(print, "b/app.py")};
    std::vector<FileResult> files = {file("a/requirements.txt", FileRole::Infra, Lang::Text), file("a/app.py", FileRole::Server),
                                     file("b/requirements.txt", FileRole::Infra, Lang::Text), bad};
    ReadinessInput in;
    in.rules = rules;
    in.files = &files;
    auto r = computeReadiness(in);
    REQUIRE(r.services.size() == 2);
    const auto& a = r.services[0];
    const auto& b = r.services[1];
    CHECK(a.name == "a");
    CHECK(a.gate.passed);
    CHECK(a.plan.empty());
    CHECK(a.overall == 100);
    CHECK(b.name == "b");
    CHECK_FALSE(b.gate.passed);
    CHECK(b.overall < a.overall);
    REQUIRE(!b.plan.empty());
    CHECK(b.plan.front().handoff.starts_with("Service `b` (b/)."));
    // The roll-up covers both.
    CHECK_FALSE(r.gate.passed);
    CHECK(r.overall < 100);
  }
}
