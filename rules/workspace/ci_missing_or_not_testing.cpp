// ci-missing-or-not-testing: no CI configuration, or CI that never runs the tests.
#include <algorithm>

#include "rules/workspace/ci_test_steps.hpp"
#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports a workspace with application code and no continuous integration: no
`.github/workflows/*.yml`, `.gitlab-ci.yml`, `.circleci/config.yml`, `Jenkinsfile`,
`azure-pipelines.yml`, `bitbucket-pipelines.yml`, `.buildkite/`, `.drone.yml` or `.travis.yml`
(an empty workflow file is not CI). When CI exists, it reports pipelines in which no step runs
the tests, read from the CI files' structured steps: a test runner (`pytest`, `tox`,
`manage.py test`, `npm test`, `vitest`, `jest`, `go test`, …), a test script
(`./scripts/test`, `scripts/run-tests.sh`), or a `make` target whose recipe or prerequisites run
one (`make ci` with `ci: lint test`). A repository with no tests at all is left to `no-tests`:
its CI cannot run what does not exist. It also reports a CI step that runs `npm ci` at the
repository root when the root `package.json` has no `package-lock.json` (or
`npm-shrinkwrap.json`) next to it: `npm ci` refuses to install without one, so the steps after it
(tests, lint, build) never run. Steps with a `working-directory` or a `cd` are not judged.

## Why is this bad?
Without CI nothing stops a broken commit from being deployed; a pipeline that only builds gives
the same false confidence. Tests that nobody runs rot.

## Example
A repository with tests but no `.github/workflows/`.

Use instead: a workflow that installs the dependencies and runs the tests on every push and pull
request.

## Fix safety
Creates `.github/workflows/ci.yml` for the detected stack (setup-python/node/go, install, test).
Unsafe: review the install and test commands for your project.

## References
- OpenSSF Scorecard CI-Tests
- The Twelve-Factor App, V. Build, release, run
)md";

const RuleMeta kMeta{
    .id = "ci-missing-or-not-testing",
    .category = core::Category::Deployment,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "No CI configuration, or CI that does not run the tests",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .planTitle = "Run the tests in CI on every change",
    .effort = core::Effort::L,
};

bool isCiPath(std::string_view p) {
  return (p.starts_with(".github/workflows/") && (p.ends_with(".yml") || p.ends_with(".yaml"))) ||
         p == ".gitlab-ci.yml" || p == ".circleci/config.yml" || p == "Jenkinsfile" || p == "azure-pipelines.yml" ||
         p == "bitbucket-pipelines.yml" || p.starts_with(".buildkite/") || p == ".drone.yml" || p == ".travis.yml";
}

/// A CI file with nothing in it (a placeholder workflow) runs nothing.
bool emptyFile(const WorkspaceView& v, const std::string& path) {
  auto text = v.read(path);
  return text && text->find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string workflow(const Stack& s) {
  std::string head = "name: CI\n\non:\n  push:\n  pull_request:\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n";
  if (s.language == "python")
    return head + "      - uses: actions/setup-python@v5\n        with:\n          python-version: \"3.12\"\n"
                  "      - run: pip install -r requirements.txt pytest\n      - run: pytest\n";
  if (s.language == "node")
    return head + "      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n          cache: npm\n"
                  "      - run: npm ci\n      - run: npm test\n";
  if (s.language == "go")
    return head + "      - uses: actions/setup-go@v5\n        with:\n          go-version: stable\n      - run: go vet ./...\n"
                  "      - run: go test ./...\n";
  return "";
}

/// `npm ci` in a CI step at the root of a repository that commits no npm lockfile: the install
/// fails, so nothing after it runs. Reports the first such step of each CI file.
void npmCiWithoutLockfile(WorkspaceContext& ctx, const std::vector<const core::FileResult*>& ci) {
  const WorkspaceView& v = ctx.view();
  if (!v.exists("package.json") || v.exists("package-lock.json") || v.exists("npm-shrinkwrap.json")) return;
  for (const auto* f : ci) {
    auto text = v.read(f->path);
    if (!text || text->find("working-directory") != std::string::npos) continue;
    for (const auto& c : f->facts.commands) {
      std::string_view t = c.text;
      bool npmCi = t == "npm ci" || t.starts_with("npm ci ") || t == "npm clean-install" ||
                   t.starts_with("npm clean-install ");
      if (!npmCi || t.find("cd ") != std::string_view::npos) continue;
      ctx.report(f->path, c.line,
                 "CI runs `npm ci` but the repository commits no package-lock.json: `npm ci` fails without a "
                 "lockfile, so the tests and every later step never run; commit the lockfile");
      break;
    }
  }
}

class CiMissingOrNotTesting final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    bool hasCode = std::any_of(v.files().begin(), v.files().end(), [](const core::FileResult* f) {
      return core::hasGrammar(f->lang) && !f->facts.isTestOrGenerated();
    });
    if (!hasCode) return;
    ctx.applicable();
    std::vector<const core::FileResult*> ci;
    for (const auto* f : v.files())
      if (isCiPath(f->path) && !emptyFile(v, f->path)) ci.push_back(f);
    bool jenkins = v.exists("Jenkinsfile") || v.exists(".travis.yml");
    Stack stack = detectStack(v);
    if (ci.empty() && !jenkins) {
      const core::FileResult* entry = v.entryModule();
      std::string anchor = !stack.manifest.empty() ? stack.manifest : entry ? entry->path : v.files().front()->path;
      core::Finding& f = ctx.report(anchor, 0, "no CI configuration: add a pipeline that runs the tests on every change");
      std::string wf = workflow(stack);
      if (!wf.empty()) {
        core::Fix fix{.title = "Create .github/workflows/ci.yml (" + stack.language + ": install and test)",
                      .applicability = core::Applicability::Unsafe};
        core::TextEdit e;
        e.kind = core::TextEdit::Kind::CreateFile;
        e.path = ".github/workflows/ci.yml";
        e.text = wf;
        fix.edits.push_back(e);
        f.fixes.push_back(fix);
      }
      return;
    }
    // CI exists: its steps come from the CI files' Facts (YAML read as data). A file whose steps
    // were not extracted is not judged.
    bool anyKnown = false, tests = false;
    for (const auto* f : ci)
      for (const auto& c : f->facts.commands) {
        anyKnown = true;
        if (ciStepRunsTests(v, c.text)) tests = true;
      }
    bool anyTests = std::any_of(v.files().begin(), v.files().end(),
                                [&](const core::FileResult* f) { return isTestSource(*f) && holdsTests(v, *f); });
    npmCiWithoutLockfile(ctx, ci);
    if (anyKnown && !tests && anyTests) {
      const auto* first = ci.front();
      std::uint32_t line = first->facts.commands.empty() ? 0 : first->facts.commands.front().line;
      ctx.report(first->path, line, "CI runs, but no step runs the tests (pytest, npm test, go test, …)");
    }
  }
};

}  // namespace

const WorkspaceCheck& ciMissingOrNotTesting() {
  static const CiMissingOrNotTesting check;
  return check;
}

}  // namespace agentlens::rules
