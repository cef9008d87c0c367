// End-to-end: `agentlens check --fix` on temporary copies: exact bytes, permissions, atomicity,
// files changed meanwhile, symlinks out of the root, and a crash just before the rename.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "core/lang.hpp"
#include "e2e/proc.hpp"
#include "support/fixture.hpp"

namespace fs = std::filesystem;
using agentlens::testing::q;
using agentlens::testing::runBinary;
using agentlens::testing::slurp;
using agentlens::testing::TempDir;
using nlohmann::json;

namespace {

fs::path example() { return agentlens::testing::sourceDir() / "examples/shop-prototype"; }

/// Every regular file under dir, relative path -> content.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && !e.is_symlink()) out[fs::relative(e.path(), dir).string()] = slurp(e.path());
  return out;
}

unsigned mode(const fs::path& p) {
  struct stat st{};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

/// What the safe fixes of a JSON report should produce, computed independently of the tool's
/// own fix code: splice each file's safe own-file edits (byte offsets) from the end backwards.
std::map<std::string, std::string> expectedAfterSafeFixes(const fs::path& dir, const json& report) {
  std::map<std::string, std::vector<std::tuple<std::size_t, std::size_t, std::string>>> edits;
  for (const auto& f : report["findings"]) {
    if (!f.contains("fix") || f["fix"].is_null() || f["fix"]["safety"] != "safe") continue;
    for (const auto& e : f["fix"]["edits"]) {
      REQUIRE(e["kind"] == "replace");
      REQUIRE(e["file"] == f["file"]);
      edits[e["file"]].emplace_back(e["offsets"]["start"], e["offsets"]["end"], e["newText"]);
    }
  }
  std::map<std::string, std::string> out;
  for (auto& [file, list] : edits) {
    std::string text = slurp(dir / file);
    std::sort(list.begin(), list.end(), [](auto& a, auto& b) { return std::get<0>(a) > std::get<0>(b); });
    for (auto& [s, e, t] : list) text.replace(s, e - s, t);
    out[file] = text;
  }
  return out;
}

std::size_t errorsIn(const fs::path& p) {
  auto lang = agentlens::core::detectLang(p.filename().string());
  REQUIRE(lang.has_value());
  return agentlens::testing::syntaxErrors(*lang, slurp(p));
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("--fix applies exactly the safe fixes, reparses cleanly and keeps permissions") {
    TempDir tmp("fix");
    fs::path dir = tmp.path / "shop";
    fs::copy(example(), dir, fs::copy_options::recursive);
    fs::permissions(dir / "app.py", fs::perms(0640));
    fs::permissions(dir / "notifications.js", fs::perms(0755));

    auto before = runBinary("check --format json --fail-on none " + q(dir));
    REQUIRE(before.exitCode == 0);
    json report = json::parse(before.out);
    auto expected = expectedAfterSafeFixes(dir, report);
    REQUIRE(expected.size() == 2);  // app.py and notifications.js each have one safe fix
    auto original = snapshot(dir);
    std::size_t errorsBefore = errorsIn(dir / "app.py") + errorsIn(dir / "notifications.js");

    auto r = runBinary("check --fix --format json --fail-on none " + q(dir));
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.find("fixed 2 findings in 2 files") != std::string::npos);
    auto after = snapshot(dir);
    // Exactly the expected bytes, nothing else changed, no file (or temp file) created.
    CHECK(after.size() == original.size());
    for (auto& [path, text] : after) {
      INFO("file: ", path);
      if (expected.count(path)) {
        CHECK(text == expected[path]);
        CHECK(text != original[path]);
      } else {
        CHECK(text == original[path]);
      }
    }
    CHECK(after["app.py"].find("logger.exception(") != std::string::npos);
    // Unsafe fixes were not applied.
    CHECK(after["app.py"].find("sk_live_") != std::string::npos);
    CHECK(!fs::exists(dir / ".env.example"));
    CHECK(!fs::exists(dir / "tests"));
    CHECK(errorsIn(dir / "app.py") + errorsIn(dir / "notifications.js") <= errorsBefore);
    CHECK(mode(dir / "app.py") == 0640);
    CHECK(mode(dir / "notifications.js") == 0755);
    // The report shows what remains: the fixed swallowed exceptions are gone.
    json remaining = json::parse(r.out);
    for (const auto& f : remaining["findings"]) CHECK(f["rule"] != "swallowed-exception");

    // A second run has nothing left to fix and changes nothing.
    auto again = runBinary("check --fix --fail-on none " + q(dir));
    CHECK(again.err.find("fixed 0 findings in 0 files") != std::string::npos);
    CHECK(snapshot(dir) == after);
  }

  TEST_CASE("--fix refuses a file modified between the scan and the write") {
    TempDir tmp("fix-race");
    fs::path dir = tmp.path / "shop";
    fs::copy(example(), dir, fs::copy_options::recursive);
    fs::path sync = tmp.path / "sync";
    fs::create_directories(sync);
    std::string outFile = (tmp.path / "out").string(), errFile = (tmp.path / "err").string();
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::setenv("AGENTLENS_TEST_SYNC_DIR", sync.c_str(), 1);
      std::string cmd = std::string("exec ") + AGENTLENS_BINARY + " check --fix --fail-on none " + q(dir) + " >" + outFile +
                        " 2>" + errFile;
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Wait for the tool to have chosen its fixes, then edit app.py behind its back.
    for (int i = 0; i < 6000 && !fs::exists(sync / "ready"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(fs::exists(sync / "ready"));
    std::string edited = slurp(dir / "app.py") + "# edited by someone else\n";
    agentlens::testing::writeText(dir / "app.py", edited);
    std::string jsBefore = slurp(dir / "notifications.js");
    agentlens::testing::writeText(sync / "go", "");
    int st = 0;
    REQUIRE(::waitpid(pid, &st, 0) == pid);
    REQUIRE(WIFEXITED(st));
    CHECK(WEXITSTATUS(st) == 0);
    std::string err = slurp(errFile);
    CHECK(slurp(dir / "app.py") == edited);  // the other writer's content survives untouched
    CHECK(err.find("app.py: changed since it was read") != std::string::npos);
    // The unchanged file is still fixed.
    CHECK(slurp(dir / "notifications.js") != jsBefore);
    CHECK(err.find("fixed 1 finding in 1 file") != std::string::npos);
  }

  TEST_CASE("--fix never writes through a symlink that leaves the root, and creates files inside it") {
    TempDir tmp("fix-symlink");
    fs::path dir = tmp.path / "svc", outside = tmp.path / "outside";
    fs::create_directories(dir);
    fs::create_directories(outside);
    agentlens::testing::writeText(dir / "app.py",
                                  "import os\n\nA = os.environ[\"ALPHA\"]\nB = os.environ[\"BETA\"]\nC = os.environ[\"GAMMA\"]\n");
    agentlens::testing::writeText(dir / ".env", "ALPHA=1\n");
    agentlens::testing::writeText(outside / "gitignore", "node_modules/\n");
    fs::create_symlink(outside / "gitignore", dir / ".gitignore");

    auto r = runBinary("check --fix --fail-on none " + q(dir));
    CHECK(r.exitCode == 0);
    CHECK(slurp(outside / "gitignore") == "node_modules/\n");
    CHECK(fs::is_symlink(dir / ".gitignore"));
    CHECK(r.err.find("outside the scanned root") != std::string::npos);
    // The other safe fix (create .env.example inside the root) still happens.
    REQUIRE(fs::exists(dir / ".env.example"));
    std::string example = slurp(dir / ".env.example");
    CHECK(example.find("ALPHA=\n") != std::string::npos);
    CHECK(example.find("GAMMA=\n") != std::string::npos);

    // Without the symlink, the .gitignore fix appends its lines to the file in the root.
    fs::remove(dir / ".gitignore");
    agentlens::testing::writeText(dir / ".gitignore", "node_modules/");
    auto r2 = runBinary("check --fix --fail-on none " + q(dir));
    CHECK(r2.exitCode == 0);
    CHECK(slurp(dir / ".gitignore") == "node_modules/\n.env*\n!.env.example\n");
    CHECK(r2.err.find("fixed 1 finding in 1 file") != std::string::npos);
  }

  TEST_CASE("a crash just before the rename never truncates or half-writes a file") {
    TempDir tmp("fix-crash");
    fs::path dir = tmp.path / "shop";
    fs::copy(example(), dir, fs::copy_options::recursive);
    auto report = json::parse(runBinary("check --format json --fail-on none " + q(dir)).out);
    auto expected = expectedAfterSafeFixes(dir, report);
    auto original = snapshot(dir);
    for (int n : {1, 2}) {
      INFO("killed before rename #", n);
      auto r = runBinary("check --fix --fail-on none " + q(dir), 60,
                         "AGENTLENS_TEST_CRASH_BEFORE_RENAME=" + std::to_string(n) + " ");
      CHECK(r.signal == SIGKILL);
      std::size_t fixedFiles = 0;
      for (auto& [path, text] : original) {
        INFO("file: ", path);
        std::string now = slurp(dir / path);
        // Each file is either wholly the old content or wholly the new one.
        bool old = now == text, fixed = expected.count(path) && now == expected[path];
        CHECK((old || fixed));
        fixedFiles += fixed;
      }
      CHECK(fixedFiles == static_cast<std::size_t>(n - 1));
      // Leftover temp files are hidden and never replace a real file; clean them for the next round.
      for (auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().find(".agentlens-") != std::string::npos) fs::remove(e.path());
      // Restore for the next round.
      for (auto& [path, text] : original) agentlens::testing::writeText(dir / path, text);
    }
  }
}
