// `agentlens init --agent claude-code|cursor|codex`: writes the agent's configuration for the MCP
// server and the hooks, merged into the files that are already there. Existing entries are never
// changed or removed: an `agentlens` server already configured is left as it is, a hook command
// already present is not added twice, and a file that cannot be parsed is not touched at all
// (exit 2). JSON keeps its key order; TOML is appended to as text, so comments stay.
// The one translation unit that includes toml++ outside core/config.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <toml++/toml.h>

#include "cli/commands.hpp"

namespace agentlens::cli {
namespace {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::optional<std::string> readText(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Failure(p.string() + ": cannot read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Temp file in the same directory, then rename: a crash never leaves a half-written config.
void writeText(const fs::path& p, const std::string& text) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  fs::path tmp = p.parent_path() / ("." + p.filename().string() + ".agentlens-" + std::to_string(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!(out << text) || !out.flush()) throw Failure(p.string() + ": cannot write");
  }
  fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw Failure(p.string() + ": cannot write");
  }
}

/// Merges into a JSON file: `edit` adds what is missing and returns what it added ("" = nothing).
void mergeJson(const fs::path& p, const std::function<std::string(ojson&)>& edit) {
  auto text = readText(p);
  ojson doc = ojson::object();
  if (text && text->find_first_not_of(" \t\r\n") != std::string::npos) {
    doc = ojson::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) throw Failure(p.string() + ": not a JSON object; left unchanged");
  }
  std::string added = edit(doc);
  if (added.empty()) {
    std::cout << p.string() << ": unchanged (already configured)\n";
    return;
  }
  writeText(p, doc.dump(2) + "\n");
  std::cout << p.string() << ": " << (text ? "updated" : "created") << " (" << added << ")\n";
}

/// `obj[key]` as an object of the expected type, created when missing.
ojson& objectAt(ojson& obj, const char* key, const fs::path& p) {
  if (!obj.contains(key)) obj[key] = ojson::object();
  if (!obj[key].is_object()) throw Failure(p.string() + ": \"" + key + "\" is not an object; left unchanged");
  return obj[key];
}
ojson& arrayAt(ojson& obj, const std::string& key, const fs::path& p) {
  if (!obj.contains(key)) obj[key] = ojson::array();
  if (!obj[key].is_array()) throw Failure(p.string() + ": \"" + key + "\" is not an array; left unchanged");
  return obj[key];
}

/// mcpServers.agentlens unless a server of that name exists (Claude Code's .mcp.json, Cursor's
/// .cursor/mcp.json share this shape).
std::string addMcpServer(ojson& doc, const std::string& command, const fs::path& p) {
  ojson& servers = objectAt(doc, "mcpServers", p);
  if (servers.contains("agentlens")) return "";
  servers["agentlens"] = {{"command", command}, {"args", {"mcp"}}};
  return "MCP server agentlens";
}

bool mentions(const ojson& entry, const std::string& command) { return entry.dump().find(command) != std::string::npos; }

void initClaudeCode(const fs::path& root, const std::string& bin) {
  fs::path mcp = root / ".mcp.json";
  mergeJson(mcp, [&](ojson& doc) { return addMcpServer(doc, bin, mcp); });
  fs::path settings = root / ".claude" / "settings.json";
  std::string hookCmd = bin + " hook claude-code";
  mergeJson(settings, [&](ojson& doc) {
    ojson& hooks = objectAt(doc, "hooks", settings);
    std::vector<std::string> added;
    auto add = [&](const std::string& event, const char* matcher) {
      ojson& list = arrayAt(hooks, event, settings);
      for (const auto& e : list)
        if (mentions(e, hookCmd)) return;
      ojson entry = ojson::object();
      if (matcher) entry["matcher"] = matcher;
      entry["hooks"] = ojson::array({{{"type", "command"}, {"command", hookCmd}}});
      list.push_back(entry);
      added.push_back(event + " hook");
    };
    add("PostToolUse", "Edit|Write|MultiEdit");
    add("Stop", nullptr);
    return fmt::format("{}", fmt::join(added, ", "));
  });
}

void initCursor(const fs::path& root, const std::string& bin) {
  fs::path mcp = root / ".cursor" / "mcp.json";
  mergeJson(mcp, [&](ojson& doc) { return addMcpServer(doc, bin, mcp); });
  fs::path hooksFile = root / ".cursor" / "hooks.json";
  std::string hookCmd = bin + " hook cursor";
  mergeJson(hooksFile, [&](ojson& doc) {
    if (!doc.contains("version")) doc["version"] = 1;
    ojson& hooks = objectAt(doc, "hooks", hooksFile);
    std::vector<std::string> added;
    for (const char* event : {"afterFileEdit", "stop"}) {
      ojson& list = arrayAt(hooks, event, hooksFile);
      bool present = false;
      for (const auto& e : list) present = present || mentions(e, hookCmd);
      if (present) continue;
      list.push_back({{"command", hookCmd}});
      added.push_back(std::string(event) + " hook");
    }
    return fmt::format("{}", fmt::join(added, ", "));
  });
}

/// Codex reads MCP servers from $CODEX_HOME/config.toml (default ~/.codex); it has no hooks, so
/// the agent calls check_change itself (the server's instructions say so).
void initCodex(const std::string& bin) {
  const char* home = std::getenv("CODEX_HOME");
  const char* userHome = std::getenv("HOME");
  if ((!home || !*home) && (!userHome || !*userHome)) throw Failure("neither CODEX_HOME nor HOME is set");
  fs::path config = home && *home ? fs::path(home) / "config.toml" : fs::path(userHome) / ".codex" / "config.toml";
  auto text = readText(config);
  if (text) {
    toml::table tbl;
    try {
      tbl = toml::parse(*text, config.string());
    } catch (const toml::parse_error& e) {
      throw Failure(config.string() + ": not valid TOML (" + std::string(e.description()) + "); left unchanged");
    }
    if (tbl["mcp_servers"]["agentlens"]) {
      std::cout << config.string() << ": unchanged (already configured)\n";
      return;
    }
  }
  std::string out = text.value_or("");
  if (!out.empty() && out.back() != '\n') out += '\n';
  if (!out.empty()) out += '\n';
  out += "# AgentLens: production-readiness checks for the agent (agentlens init --agent codex)\n";
  out += "[mcp_servers.agentlens]\ncommand = " + ojson(bin).dump() + "\nargs = [\"mcp\"]\n";
  writeText(config, out);
  std::cout << config.string() << ": " << (text ? "updated" : "created") << " (MCP server agentlens)\n";
}

}  // namespace

int runInit(const InitOptions& opts) {
  std::error_code ec;
  fs::path root = opts.root.empty() ? fs::current_path(ec) : fs::path(opts.root);
  if (!fs::is_directory(root, ec)) {
    std::cerr << "agentlens: init: " << root.string() << " is not a directory\n";
    return 2;
  }
  try {
    if (opts.agent == "claude-code") initClaudeCode(root, opts.command);
    else if (opts.agent == "cursor") initCursor(root, opts.command);
    else initCodex(opts.command);
  } catch (const Failure& e) {
    std::cerr << "agentlens: init: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace agentlens::cli
