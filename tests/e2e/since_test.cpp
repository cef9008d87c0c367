// `check --since REF` (cli/since.hpp): new code only, on a temporary git repository.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "e2e/proc.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;
using agentlens::testing::q;
using agentlens::testing::runBinary;
using agentlens::testing::TempDir;

namespace {

int git(const TempDir& repo, const std::string& args) {
  std::string cmd = "git -C " + q(repo.path) + " -c user.email=t@example.com -c user.name=t -c commit.gpgsign=false " +
                    args + " >/dev/null 2>&1";
  return std::system(cmd.c_str());
}

const char* kLoad = "def load():\n    try:\n        risky()\n    except Exception:\n        pass\n";
const char* kSave = "\n\ndef save():\n    try:\n        risky()\n    except Exception:\n        pass\n";

/// A service in svc/ of a repository: at HEAD it has tests and one swallowed exception (line 4),
/// no CI; the work tree adds a second one (line 11) and deletes the tests.
void makeRepo(const TempDir& repo) {
  REQUIRE(git(repo, "init -q") == 0);
  repo.write("svc/app.py", kLoad);
  repo.write("svc/requirements.txt", "requests==2.31.0\n");
  repo.write("svc/tests/test_app.py", "from app import load\n\n\ndef test_load():\n    assert load() is None\n");
  REQUIRE(git(repo, "add -A") == 0);
  REQUIRE(git(repo, "commit -q -m base") == 0);
  repo.write("svc/app.py", std::string(kLoad) + kSave);
  std::filesystem::remove(repo.path / "svc/tests/test_app.py");
}

std::set<std::string> findings(const json& j) {
  std::set<std::string> out;
  for (const auto& f : j["findings"])
    out.insert(f["rule"].get<std::string>() + " " + f["file"].get<std::string>() + ":" +
               std::to_string(f["range"]["start"]["line"].get<int>()));
  return out;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("--since REF: changed lines and what the change introduced, with the score delta") {
    TempDir repo("since");
    makeRepo(repo);
    std::string svc = q(repo.path / "svc");

    auto full = runBinary("check " + svc + " --format json");
    REQUIRE(full.exitCode == 1);
    auto all = findings(json::parse(full.out));
    CHECK(all.count("swallowed-exception app.py:4"));
    CHECK(all.count("ci-missing-or-not-testing requirements.txt:1"));

    auto r = runBinary("check " + svc + " --format json --since HEAD");
    INFO(r.err);
    REQUIRE(r.exitCode == 1);
    json j = json::parse(r.out);
    // The new swallowed exception (a changed line) and no-tests (on an unchanged line, but new
    // since HEAD: the change deleted the tests); not the old swallowed exception nor the
    // missing CI, which HEAD already had.
    CHECK(findings(j) == std::set<std::string>{"swallowed-exception app.py:11", "no-tests requirements.txt:1"});
    CHECK(j["since"]["ref"] == "HEAD");
    CHECK(j["since"]["changedFiles"] == 1);  // app.py (a deleted file has no lines)
    // A change outside the scanned directory is not counted.
    repo.write("other/notes.py", "x = 1\n");
    CHECK(json::parse(runBinary("check " + svc + " --format json --since HEAD").out)["since"]["changedFiles"] == 1);
    std::filesystem::remove_all(repo.path / "other");
    CHECK(j["since"]["hiddenFindings"] == all.size() - 2);
    double base = j["since"]["baseScore"].get<double>(), now = j["readiness"]["score"].get<double>();
    CHECK(base > now);
    CHECK(j["since"]["scoreDelta"].get<double>() == doctest::Approx(now - base));
    CHECK(json::parse(full.out)["readiness"]["score"].get<double>() == doctest::Approx(now));  // the project's score

    // The same change committed: CI compares against the merge base.
    REQUIRE(git(repo, "add -A") == 0);
    REQUIRE(git(repo, "commit -q -m change") == 0);
    auto committed = runBinary("check " + svc + " --format json --since HEAD~1");
    REQUIRE(committed.exitCode == 1);
    CHECK(findings(json::parse(committed.out)) == findings(j));
    // Nothing changed since HEAD: nothing new, the exit status says so, the delta is 0.
    auto clean = runBinary("check " + svc + " --format json --since HEAD");
    CHECK(clean.exitCode == 0);
    json c = json::parse(clean.out);
    CHECK(c["findings"].empty());
    CHECK(c["since"]["scoreDelta"].get<double>() == doctest::Approx(0.0));
  }

  TEST_CASE("--since: untracked files are new in full; text output states the mode and the delta") {
    TempDir repo("since-text");
    makeRepo(repo);
    repo.write("svc/jobs.py", kSave);
    auto r = runBinary("check " + q(repo.path / "svc") + " --since HEAD --color never");
    INFO(r.err);
    CHECK(r.exitCode == 1);
    CHECK(r.out.rfind("New code since HEAD: 2 changed files · readiness ", 0) == 0);
    CHECK(r.out.find("older findings on unchanged code not shown") != std::string::npos);
    CHECK(r.out.find("jobs.py:6") != std::string::npos);
    CHECK(r.out.find("app.py:11") != std::string::npos);
    CHECK(r.out.find("app.py:4:") == std::string::npos);
  }

  TEST_CASE("--since: a path new since REF has no base; errors are usage errors") {
    TempDir repo("since-err");
    makeRepo(repo);
    repo.write("svc2/app.py", kSave);
    auto fresh = runBinary("check " + q(repo.path / "svc2") + " --format json --since HEAD");
    REQUIRE(fresh.exitCode == 1);
    json j = json::parse(fresh.out);
    CHECK(j["since"]["baseScore"].is_null());
    CHECK(findings(j).count("swallowed-exception app.py:6"));

    auto bad = runBinary("check " + q(repo.path / "svc") + " --since no-such-ref");
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.find("--since no-such-ref: not a git commit") != std::string::npos);
    auto opt = runBinary("check " + q(repo.path / "svc") + " --since=--output=x");
    CHECK(opt.exitCode == 2);
    TempDir plain("since-nogit");
    plain.write("app.py", kLoad);
    auto nogit = runBinary("check " + q(plain.path) + " --since HEAD");
    CHECK(nogit.exitCode == 2);
    CHECK(nogit.err.find("not in a git work tree") != std::string::npos);
    auto combo = runBinary("check " + q(repo.path / "svc") + " --since HEAD --fix");
    CHECK(combo.exitCode == 2);
  }
}
