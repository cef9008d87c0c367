// `agentlens hook claude-code|cursor|generic`: the check-before-done loop for coding agents.
// Each agent runs the command with its hook payload (JSON) on stdin; AgentLens reports what the
// agent's change introduced against HEAD (project/change_delta.hpp: the same scan as `check`).
//
// Claude Code: PostToolUse (Edit, Write, MultiEdit) → the new findings in the edited file; Stop →
//   the delta of the whole change. Exit 2 with the findings on stderr (which Claude reads and
//   acts on) only when the change added a blocker; otherwise exit 0 with a one-line summary.
//   Stop respects `stop_hook_active` (never blocks twice in a row: no endless loop).
// Cursor: afterFileEdit → summary on stderr (Cursor cannot block after an edit); stop → when
//   the change added a blocker, {"followup_message": …} on stdout, which Cursor sends to the agent.
// generic --since REF: the working tree against REF, exit 2 when the change added a blocker.
// A payload that cannot be used (bad JSON, no git work tree) is exit 1 with a reason on stderr:
// a non-blocking error for the agents, never a false block.
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "project/change_delta.hpp"

namespace agentlens::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Outcome {
  int exitCode = 0;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

std::string findingLine(const core::Finding& f) {
  return fmt::format("  {}:{} {} [{}] {}\n", f.path, f.start.line + 1, f.ruleId, core::severityName(f.severity), f.message);
}

std::string scoreText(const project::ChangeDelta& d) {
  if (!d.before.applicable || !d.after.applicable) return "";
  double delta = d.after.overall - d.before.overall;
  return fmt::format("readiness {:.1f} → {:.1f} ({}{:.1f})", d.before.overall, d.after.overall, delta >= 0 ? "+" : "", delta);
}

/// The change's delta as text: the new blockers (what must be fixed), then a summary line.
struct Report {
  std::size_t blockers = 0;
  std::string blockerText;  ///< the blocking findings, one per line, with an instruction
  std::string summary;      ///< one line
};

Report describe(const project::ChangeDelta& d, const std::string& scope) {
  Report r;
  std::string rest;
  for (const auto& f : d.introduced) {
    if (project::isBlocker(f)) {
      ++r.blockers;
      r.blockerText += findingLine(f);
    }
  }
  if (r.blockers)
    r.blockerText = fmt::format("AgentLens: {} introduced {} blocker{} (fix before you finish; `agentlens explain RULE` "
                                "says why and how):\n",
                                scope, r.blockers, r.blockers == 1 ? "" : "s") +
                    r.blockerText;
  r.summary = fmt::format("AgentLens: {}: {} new finding{}, {} fixed", scope, d.introduced.size(),
                          d.introduced.size() == 1 ? "" : "s", d.fixed.size());
  if (auto s = scoreText(d); !s.empty()) r.summary += ", " + s;
  r.summary += "\n";
  for (const auto& f : d.introduced)
    if (!project::isBlocker(f)) rest += findingLine(f);
  if (!rest.empty()) r.summary += rest;
  return r;
}

std::optional<project::ChangeDelta> delta(const std::string& root, const std::string& ref,
                                          std::vector<std::string> files, Outcome& o) {
  project::ChangeRequest req;
  req.root = root;
  req.ref = ref;
  req.files = std::move(files);
  std::string error;
  auto d = project::changeDelta(req, error);
  if (!d) {
    o.exitCode = 1;
    o.err = "agentlens: hook: " + error + "\n";
  }
  return d;
}

/// `path` relative to `root` when inside it.
std::optional<std::string> insideRoot(const std::string& root, const std::string& path) {
  std::error_code ec;
  fs::path p = fs::path(path).is_absolute() ? fs::path(path) : fs::path(root) / path;
  auto canon = fs::weakly_canonical(p, ec);
  auto base = fs::weakly_canonical(root, ec);
  auto rel = canon.lexically_relative(base);
  if (ec || rel.empty() || *rel.begin() == "..") return std::nullopt;
  return rel.generic_string();
}

/// A change to one edited file: its new findings; blockers block.
Outcome afterEdit(const std::string& root, const std::string& file, const std::string& ref, bool canBlock) {
  Outcome o;
  auto rel = insideRoot(root, file);
  if (!rel) return o;  // not in this project: nothing to say
  auto d = delta(root, ref, {*rel}, o);
  if (!d) return o;
  Report r = describe(*d, *rel);
  if (r.blockers && canBlock) {
    o.exitCode = 2;
    o.err = r.blockerText;
  } else {
    o.out = r.blockerText + r.summary;
  }
  return o;
}

Outcome claudeCode(const json& p, const std::string& ref) {
  // The project is CLAUDE_PROJECT_DIR (set by Claude Code for hooks); the payload's cwd follows
  // the session's `cd`, which may be a subdirectory.
  const char* projectDir = std::getenv("CLAUDE_PROJECT_DIR");
  std::string root = projectDir && *projectDir ? projectDir : p.value("cwd", std::string());
  if (root.empty()) root = fs::current_path().string();
  std::string event = p.value("hook_event_name", std::string());
  if (event == "PostToolUse") {
    std::string tool = p.value("tool_name", std::string());
    if (tool != "Edit" && tool != "Write" && tool != "MultiEdit") return {};
    const json input = p.value("tool_input", json::object());
    std::string file = input.is_object() ? input.value("file_path", std::string()) : std::string();
    if (file.empty()) return {1, "", "agentlens: hook: PostToolUse payload without tool_input.file_path\n"};
    return afterEdit(root, file, ref, true);
  }
  if (event == "Stop" || event == "SubagentStop") {
    Outcome o;
    auto d = delta(root, ref, {}, o);
    if (!d) return o;
    Report r = describe(*d, "this change");
    // Blocking a Stop makes Claude continue; when it is already continuing because of a Stop
    // hook, report without blocking again.
    if (r.blockers && !p.value("stop_hook_active", false)) {
      o.exitCode = 2;
      o.err = r.blockerText;
    } else {
      o.out = r.blockerText + r.summary;
    }
    return o;
  }
  return {};  // other events: nothing to check
}

Outcome cursor(const json& p, const std::string& ref) {
  std::string root;
  if (p.contains("workspace_roots") && p["workspace_roots"].is_array() && !p["workspace_roots"].empty() &&
      p["workspace_roots"][0].is_string())
    root = p["workspace_roots"][0];
  if (root.empty()) root = fs::current_path().string();
  std::string event = p.value("hook_event_name", std::string());
  if (event == "afterFileEdit") {
    std::string file = p.value("file_path", std::string());
    if (file.empty()) return {1, "", "agentlens: hook: afterFileEdit payload without file_path\n"};
    // Cursor does not act on an afterFileEdit reply: report on stderr (its hook log).
    Outcome o = afterEdit(root, file, ref, false);
    o.err += o.out;
    o.out = "{}\n";
    return o;
  }
  if (event == "stop") {
    Outcome o;
    auto d = delta(root, ref, {}, o);
    if (!d) return o;
    Report r = describe(*d, "this change");
    json reply = json::object();
    if (r.blockers && p.value("status", std::string("completed")) == "completed") reply["followup_message"] = r.blockerText;
    o.out = reply.dump() + "\n";
    o.err = r.summary;
    return o;
  }
  return {0, "{}\n", ""};
}

}  // namespace

int runHook(const HookOptions& opts) {
  Outcome o;
  if (opts.agent == "generic") {
    std::string root = opts.root.empty() ? fs::current_path().string() : opts.root;
    auto d = delta(root, opts.since.empty() ? "HEAD" : opts.since, {}, o);
    if (d) {
      Report r = describe(*d, "the change since " + (opts.since.empty() ? std::string("HEAD") : opts.since));
      o.out = r.summary;
      if (r.blockers) {
        o.exitCode = 2;
        o.err = r.blockerText;
      }
    }
  } else {
    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    json payload = json::parse(input, nullptr, false);
    if (!payload.is_object()) {
      o = {1, "", "agentlens: hook: stdin is not a JSON hook payload\n"};
    } else {
      if (!opts.root.empty()) {
        ::setenv("CLAUDE_PROJECT_DIR", opts.root.c_str(), 1);  // --root wins over the payload
        payload["cwd"] = opts.root;
        payload["workspace_roots"] = json::array({opts.root});
      }
      std::string ref = opts.since.empty() ? "HEAD" : opts.since;
      o = opts.agent == "claude-code" ? claudeCode(payload, ref) : cursor(payload, ref);
    }
  }
  std::cout << o.out;
  std::cout.flush();
  std::cerr << o.err;
  return o.exitCode;
}

}  // namespace agentlens::cli
