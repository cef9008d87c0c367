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
#include <tuple>
#include <vector>

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

/// What `check --fix` should produce from a JSON report, computed independently of the tool's fix
/// code from the documented JSON and the documented policy: per file, findings in position order,
/// each applies its first safe fix unless one of its edits overlaps an edit already taken in the
/// same file (a later run picks it up); replaces are spliced from the end backwards, createFile
/// creates a missing file.
struct Oracle {
  std::map<std::string, std::string> files;     ///< changed or created file -> new content
  std::map<std::string, std::size_t> findings;  ///< findings fixed per file they were reported in
  std::size_t total = 0;
};

Oracle expectedAfterSafeFixes(const fs::path& dir, const json& report) {
  std::vector<const json*> list;
  for (const auto& f : report["findings"]) list.push_back(&f);
  auto key = [](const json* f) {
    return std::make_tuple(f->at("file").get<std::string>(), f->at("range")["start"]["line"].get<int>(),
                           f->at("range")["start"]["column"].get<int>());
  };
  std::stable_sort(list.begin(), list.end(), [&](auto* a, auto* b) { return key(a) < key(b); });
  using Range = std::pair<std::size_t, std::size_t>;
  auto overlaps = [](Range a, Range b) {
    if (a.first == a.second && b.first == b.second) return a.first == b.first;
    return a.first < b.second && b.first < a.second;
  };
  std::map<std::string, std::vector<std::tuple<std::size_t, std::size_t, std::string>>> replaces;
  Oracle out;
  for (const json* f : list) {
    if (f->value("suppressed", false)) continue;
    const json* fix = nullptr;
    if (f->contains("fix") && !(*f)["fix"].is_null() && (*f)["fix"]["safety"] == "safe") fix = &(*f)["fix"];
    if (!fix && f->contains("alternativeFixes"))
      for (const auto& alt : (*f)["alternativeFixes"])
        if (!fix && alt["safety"] == "safe") fix = &alt;
    if (!fix) continue;
    bool ok = true;
    for (const auto& e : (*fix)["edits"]) {
      std::string file = e["file"];
      if (e["kind"] == "replace") {
        REQUIRE(file == (*f)["file"]);  // the example has no cross-file replaces
        Range r{e["offsets"]["start"], e["offsets"]["end"]};
        for (const auto& taken : replaces[file]) ok = ok && !overlaps({std::get<0>(taken), std::get<1>(taken)}, r);
      } else {
        REQUIRE(e["kind"] == "createFile");  // the example's other kind
        ok = ok && !fs::exists(dir / file) && !out.files.count(file);
      }
    }
    if (!ok) continue;
    for (const auto& e : (*fix)["edits"]) {
      if (e["kind"] == "replace") replaces[e["file"]].emplace_back(e["offsets"]["start"], e["offsets"]["end"], e["newText"]);
      else out.files[e["file"]] = e["newText"];
    }
    ++out.findings[(*f)["file"]];
    ++out.total;
  }
  for (auto& [file, edits] : replaces) {
    std::string text = slurp(dir / file);
    std::sort(edits.begin(), edits.end(), [](auto& a, auto& b) { return std::get<0>(a) > std::get<0>(b); });
    for (auto& [s, e, t] : edits) text.replace(s, e - s, t);
    out.files[file] = text;
  }
  return out;
}

std::string fixedLine(std::size_t findings, std::size_t files) {
  return "fixed " + std::to_string(findings) + " finding" + (findings == 1 ? "" : "s") + " in " + std::to_string(files) +
         " file" + (files == 1 ? "" : "s");
}

/// Syntax errors in every parseable file of `dir`.
std::size_t errorsInTree(const fs::path& dir) {
  std::size_t n = 0;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      if (auto lang = agentlens::core::detectLang(e.path().filename().string()); lang && agentlens::core::hasGrammar(*lang))
        n += agentlens::testing::syntaxErrors(*lang, slurp(e.path()));
  return n;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("--fix applies exactly the safe fixes, reparses cleanly and keeps permissions") {
    TempDir tmp("fix");
    fs::path dir = tmp.path / "shop";
    fs::copy(example(), dir, fs::copy_options::recursive);
    fs::permissions(dir / "app.py", fs::perms(0640));
    fs::permissions(dir / "notifications.js", fs::perms(0755));

    auto before = runBinary("check --no-cache --format json --fail-on none " + q(dir));
    REQUIRE(before.exitCode == 0);
    json report = json::parse(before.out);
    Oracle expected = expectedAfterSafeFixes(dir, report);
    REQUIRE(expected.files.count("app.py"));
    REQUIRE(expected.files.count("notifications.js"));
    auto original = snapshot(dir);
    std::size_t errorsBefore = errorsInTree(dir);

    auto r = runBinary("check --no-cache --fix --format json --fail-on none " + q(dir));
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.find(fixedLine(expected.total, expected.files.size())) != std::string::npos);
    auto after = snapshot(dir);
    // Exactly the expected bytes, nothing else changed, no temp file left.
    for (auto& entry : after) {  // no structured binding: INFO's lambda captures it (clang 14)
      const std::string& path = entry.first;
      const std::string& text = entry.second;
      INFO("file: ", path);
      if (expected.files.count(path)) {
        CHECK(text == expected.files[path]);
        CHECK(text != original[path]);
      } else {
        CHECK(original.count(path) == 1);
        CHECK(text == original[path]);
      }
    }
    for (const auto& kv : expected.files) CHECK_MESSAGE(after.count(kv.first), kv.first);
    CHECK(after["app.py"].find("logger.exception(") != std::string::npos);
    // Unsafe fixes were not applied.
    CHECK(after["app.py"].find("sk_live_") != std::string::npos);
    CHECK(!fs::exists(dir / ".env.example"));
    CHECK(!fs::exists(dir / "tests"));
    CHECK(errorsInTree(dir) <= errorsBefore);
    CHECK(mode(dir / "app.py") == 0640);
    CHECK(mode(dir / "notifications.js") == 0755);
    // The report shows what remains: a fresh scan of the fixed files.
    json remaining = json::parse(r.out);
    CHECK(remaining["findings"].size() < report["findings"].size());

    // Fixes skipped for overlapping an earlier one are picked up by later runs; the runs reach a
    // fixpoint that changes nothing and never breaks the syntax.
    std::string last;
    for (int run = 0; run < 6; ++run) {
      auto again = runBinary("check --no-cache --fix --fail-on none " + q(dir));
      CHECK(again.exitCode == 0);
      CHECK(errorsInTree(dir) <= errorsBefore);
      last = again.err;
      if (last.find("fixed 0 findings in 0 files") != std::string::npos) break;
    }
    CHECK(last.find("fixed 0 findings in 0 files") != std::string::npos);
    auto settled = snapshot(dir);
    runBinary("check --no-cache --fix --fail-on none " + q(dir));
    CHECK(snapshot(dir) == settled);
  }

  TEST_CASE("--fix refuses a file modified between the scan and the write") {
    TempDir tmp("fix-race");
    fs::path dir = tmp.path / "shop";
    fs::copy(example(), dir, fs::copy_options::recursive);
    Oracle expected = expectedAfterSafeFixes(dir, json::parse(runBinary("check --no-cache --format json --fail-on none " + q(dir)).out));
    fs::path sync = tmp.path / "sync";
    fs::create_directories(sync);
    std::string outFile = (tmp.path / "out").string(), errFile = (tmp.path / "err").string();
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::setenv("AGENTLENS_TEST_SYNC_DIR", sync.c_str(), 1);
      std::string cmd = std::string("exec ") + AGENTLENS_BINARY + " check --no-cache --fix --fail-on none " + q(dir) + " >" + outFile +
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
    // The unchanged files are still fixed: everything the oracle expects except app.py.
    CHECK(slurp(dir / "notifications.js") != jsBefore);
    CHECK(err.find(fixedLine(expected.total - expected.findings["app.py"], expected.files.size() - 1)) != std::string::npos);
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
    auto report = json::parse(runBinary("check --no-cache --format json --fail-on none " + q(dir)).out);
    Oracle expected = expectedAfterSafeFixes(dir, report);
    auto original = snapshot(dir);
    std::set<std::string> paths;
    for (const auto& kv : original) paths.insert(kv.first);
    for (const auto& kv : expected.files) paths.insert(kv.first);
    for (int n : {1, 2, 3}) {
      INFO("killed before rename #", n);
      auto r = runBinary("check --no-cache --fix --fail-on none " + q(dir), 60,
                         "AGENTLENS_TEST_CRASH_BEFORE_RENAME=" + std::to_string(n) + " ");
      CHECK(r.signal == SIGKILL);
      std::size_t fixedFiles = 0;
      for (const auto& path : paths) {
        INFO("file: ", path);
        bool exists = fs::exists(dir / path);
        std::string now = exists ? slurp(dir / path) : "";
        // Each file is either wholly the old content (or still absent) or wholly the new one.
        bool old = original.count(path) ? exists && now == original[path] : !exists;
        bool fixed = expected.files.count(path) && exists && now == expected.files[path];
        CHECK((old || fixed));
        fixedFiles += fixed;
      }
      CHECK(fixedFiles == static_cast<std::size_t>(n - 1));
      // Leftover temp files are hidden and never replace a real file; clean them for the next round.
      std::vector<fs::path> temps;
      for (auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().filename().string().find(".agentlens-") != std::string::npos) temps.push_back(e.path());
      for (const auto& t : temps) fs::remove(t);
      // Restore for the next round.
      for (const auto& path : paths)
        if (!original.count(path)) fs::remove(dir / path);
      for (auto& [path, text] : original) agentlens::testing::writeText(dir / path, text);
    }
  }
}
