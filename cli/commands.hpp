// The CLI's commands over the core API. CLI11 stays in main.cpp; these take plain options.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace agentlens::cli {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";  // text | json | sarif | html
  std::string output;           // "" = stdout
  std::string failOn;           // error | warning | info | hint | none; "" = config's fail-on, else error
  bool verbose = false;
  bool quiet = false;
  std::string color = "auto";   // auto | always | never
  unsigned threads = 0;
  // Configuration (mirrors the config file; applied after it).
  std::vector<std::string> select, extendSelect, ignore;  // comma-separated values allowed
  std::string config;           // --config FILE: use it for every file instead of discovery
  // Baseline.
  std::string baseline;         // --baseline FILE ("" = <root>/.agentlens-baseline.json when present)
  bool noBaseline = false;
  bool writeBaseline = false;   // --write-baseline [FILE]
  std::string writeBaselineFile;
  bool pruneBaseline = false;
  bool noCache = false;  // --no-cache: analyse every file, read and write no cache entry
  bool stats = false;    // --stats: print index statistics to stderr
  std::optional<double> failUnder;  // exit 1 when the overall score is below ("" = config's [score] fail-under)
  std::string compare;              // previous JSON report: show the score delta
  bool fix = false;                 // apply Safe fixes, then report what remains
  double parseTimeoutSeconds = 5;   // per-file parse budget; 0 = none
  std::uint64_t maxFileBytes = 2 * 1024 * 1024;  // larger files are skipped
  std::string since;                // git ref: new code only (cli/since.hpp), with the score delta
};

struct ConfigShowOptions {
  std::string path = ".";
  std::string config;
  std::vector<std::string> select, extendSelect, ignore;
};

struct PlanOptions {
  std::vector<std::string> paths;
  bool prompt = false;              // print the AI hand-off instead of the plan
  std::string format = "text";      // text | json
  unsigned threads = 0;
};

struct ServicesOptions {
  std::vector<std::string> paths;
  std::string format = "text";  // text | json
  unsigned threads = 0;
};
/// `agentlens services`: the services of a workspace (a folder with a manifest and a server
/// entry point), one per line or as JSON for a CI matrix; the root alone when none is found.
int runServices(const ServicesOptions& opts);

/// Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error.
int runCheck(const CheckOptions& opts);
int runConfigShow(const ConfigShowOptions& opts);
int runPlan(const PlanOptions& opts);
int runRules(const std::string& format);
int runExplain(const std::string& ruleId);
int runDumpTree(const std::string& path);
/// Writes docs/rules/<id>.md for every rule and check, plus an index (README.md).
int runGenDocs(const std::string& dir);
/// `agentlens facts PATH...`: the Facts of each file as JSON.
int runFacts(const std::vector<std::string>& paths);

struct LspOptions {
  std::string listen;          // "127.0.0.1:PORT": one TCP client instead of stdio
  std::string logFile;         // "" = stderr
  std::string inputStyle = "standard";  // standard | delimited (hand-written transcripts)
  std::size_t maxMessageBytes = 64u << 20;
  unsigned threads = 0;
};
/// The language server (cli/lsp_command.cpp). Exit 0 only after shutdown + exit.
int runLsp(const LspOptions& opts);

struct McpOptions {
  std::string root;      // workspace root ("" = the current directory)
  unsigned threads = 0;
  bool noCache = false;
};
/// The MCP server over stdio (cli/mcp_command.cpp). Exit 0 at end of input.
int runMcp(const McpOptions& opts);

struct HookOptions {
  std::string agent;  // claude-code | cursor | generic
  std::string since;  // the ref the change is compared with ("" = HEAD)
  std::string root;   // the project root ("" = the payload's cwd / workspace root, else the current directory)
};
/// Agent hooks (cli/hook_command.cpp): 0 fine, 2 the change added a blocker (the agent must act),
/// 1 the payload or the workspace could not be checked.
int runHook(const HookOptions& opts);

struct InitOptions {
  std::string agent;                   // claude-code | cursor | codex
  std::string root;                    // project directory ("" = the current directory)
  std::string command = "agentlens";   // how the agent starts AgentLens (a path when not on PATH)
};
/// Writes the agent's MCP and hook configuration, merged into existing files (cli/init_command.cpp).
/// 0 done, 2 a file could not be parsed or written (it is left unchanged).
int runInit(const InitOptions& opts);

}  // namespace agentlens::cli
