#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "core/discovery.hpp"
#include "core/finding.hpp"
#include "support/temp_dir.hpp"

using namespace agentlens::core;
namespace fs = std::filesystem;

namespace {
using agentlens::testing::TempDir;
std::vector<std::string> paths(const DiscoveryResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.files) out.push_back(f.path);
  return out;
}
}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("glob matching with gitignore semantics") {
    CHECK(globMatch("*.log", "error.log"));
    CHECK_FALSE(globMatch("*.log", "logs/error.log"));
    CHECK(globMatch("**/build", "a/b/build"));
    CHECK(globMatch("**/build", "build"));
    CHECK(globMatch("docs/**", "docs/a/b.md"));
    CHECK(globMatch("a/**/b", "a/b"));
    CHECK(globMatch("a/**/b", "a/x/y/b"));
    CHECK(globMatch("file?.py", "file1.py"));
    CHECK_FALSE(globMatch("file?.py", "file/.py"));
    CHECK(globMatch("[a-c]at.py", "bat.py"));
    CHECK_FALSE(globMatch("[!a-c]at.py", "bat.py"));
    CHECK(globMatch("\\#notes", "#notes"));
  }

  TEST_CASE("ignore rules: negation, anchoring, directory-only, nesting") {
    IgnoreRules r;
    r.add("", "*.generated.py\n!keep.generated.py\n/secrets\nout/\n# comment\n\n");
    r.add("web", "dist\n");
    CHECK(r.ignored("x/y.generated.py", false));
    CHECK_FALSE(r.ignored("x/keep.generated.py", false));
    CHECK(r.ignored("secrets", true));
    CHECK_FALSE(r.ignored("app/secrets", true));  // anchored to the root
    CHECK(r.ignored("app/out", true));
    CHECK_FALSE(r.ignored("app/out", false));     // directory-only pattern
    CHECK(r.ignored("web/dist", true));
    CHECK_FALSE(r.ignored("api/dist", true));     // nested .gitignore applies below its dir only
  }

  TEST_CASE("discovery skips dependencies, ignored, large and binary files and says why") {
    TempDir t;
    t.write("app.py", "print('x')\n");
    t.write("src/server.ts", "export {}\n");
    t.write("node_modules/lib/index.js", "x\n");
    t.write(".venv/lib/site.py", "x\n");
    t.write("env2/pyvenv.cfg", "home = /usr\n");
    t.write("env2/lib.py", "x\n");
    t.write(".gitignore", "generated/\n*.tmp.py\n");
    t.write("generated/api.py", "x\n");
    t.write("scratch.tmp.py", "x\n");
    t.write("big.py", std::string(3 * 1024 * 1024, 'a'));
    t.write("README.md", "not read\n");
    t.write("Dockerfile", "FROM python:3.12\n");
    auto r = discover(t.path.string());
    auto p = paths(r);
    CHECK(p == std::vector<std::string>{"Dockerfile", "app.py", "src/server.ts"});
    auto reason = [&](const std::string& path) {
      for (const auto& s : r.skipped)
        if (s.path == path) return s.reason;
      return std::string();
    };
    CHECK(reason("node_modules/") == "dependency, build or VCS directory");
    CHECK(reason("env2/") == "virtualenv");
    CHECK(reason("generated/") == "ignored by .gitignore");
    CHECK(reason("scratch.tmp.py") == "ignored by .gitignore");
    CHECK(reason("big.py") == "larger than 2 MB");
  }

  TEST_CASE("discovery survives symlink loops, links out of the root and unreadable dirs") {
    TempDir t;
    t.write("a/app.py", "x = 1\n");
    fs::create_directory_symlink(t.path / "a", t.path / "a/loop");
    fs::create_directory_symlink("/usr", t.path / "outside");
    t.write("locked/x.py", "x\n");
    fs::permissions(t.path / "locked", fs::perms::none);
    auto r = discover(t.path.string());
    if (::geteuid() == 0) CHECK(paths(r) == std::vector<std::string>{"a/app.py", "locked/x.py"});
    else CHECK(paths(r) == std::vector<std::string>{"a/app.py"});
    bool outside = false;
    for (const auto& s : r.skipped) outside |= s.path == "outside" && s.reason == "symlink points outside the workspace";
    CHECK(outside);
    bool loop = false;
    for (const auto& e : r.errors) loop |= e.find("a/loop") != std::string::npos;
    CHECK(loop);
    if (::geteuid() != 0) {  // root can read anything
      bool denied = false;
      for (const auto& e : r.errors) denied |= e.find("locked") != std::string::npos;
      CHECK(denied);
    }
  }

  TEST_CASE("a bare ignore pattern naming a Go main package is the binary, not the sources") {
    TempDir t;
    // `go build ./cmd/server` writes ./server: the usual .gitignore line for it also matches the
    // cmd/server directory by name, which git itself would not un-track.
    t.write(".gitignore", "server\nworker/\nlogs\n");
    t.write("cmd/server/main.go", "// Command server.\npackage main\n\nfunc main() {}\n");
    t.write("cmd/worker/main.go", "package main\n\nfunc main() {}\n");  // dir-only pattern: meant the dir
    t.write("internal/server/server.go", "package server\n");        // a library package of that name
    t.write("logs/rotate.py", "x = 1\n");                              // bare name, no Go main: ignored
    t.write("go.mod", "module example.com/shopd\n\ngo 1.22\n");
    t.write(".gitignore", "server\nworker/\nlogs\nshopd\n");          // `go build` at the root writes ./shopd
    t.write("deploy/shopd/values.yaml", "replicas: 2\n");            // a chart named after the module
    DiscoveryOptions o;
    o.useGitIndex = false;
    auto r = discover(t.path.string(), o);
    CHECK(paths(r) == std::vector<std::string>{"cmd/server/main.go", "deploy/shopd/values.yaml", "go.mod"});
    IgnoreRules rules;
    rules.add("", "server\n/bin\n*.exe\nout/\n");
    CHECK(rules.match("cmd/server", true).bareName);
    CHECK_FALSE(rules.match("bin", true).bareName);      // anchored
    CHECK_FALSE(rules.match("a.exe", false).bareName);   // wildcard
    CHECK_FALSE(rules.match("x/out", true).bareName);    // directory-only
    CHECK_FALSE(rules.match("main.go", false).ignored);
  }

  TEST_CASE("files git tracks are read even where a .gitignore pattern matches") {
    if (std::system("git --version >/dev/null 2>&1") != 0) return;  // git is part of the toolchain; tolerate its absence
    TempDir t;
    t.write(".gitignore", "generated/\n*.local.py\n");
    t.write("generated/api.py", "x = 1\n");
    t.write("generated/other.py", "x = 2\n");
    t.write("settings.local.py", "x = 3\n");
    t.write("app.py", "x = 4\n");
    std::string q = "'" + t.path.string() + "'";
    REQUIRE(std::system(("git -C " + q + " init -q && git -C " + q + " add -f generated/api.py app.py .gitignore").c_str()) == 0);
    auto r = discover(t.path.string());
    // Tracked though ignored (added with -f): read. Untracked and ignored: skipped.
    CHECK(paths(r) == std::vector<std::string>{"app.py", "generated/api.py"});
    DiscoveryOptions o;
    o.useGitIndex = false;
    CHECK(paths(discover(t.path.string(), o)) == std::vector<std::string>{"app.py"});
  }

  TEST_CASE("binary and minified detection") {
    CHECK(looksBinary(std::string("abc\0def", 7)));
    CHECK_FALSE(looksBinary("plain text"));
    CHECK(looksMinified(std::string(10000, 'x')));
    std::string normal;
    for (int i = 0; i < 500; ++i) normal += "const x = 1;\n";
    CHECK_FALSE(looksMinified(normal));
  }

  TEST_CASE("secrets are masked to at most four characters") {
    CHECK(maskSecret("sk_live_abcdefghijklmnop") == "sk_l****");
    CHECK(maskSecret("abc") == "a****");
    CHECK(maskSecret("") == "****");
    CHECK(maskSecret("ключ-секретный-длинный") == "ключ****");
  }
}
