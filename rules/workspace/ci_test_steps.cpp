#include "rules/workspace/ci_test_steps.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace agentlens::rules {
namespace {

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

/// `./scripts/test`, `scripts/run-tests.sh`, `bin/test`: a path to a script named for the tests.
bool testScript(std::string_view word) {
  auto slash = word.find_last_of('/');
  if (slash == std::string_view::npos) return false;
  auto name = word.substr(slash + 1);
  return name == "test" || name == "tests" || name.starts_with("test.") || name.starts_with("tests.") ||
         name.starts_with("test_") || name.starts_with("test-") || name.starts_with("run-tests") ||
         name.starts_with("run_tests") || name.starts_with("runtests");
}

/// The recipe lines and prerequisites of `target` in a Makefile.
void makeTarget(const std::string& makefile, std::string_view target, std::vector<std::string>& recipe,
                std::vector<std::string>& prereqs) {
  std::istringstream in(makefile);
  bool inTarget = false;
  for (std::string line; std::getline(in, line);) {
    if (inTarget && !line.empty() && line[0] == '\t') {
      recipe.push_back(line);
      continue;
    }
    if (inTarget && !line.empty() && line[0] != '#') inTarget = false;
    auto colon = line.find(':');
    if (colon == std::string::npos || line.empty() || line[0] == '\t' || line[0] == '#') continue;
    if (colon + 1 < line.size() && line[colon + 1] == '=') continue;  // `X := y`
    for (const auto& t : words(std::string_view(line).substr(0, colon)))
      if (t == target) {
        inTarget = true;
        for (const auto& p : words(std::string_view(line).substr(colon + 1))) prereqs.push_back(p);
      }
  }
}

bool makeRunsTests(const WorkspaceView& view, const std::string& makefile, std::string_view target, int depth) {
  if (depth > 4) return false;
  std::vector<std::string> recipe, prereqs;
  makeTarget(makefile, target, recipe, prereqs);
  for (const auto& r : recipe)
    if (runsTestRunner(r)) return true;
  for (const auto& p : prereqs)
    if (p != target && makeRunsTests(view, makefile, p, depth + 1)) return true;
  return false;
}

}  // namespace

bool runsTestRunner(std::string_view cmd) {
  for (std::string_view t : {"pytest", "tox", "nox", "unittest", "npm test", "npm run test", "npm t", "pnpm test",
                             "pnpm run test", "yarn test", "vitest", "jest", "mocha", "go test", "make test",
                             "make check", "cargo test", "bun test", "node --test", "manage.py test", "gotestsum"})
    if (cmd.find(t) != std::string_view::npos) return true;
  for (const auto& w : words(cmd))
    if (testScript(w)) return true;
  return false;
}

bool ciStepRunsTests(const WorkspaceView& view, std::string_view cmd) {
  if (runsTestRunner(cmd)) return true;
  auto ws = words(cmd);
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (ws[i] != "make") continue;
    auto makefile = view.read("Makefile");
    if (!makefile) return false;
    std::size_t targets = 0;
    for (std::size_t j = i + 1; j < ws.size() && ws[j] != "&&" && ws[j] != ";"; ++j) {
      if (ws[j].starts_with("-") || ws[j].find('=') != std::string::npos) continue;
      ++targets;
      if (makeRunsTests(view, *makefile, ws[j], 0)) return true;
    }
    // Plain `make` runs the first target: `all` by convention.
    if (targets == 0 && makeRunsTests(view, *makefile, "all", 0)) return true;
  }
  return false;
}

}  // namespace agentlens::rules
