// `agentlens init --agent …` through the real binary (suite "hooks"): the files it writes, merging
// into existing ones without changing or duplicating entries, and refusing files it cannot parse.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "e2e/proc.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
using agentlens::testing::q;
using agentlens::testing::runBinary;
using agentlens::testing::slurp;
using agentlens::testing::TempDir;

json readJson(const std::filesystem::path& p) { return json::parse(slurp(p)); }

}  // namespace

TEST_SUITE("hooks") {

TEST_CASE("init --agent claude-code: .mcp.json and .claude/settings.json, merged, idempotent") {
  TempDir dir("init-claude");
  dir.write(".mcp.json", R"({"mcpServers": {"db": {"command": "db-mcp"}}})");
  dir.write(".claude/settings.json",
            R"j({"permissions": {"allow": ["Bash(ls)"]}, "hooks": {"PostToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "audit"}]}]}})j");
  auto r = runBinary("init --agent claude-code --root " + q(dir.path));
  REQUIRE_MESSAGE(r.exitCode == 0, r.err);
  CHECK(r.out.find(".mcp.json: updated (MCP server agentlens)") != std::string::npos);
  json mcp = readJson(dir.path / ".mcp.json");
  CHECK(mcp["mcpServers"]["db"]["command"] == "db-mcp");
  CHECK(mcp["mcpServers"]["agentlens"] == json({{"command", "agentlens"}, {"args", {"mcp"}}}));
  json settings = readJson(dir.path / ".claude" / "settings.json");
  CHECK(settings["permissions"]["allow"][0] == "Bash(ls)");
  REQUIRE(settings["hooks"]["PostToolUse"].size() == 2);
  CHECK(settings["hooks"]["PostToolUse"][0]["hooks"][0]["command"] == "audit");
  CHECK(settings["hooks"]["PostToolUse"][1]["matcher"] == "Edit|Write|MultiEdit");
  CHECK(settings["hooks"]["PostToolUse"][1]["hooks"][0]["command"] == "agentlens hook claude-code");
  CHECK(settings["hooks"]["Stop"][0]["hooks"][0]["command"] == "agentlens hook claude-code");

  auto again = runBinary("init --agent claude-code --root " + q(dir.path));
  CHECK(again.exitCode == 0);
  CHECK(again.out.find(".mcp.json: unchanged") != std::string::npos);
  CHECK(again.out.find("settings.json: unchanged") != std::string::npos);
  CHECK(readJson(dir.path / ".claude" / "settings.json") == settings);
}

TEST_CASE("init --agent cursor: .cursor/mcp.json and .cursor/hooks.json") {
  TempDir dir("init-cursor");
  auto r = runBinary("init --agent cursor --command /opt/agentlens/bin/agentlens --root " + q(dir.path));
  REQUIRE_MESSAGE(r.exitCode == 0, r.err);
  CHECK(readJson(dir.path / ".cursor" / "mcp.json")["mcpServers"]["agentlens"]["command"] == "/opt/agentlens/bin/agentlens");
  json hooks = readJson(dir.path / ".cursor" / "hooks.json");
  CHECK(hooks["version"] == 1);
  CHECK(hooks["hooks"]["afterFileEdit"][0]["command"] == "/opt/agentlens/bin/agentlens hook cursor");
  CHECK(hooks["hooks"]["stop"][0]["command"] == "/opt/agentlens/bin/agentlens hook cursor");
}

TEST_CASE("init --agent codex appends to config.toml, keeping what is there; broken files are left alone") {
  TempDir home("init-codex");
  std::string original = "# my settings\nmodel = \"o3\"\n\n[mcp_servers.db]\ncommand = \"db-mcp\"\n";
  home.write("config.toml", original);
  std::string env = "CODEX_HOME=" + q(home.path) + " ";
  auto r = runBinary("init --agent codex", 60, env);
  REQUIRE_MESSAGE(r.exitCode == 0, r.err);
  std::string text = slurp(home.path / "config.toml");
  CHECK(text.starts_with(original));
  CHECK(text.find("[mcp_servers.agentlens]\ncommand = \"agentlens\"\nargs = [\"mcp\"]\n") != std::string::npos);
  CHECK(runBinary("init --agent codex", 60, env).out.find("unchanged") != std::string::npos);
  CHECK(slurp(home.path / "config.toml") == text);

  home.write("config.toml", "model = [unclosed\n");
  auto bad = runBinary("init --agent codex", 60, env);
  CHECK(bad.exitCode == 2);
  CHECK(bad.err.find("not valid TOML") != std::string::npos);
  CHECK(slurp(home.path / "config.toml") == "model = [unclosed\n");

  TempDir dir("init-bad-json");
  dir.write(".mcp.json", "{ not json");
  auto badJson = runBinary("init --agent claude-code --root " + q(dir.path));
  CHECK(badJson.exitCode == 2);
  CHECK(badJson.err.find("not a JSON object; left unchanged") != std::string::npos);
  CHECK(slurp(dir.path / ".mcp.json") == "{ not json");
  dir.write(".mcp.json", R"({"mcpServers": []})");
  CHECK(runBinary("init --agent claude-code --root " + q(dir.path)).exitCode == 2);
  CHECK(slurp(dir.path / ".mcp.json") == R"({"mcpServers": []})");
}

}  // TEST_SUITE

TEST_SUITE("hooks") {

TEST_CASE("the Claude Code plugin (editors/claude-code) names the commands init writes") {
  std::filesystem::path dir = std::filesystem::path(AGENTLENS_SOURCE_DIR) / "editors" / "claude-code";
  json manifest = readJson(dir / ".claude-plugin" / "plugin.json");
  CHECK(manifest["name"] == "agentlens");
  CHECK(readJson(dir / ".mcp.json")["mcpServers"]["agentlens"] == json({{"command", "agentlens"}, {"args", {"mcp"}}}));
  json hooks = readJson(dir / "hooks" / "hooks.json")["hooks"];
  CHECK(hooks["PostToolUse"][0]["matcher"] == "Edit|Write|MultiEdit");
  CHECK(hooks["PostToolUse"][0]["hooks"][0]["command"] == "agentlens hook claude-code");
  CHECK(hooks["Stop"][0]["hooks"][0]["command"] == "agentlens hook claude-code");
  json lsp = readJson(dir / ".lsp.json")["agentlens"];
  CHECK(lsp["args"] == json({"lsp"}));
  CHECK(lsp["extensionToLanguage"][".py"] == "python");
}

}  // TEST_SUITE
