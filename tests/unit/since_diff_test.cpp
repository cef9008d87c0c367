// cli/since.cpp: the changed lines read from `git diff --unified=0`.
#include <doctest/doctest.h>

#include "cli/since.hpp"

using agentlens::cli::since::parseUnifiedDiff;

TEST_SUITE("unit") {
  TEST_CASE("since: unified=0 hunks give the added lines per file; deletions give none") {
    const char* diff =
        "diff --git a/svc/app.py b/svc/app.py\n"
        "index 1..2 100644\n"
        "--- a/svc/app.py\n"
        "+++ b/svc/app.py\n"
        "@@ -3,0 +4,2 @@ def load():\n"
        "+    x = 1\n"
        "+    y = 2\n"
        "@@ -10 +12 @@\n"
        "-old\n"
        "+new\n"
        "@@ -20,3 +21,0 @@\n"
        "-a\n-b\n-c\n"
        "diff --git a/gone.py b/gone.py\n"
        "--- a/gone.py\n"
        "+++ /dev/null\n"
        "@@ -1,2 +0,0 @@\n"
        "-x\n-y\n"
        "diff --git a/new.go b/new.go\n"
        "--- /dev/null\n"
        "+++ b/new.go\n"
        "@@ -0,0 +1,3 @@\n"
        "+package main\n+\n+func main() {}\n";
    auto c = parseUnifiedDiff(diff, "/repo");
    CHECK(c.fileCount() == 2);
    CHECK(c.fileCountUnder("/repo/svc") == 1);
    CHECK(c.fileCountUnder("/repo/sv") == 0);
    CHECK(c.fileCountUnder("/repo") == 2);
    CHECK(c.touches("/repo/svc/app.py", 4, 4));
    CHECK(c.touches("/repo/svc/app.py", 5, 5));
    CHECK(c.touches("/repo/svc/app.py", 1, 4));  // a multi-line finding reaching a changed line
    CHECK_FALSE(c.touches("/repo/svc/app.py", 6, 11));
    CHECK(c.touches("/repo/svc/app.py", 12, 12));
    CHECK_FALSE(c.touches("/repo/svc/app.py", 21, 21));  // pure deletion
    CHECK_FALSE(c.touches("/repo/gone.py", 1, 2));
    CHECK(c.touches("/repo/new.go", 3, 3));
    CHECK_FALSE(c.touches("/repo/new.go", 4, 4));
    c.wholeFiles.insert("/repo/untracked.py");
    CHECK(c.touches("/repo/untracked.py", 99, 99));
  }
}
