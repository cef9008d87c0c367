// End-to-end: the tool itself is safe to run on any repository — it never runs workspace code,
// never touches the network, and copes with a workspace of 100,000 files. The real binary, under
// strace (system calls) and in a network namespace without network; each check is skipped with a
// message when the machine cannot provide the tool (no strace, user namespaces disabled).
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "e2e/proc.hpp"
#include "lsp/wire.hpp"
#include "support/fixture.hpp"

namespace fs = std::filesystem;
using agentlens::testing::q;
using agentlens::testing::runBinary;
using agentlens::testing::slurp;
using agentlens::testing::TempDir;
using nlohmann::json;

namespace {

/// strace installed and allowed to trace (containers may forbid ptrace).
bool haveStrace() { return std::system("strace -f -qq -o /dev/null true >/dev/null 2>&1") == 0; }
bool haveNetns() { return std::system("unshare -rn true >/dev/null 2>&1") == 0; }

/// A workspace with code that does harm if anything imports, runs or installs it: every way
/// would create `marker`.
void writeBooby(const TempDir& dir, const fs::path& marker) {
  std::string touch = "open('" + marker.string() + "', 'w').write('ran')\n";
  fs::copy(agentlens::testing::sourceDir() / "examples/shop-prototype", dir.path, fs::copy_options::recursive);
  dir.write("conftest.py", "import os\n" + touch);
  dir.write("setup.py", touch + "from setuptools import setup\nsetup(name='x')\n");
  dir.write("sitecustomize.py", touch);
  dir.write("package.json", "{\"name\": \"x\", \"scripts\": {\"preinstall\": \"touch " + marker.string() +
                                "\", \"test\": \"touch " + marker.string() + "\"}, \"dependencies\": {\"express\": \"^4.18.0\"}}\n");
  dir.write("Makefile", "all:\n\ttouch " + marker.string() + "\n");
  dir.write(".git/hooks/post-checkout", "#!/bin/sh\ntouch " + marker.string() + "\n");
  dir.write("run.sh", "#!/bin/sh\ntouch " + marker.string() + "\n");
  fs::permissions(dir.path / "run.sh", fs::perms::owner_exec, fs::perm_options::add);
  fs::permissions(dir.path / ".git/hooks/post-checkout", fs::perms::owner_exec, fs::perm_options::add);
  dir.write("go.mod", "module x\n\ngo 1.19\n");
  dir.write("gen.go", "//go:generate touch " + marker.string() + "\npackage main\n");
}

/// A short language-server session over stdio: open a file, ask for code actions and the
/// readiness, shut down.
std::string lspSession(const TempDir& dir) {
  std::string uri = "file://" + (dir.path / "app.py").string();
  std::string frames;
  auto add = [&](const json& m) { frames += agentlens::testing::wire::contentLengthFrame(m.dump()); };
  add({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"},
       {"params", {{"processId", nullptr}, {"rootUri", "file://" + dir.str()}, {"capabilities", json::object()}}}});
  add({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  add({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
       {"params", {{"textDocument", {{"uri", uri}, {"languageId", "python"}, {"version", 1}, {"text", slurp(dir.path / "app.py")}}}}}});
  add({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "agentlens/readiness"}, {"params", nullptr}});
  add({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "shutdown"}, {"params", nullptr}});
  add({{"jsonrpc", "2.0"}, {"method", "exit"}, {"params", nullptr}});
  fs::path in = dir.path.parent_path() / (dir.path.filename().string() + ".frames");
  std::ofstream(in, std::ios::binary) << frames;
  return in.string();
}

/// Lines of an strace log (`-f -o`) that match `pattern`.
std::vector<std::string> traced(const fs::path& log, const std::regex& pattern) {
  std::vector<std::string> hits;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, pattern)) hits.push_back(line);
  return hits;
}

}  // namespace

TEST_SUITE("hostile") {
  TEST_CASE("workspace code is never executed, imported or installed: one execve, no marker") {
    if (!haveStrace()) {
      MESSAGE("skipped: strace is not installed or may not trace here (scripts/setup.sh --test installs it)");
      return;
    }
    TempDir dir("isolation-exec");
    TempDir out("isolation-exec-out");
    fs::path marker = out.path / "marker";
    writeBooby(dir, marker);
    fs::path log = out.path / "check.strace";
    // `check --fix` too: it writes files, and must still run nothing.
    std::string cli = "strace -f -qq -e trace=execve,execveat -o " + q(log) + " " + AGENTLENS_BINARY +
                      " check --no-cache --fix --format json " + q(dir.path) + " >/dev/null 2>&1";
    CHECK(std::system(cli.c_str()) != -1);
    auto execs = traced(log, std::regex(R"(execve(at)?\()"));
    INFO("execve calls: ", json(execs).dump());
    CHECK(execs.size() == 1);  // the binary itself
    CHECK(!fs::exists(marker));

    fs::path lspLog = out.path / "lsp.strace";
    std::string lsp = "strace -f -qq -e trace=execve,execveat -o " + q(lspLog) + " " + AGENTLENS_BINARY + " lsp < " +
                      q(lspSession(dir)) + " >" + q(out.path / "lsp.out") + " 2>&1";
    CHECK(std::system(lsp.c_str()) != -1);
    CHECK(slurp(out.path / "lsp.out").find("\"id\":2") != std::string::npos);  // the session ran
    auto lspExecs = traced(lspLog, std::regex(R"(execve(at)?\()"));
    INFO("server execve calls: ", json(lspExecs).dump());
    CHECK(lspExecs.size() == 1);
    CHECK(!fs::exists(marker));
  }

  TEST_CASE("no network: no internet socket is ever opened, and results are the same without a network") {
    TempDir dir("isolation-net");
    TempDir out("isolation-net-out");
    writeBooby(dir, out.path / "marker");
    if (haveStrace()) {
      fs::path log = out.path / "net.strace";
      std::string cli = "strace -f -qq -e trace=socket,connect -o " + q(log) + " " + AGENTLENS_BINARY +
                        " check --no-cache --format json " + q(dir.path) + " >/dev/null 2>&1";
      CHECK(std::system(cli.c_str()) != -1);
      fs::path lspLog = out.path / "lsp-net.strace";
      std::string lsp = "strace -f -qq -e trace=socket,connect -o " + q(lspLog) + " " + AGENTLENS_BINARY + " lsp < " +
                        q(lspSession(dir)) + " >/dev/null 2>&1";
      CHECK(std::system(lsp.c_str()) != -1);
      for (const auto& l : {log, lspLog}) {
        auto inet = traced(l, std::regex(R"(AF_INET|AF_INET6|AF_NETLINK|sin_port|sin6_port)"));
        INFO(l.filename().string(), ": ", json(inet).dump());
        CHECK(inet.empty());
      }
    } else {
      MESSAGE("skipped the system-call check: strace is not installed");
    }
    if (!haveNetns()) {
      MESSAGE("skipped the network-namespace comparison: unshare -rn is not permitted here");
      return;
    }
    auto normal = runBinary("check --no-cache --format json " + q(dir.path));
    auto isolated = runBinary("check --no-cache --format json " + q(dir.path), 120, "unshare -rn ");
    INFO("stderr without network: ", isolated.err.substr(0, 1000));
    REQUIRE(isolated.exitCode == normal.exitCode);
    json a = json::parse(normal.out), b = json::parse(isolated.out);
    CHECK(a["findings"].size() > 20);
    CHECK(a["findings"] == b["findings"]);
    CHECK(a["summary"] == b["summary"]);
    CHECK(a["readiness"] == b["readiness"]);
  }

  TEST_CASE("a workspace of 100,000 files: scanned completely") {
    TempDir dir("isolation-100k");
    for (int d = 0; d < 100; ++d) {
      fs::path sub = dir.path / ("pkg" + std::to_string(d));
      fs::create_directories(sub);
      for (int f = 0; f < 1000; ++f) {
        std::ofstream(sub / ("m" + std::to_string(f) + ".py"), std::ios::binary)
            << (f == 0 ? "try:\n    x = 1\nexcept:\n    pass\n" : "x = " + std::to_string(f) + "\n");
      }
    }
    auto r = runBinary("check --no-cache --format json " + q(dir.path), 900);
    INFO("stderr: ", r.err.substr(0, 1000));
    CHECK(r.exitCode == 1);  // findings, no crash
    json j = json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    CHECK(j["summary"]["files"] == 100000);
    std::size_t swallowed = 0;
    for (const auto& f : j["findings"]) swallowed += f["rule"] == "swallowed-exception";
    CHECK(swallowed == 100);  // one per package: every file was really analysed
  }
}
