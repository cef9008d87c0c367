// Unified diffs of fixes (core/unified_diff): hunks with context, separate hunks for distant
// changes, file creation, missing final newlines, and `git apply` accepting the result.
#include <doctest/doctest.h>

#include <fstream>

#include "core/unified_diff.hpp"
#include "project/git.hpp"
#include "support/temp_dir.hpp"

using agentlens::core::unifiedDiff;

namespace {
std::string lines(int from, int to) {
  std::string s;
  for (int i = from; i <= to; ++i) s += "line " + std::to_string(i) + "\n";
  return s;
}
}  // namespace

TEST_SUITE("unit") {

TEST_CASE("unified diff: one changed line with three lines of context") {
  std::string a = lines(1, 10), b = a;
  b.replace(b.find("line 5\n"), 7, "LINE five\n");
  CHECK(unifiedDiff("app.py", a, b) ==
        "--- a/app.py\n+++ b/app.py\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+LINE five\n line 6\n line 7\n"
        " line 8\n");
  CHECK(unifiedDiff("app.py", a, a).empty());
}

TEST_CASE("unified diff: distant changes are separate hunks; close ones share one") {
  std::string a = lines(1, 30), b = "import logging\n" + a;
  b.replace(b.find("line 25\n"), 8, "");
  std::string d = unifiedDiff("x.py", a, b);
  CHECK(d.find("@@ -1,3 +1,4 @@\n+import logging\n line 1\n") != std::string::npos);
  CHECK(d.find("@@ -22,7 +23,6 @@\n") != std::string::npos);
  std::string c = a;
  c.replace(c.find("line 3\n"), 7, "three\n");
  c.replace(c.find("line 9\n"), 7, "nine\n");
  std::string d2 = unifiedDiff("x.py", a, c);
  CHECK(d2.find("@@ -1,12 +1,12 @@") != std::string::npos);  // 5 equal lines between: one hunk
}

TEST_CASE("unified diff: new files, deleted files and missing final newlines") {
  CHECK(unifiedDiff(".env.example", std::nullopt, "A=\nB=\n") == "--- /dev/null\n+++ b/.env.example\n@@ -0,0 +1,2 @@\n+A=\n+B=\n");
  CHECK(unifiedDiff("old", std::string("x\n"), std::nullopt) == "--- a/old\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n");
  CHECK(unifiedDiff("f", std::string("a\nb"), std::string("a\nb\nc\n")) ==
        "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n");
}

TEST_CASE("unified diff: git apply accepts it") {
  agentlens::testing::TempDir dir("diff");
  std::string a = lines(1, 40), b = "import os\n" + a;
  b.replace(b.find("line 20\n"), 8, "line twenty\nline 20.5\n");
  b.replace(b.find("line 39\n"), 8, "");
  dir.write("src/app.py", a);
  std::ofstream(dir.path / "fix.diff", std::ios::binary)
      << unifiedDiff("src/app.py", a, b) << unifiedDiff("src/new.txt", std::nullopt, "new\n");
  auto r = agentlens::project::runGit(dir.str(), {"apply", "--unsafe-paths", "fix.diff"});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  std::ifstream in(dir.path / "src/app.py", std::ios::binary);
  std::string got((std::istreambuf_iterator<char>(in)), {});
  CHECK(got == b);
  CHECK(std::filesystem::exists(dir.path / "src/new.txt"));
}

}  // TEST_SUITE
