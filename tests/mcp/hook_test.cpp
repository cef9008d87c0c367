// Agent hooks through the real binary (suite "hooks"): Claude Code and Cursor payloads in their
// documented shapes on stdin, and the generic mode; exit status, stdout and stderr.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "e2e/proc.hpp"
#include "project/git.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
using agentlens::testing::q;
using agentlens::testing::runBinary;
using agentlens::testing::TempDir;
namespace fs = std::filesystem;

const char* kBlocker = "\nSTRIPE_KEY = \"sk_live_4eC39HqLyjWDarjtT1zdp7dcXYZab\"\n";
const char* kMinor = "\ndef risky():\n    try:\n        run()\n    except:\n        pass\n";

struct Project {
  TempDir dir{"hook"};
  Project() {
    dir.write("app.py", "import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef ping():\n    return 'ok'\n");
    git({"init", "-q"});
    git({"add", "-A"});
    git({"-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init"});
  }
  void git(const std::vector<std::string>& args) const {
    auto r = agentlens::project::runGit(dir.str(), args);
    REQUIRE_MESSAGE(r.status == 0, r.err);
  }
  void append(const std::string& rel, const std::string& text) const {
    std::ofstream(dir.path / rel, std::ios::app | std::ios::binary) << text;
  }
  /// Runs `agentlens hook ARGS` with `payload` on stdin.
  [[nodiscard]] agentlens::testing::ProcResult hook(const std::string& args, const json& payload) const {
    auto file = dir.path.parent_path() / (dir.path.filename().string() + ".payload.json");
    std::ofstream(file, std::ios::binary | std::ios::trunc) << payload.dump();
    // CLAUDE_PROJECT_DIR empty: the payload decides, even when the tests run inside Claude Code.
    auto r = runBinary("hook " + args + " <" + q(file), 60,
                       "CLAUDE_PROJECT_DIR= AGENTLENS_CACHE_DIR=" + q(dir.path / ".cache") + " ");
    fs::remove(file);
    return r;
  }
  [[nodiscard]] json claudeEdit(const std::string& tool, const std::string& rel) const {
    return {{"session_id", "s1"},
            {"transcript_path", "/tmp/t.jsonl"},
            {"cwd", dir.str()},
            {"hook_event_name", "PostToolUse"},
            {"tool_name", tool},
            {"tool_input", {{"file_path", (dir.path / rel).string()}, {"old_string", "a"}, {"new_string", "b"}}},
            {"tool_response", {{"success", true}}}};
  }
  [[nodiscard]] json claudeStop(bool active) const {
    return {{"session_id", "s1"}, {"cwd", dir.str()}, {"hook_event_name", "Stop"}, {"stop_hook_active", active}};
  }
  [[nodiscard]] json cursor(const std::string& event, const std::string& rel = "") const {
    json p = {{"conversation_id", "c1"}, {"generation_id", "g1"}, {"hook_event_name", event},
              {"workspace_roots", {dir.str()}}};
    if (!rel.empty()) {
      p["file_path"] = (dir.path / rel).string();
      p["edits"] = json::array({{{"old_string", "a"}, {"new_string", "b"}}});
    }
    if (event == "stop") p["status"] = "completed";
    return p;
  }
};

}  // namespace

TEST_SUITE("hooks") {

TEST_CASE("claude-code PostToolUse: a new blocker exits 2 with it on stderr, masked; other findings exit 0") {
  Project p;
  auto clean = p.hook("claude-code", p.claudeEdit("Edit", "app.py"));
  CHECK(clean.exitCode == 0);
  CHECK(clean.out.find("0 new findings") != std::string::npos);

  p.append("app.py", kMinor);
  auto minor = p.hook("claude-code", p.claudeEdit("MultiEdit", "app.py"));
  CHECK(minor.exitCode == 0);
  CHECK(minor.out.find("swallowed-exception") != std::string::npos);
  CHECK(minor.err.empty());

  p.append("app.py", kBlocker);
  auto blocked = p.hook("claude-code", p.claudeEdit("Write", "app.py"));
  CHECK(blocked.exitCode == 2);
  CHECK(blocked.err.find("hardcoded-secret") != std::string::npos);
  CHECK(blocked.err.find("app.py:") != std::string::npos);
  CHECK(blocked.err.find("sk_live_4eC39HqLyjWDarjtT1zdp7dcXYZab") == std::string::npos);

  // The project is CLAUDE_PROJECT_DIR when Claude Code sets it (the payload's cwd may be a
  // subdirectory the session cd'ed into).
  fs::create_directories(p.dir.path / "sub");
  json fromSub = p.claudeEdit("Write", "app.py");
  fromSub["cwd"] = (p.dir.path / "sub").string();
  auto file = p.dir.path.parent_path() / (p.dir.path.filename().string() + ".sub.json");
  std::ofstream(file) << fromSub.dump();
  auto sub = runBinary("hook claude-code <" + q(file), 60,
                       "CLAUDE_PROJECT_DIR=" + q(p.dir.path) + " AGENTLENS_CACHE_DIR=" + q(p.dir.path / ".cache") + " ");
  fs::remove(file);
  CHECK(sub.exitCode == 2);
  CHECK(sub.err.find("hardcoded-secret") != std::string::npos);

  // Other tools and files outside the project are not checked.
  CHECK(p.hook("claude-code", p.claudeEdit("Read", "app.py")).exitCode == 0);
  json outside = p.claudeEdit("Edit", "app.py");
  outside["tool_input"]["file_path"] = "/etc/hosts";
  auto o = p.hook("claude-code", outside);
  CHECK(o.exitCode == 0);
  CHECK(o.out.empty());
}

TEST_CASE("claude-code Stop: the change's delta; blocks once, never while stop_hook_active") {
  Project p;
  auto clean = p.hook("claude-code", p.claudeStop(false));
  CHECK(clean.exitCode == 0);
  CHECK(clean.out.find("this change: 0 new findings, 0 fixed") != std::string::npos);
  p.dir.write("billing.py", std::string("import os\n") + kBlocker);
  auto blocked = p.hook("claude-code", p.claudeStop(false));
  CHECK(blocked.exitCode == 2);
  CHECK(blocked.err.find("billing.py:") != std::string::npos);
  CHECK(blocked.err.find("blocker") != std::string::npos);
  auto again = p.hook("claude-code", p.claudeStop(true));
  CHECK(again.exitCode == 0);
  CHECK(again.out.find("hardcoded-secret") != std::string::npos);
}

TEST_CASE("cursor afterFileEdit and stop: a followup_message for new blockers") {
  Project p;
  p.append("app.py", kBlocker);
  auto edit = p.hook("cursor", p.cursor("afterFileEdit", "app.py"));
  CHECK(edit.exitCode == 0);
  CHECK(json::parse(edit.out) == json::object());
  CHECK(edit.err.find("hardcoded-secret") != std::string::npos);
  auto stop = p.hook("cursor", p.cursor("stop"));
  CHECK(stop.exitCode == 0);
  json reply = json::parse(stop.out);
  REQUIRE(reply.contains("followup_message"));
  CHECK(reply["followup_message"].get<std::string>().find("hardcoded-secret") != std::string::npos);
  p.git({"checkout", "-q", "--", "app.py"});
  CHECK(json::parse(p.hook("cursor", p.cursor("stop")).out) == json::object());
}

TEST_CASE("generic --since REF, bad payloads and workspaces outside git") {
  Project p;
  p.append("app.py", kBlocker);
  auto r = runBinary("hook generic --since HEAD --root " + q(p.dir.path), 60,
                     "AGENTLENS_CACHE_DIR=" + q(p.dir.path / ".cache") + " ");
  CHECK(r.exitCode == 2);
  CHECK(r.out.find("the change since HEAD: ") != std::string::npos);
  CHECK(r.err.find("hardcoded-secret") != std::string::npos);
  auto badRef = runBinary("hook generic --since no-such-ref --root " + q(p.dir.path));
  CHECK(badRef.exitCode == 1);
  CHECK(badRef.err.find("unknown git ref") != std::string::npos);

  auto notJson = runBinary("hook claude-code </dev/null");
  CHECK(notJson.exitCode == 1);
  CHECK(notJson.err.find("not a JSON hook payload") != std::string::npos);
  TempDir plain("hook-nogit");
  json stop = {{"hook_event_name", "Stop"}, {"cwd", plain.str()}};
  auto file = plain.path / "payload.json";
  std::ofstream(file) << stop.dump();
  auto nogit = runBinary("hook claude-code <" + q(file), 60, "CLAUDE_PROJECT_DIR= ");
  CHECK(nogit.exitCode == 1);
  CHECK(nogit.err.find("not a git work tree") != std::string::npos);
}

}  // TEST_SUITE
