// no-tests: a service with no test files, or a package.json whose test script is npm's stub.
#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports a workspace that has application code but no tests: no `tests/`/`test/`/`__tests__/`
directory with test code, no `test_*.py`/`*_test.py`, `*.test.ts`/`*.spec.js`, or `*_test.go`
files. It also reports a `package.json` whose `test` script is still npm's placeholder
(`echo "Error: no test specified" && exit 1`). Directories that hold only fixtures or test data
do not count as tests, and neither do test files without a single test and assertion (an empty
`tests.py`, a `test_*.py` script that prints what a live server answers).

## Why is this bad?
Without tests every change is verified by hand or in production. The first refactor, dependency
upgrade or AI-generated edit that breaks the happy path ships unnoticed.

## Example
A Flask service with `app.py` and no tests.

Use instead: a `tests/test_app.py` that calls the endpoints through the test client, run in CI.

## Fix safety
Creates a starter test for the detected stack (pytest with the framework's test client, vitest
with supertest, or Go's httptest) that calls `/health`; adjust it to your routes. Unsafe: it adds
a file that may need a dependency (pytest, vitest, supertest).

## References
- OpenSSF Scorecard CI-Tests
- Google SRE book, "Testing for Reliability"
)md";

const RuleMeta kMeta{
    .id = "no-tests",
    .category = core::Category::Testing,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "The workspace has application code but no tests",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .planTitle = "Add tests for the happy path",
    .effort = core::Effort::M,
};

std::string starterTest(const Stack& s, std::string& path) {
  if (s.language == "python") {
    path = "tests/test_health.py";
    if (s.framework == "fastapi")
      return "from fastapi.testclient import TestClient\n\nfrom main import app\n\n\n"
             "def test_health_returns_ok():\n    client = TestClient(app)\n    response = client.get(\"/health\")\n"
             "    assert response.status_code == 200\n";
    return "from app import app\n\n\ndef test_health_returns_ok():\n    client = app.test_client()\n"
           "    response = client.get(\"/health\")\n    assert response.status_code == 200\n";
  }
  if (s.language == "node") {
    path = "tests/health.test.js";
    return "import { describe, expect, it } from \"vitest\";\nimport request from \"supertest\";\n\nimport { app } from \"../src/app\";\n\n"
           "describe(\"GET /health\", () => {\n  it(\"returns ok\", async () => {\n    const res = await request(app).get(\"/health\");\n"
           "    expect(res.status).toBe(200);\n  });\n});\n";
  }
  if (s.language == "go") {
    path = "main_test.go";
    return "package main\n\nimport (\n\t\"net/http\"\n\t\"net/http/httptest\"\n\t\"testing\"\n)\n\n"
           "func TestHealth(t *testing.T) {\n\treq := httptest.NewRequest(http.MethodGet, \"/health\", nil)\n"
           "\trec := httptest.NewRecorder()\n\tnewMux().ServeHTTP(rec, req)\n\tif rec.Code != http.StatusOK {\n"
           "\t\tt.Fatalf(\"GET /health = %d, want 200\", rec.Code)\n\t}\n}\n";
  }
  return "";
}

class NoTests final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    bool hasCode = false, hasTests = false;
    for (const auto* f : v.files()) {
      if (!core::hasGrammar(f->lang)) continue;
      if (isTestSource(*f)) hasTests = hasTests || holdsTests(v, *f);
      else if (!f->facts.isTestOrGenerated() && f->facts.role != core::FileRole::Script) hasCode = true;
    }
    if (!hasCode) return;  // nothing that needs tests (scripts only, or an empty workspace)
    Stack stack = detectStack(v);
    auto pkg = v.read("package.json");
    // Parts: tests exist; and, for Node, `npm test` runs them. No tests at all fails everything.
    ctx.applicable(hasTests && pkg ? 2 : 1);

    // npm's placeholder test script.
    if (pkg) {
      if (pkg->find("no test specified") != std::string::npos) {
        core::Finding& f = ctx.report("package.json", lineOf(*pkg, "no test specified"),
                                      "`npm test` is npm's placeholder: configure a test runner (vitest, jest, node --test)");
        f.severity = hasTests ? core::Severity::Medium : core::Severity::High;
      }
    }
    if (hasTests) return;
    const core::FileResult* entry = v.entryModule();
    std::string anchor = !stack.manifest.empty() ? stack.manifest : entry ? entry->path : v.files().front()->path;
    std::string how = stack.language == "python" ? "add pytest tests under tests/ using the framework's test client"
                      : stack.language == "node" ? "add vitest or jest tests (supertest for HTTP routes)"
                      : stack.language == "go"   ? "add *_test.go files using net/http/httptest"
                                                 : "add tests";
    core::Finding& f = ctx.report(anchor, 0, "no tests in this workspace: " + how);
    std::string path;
    std::string body = starterTest(stack, path);
    if (!body.empty() && !v.exists(path)) {
      core::Fix fix{.title = "Create " + path + " (a first test of /health)", .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.kind = core::TextEdit::Kind::CreateFile;
      e.path = path;
      e.text = body;
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
    }
  }
};

}  // namespace

const WorkspaceCheck& noTests() {
  static const NoTests check;
  return check;
}

}  // namespace agentlens::rules
