// agentlens: the command-line front end. The only translation unit that includes CLI11.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "agentlens/version.hpp"
#include "cli/commands.hpp"

int main(int argc, char** argv) {
  // Logs go to stderr, never stdout (stdout carries reports and, for `lsp`, the protocol).
  auto logger = spdlog::stderr_color_mt("agentlens");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::warn);

  CLI::App app{"AgentLens: production-readiness checks for web services (Python, JS/TS, Go)", "agentlens"};
  app.set_version_flag("--version", std::string("agentlens ") + agentlens::kVersion);
  app.require_subcommand(1);
  std::string logLevel = "warn";
  app.add_option("--log-level", logLevel, "trace, debug, info, warn, error or off")->capture_default_str();

  agentlens::cli::CheckOptions check;
  auto* cmdCheck = app.add_subcommand("check", "Scan files or directories and report production-readiness gaps");
  cmdCheck->add_option("paths", check.paths, "Files or directories (default: .)");
  cmdCheck->add_option("--format", check.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "html"}))
      ->capture_default_str();
  cmdCheck->add_option("-o,--output", check.output, "Write the report to a file instead of stdout");
  cmdCheck->add_option("--fail-on", check.failOn, "Exit 1 when a finding is at or above this level (default: the config's fail-on, else error)")
      ->check(CLI::IsMember({"error", "warning", "info", "hint", "none"}));
  cmdCheck->add_flag("-v,--verbose", check.verbose, "List skipped paths and why");
  cmdCheck->add_flag("-q,--quiet", check.quiet, "No progress output");
  cmdCheck->add_option("--color", check.color, "Colour text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmdCheck->add_option("-j,--threads", check.threads, "Worker threads (default: one per core)");
  cmdCheck->add_option("--select", check.select, "Only these rules or categories (comma-separated; after the config)")->allow_extra_args(false)->delimiter(',');
  cmdCheck->add_option("--extend-select", check.extendSelect, "Also these rules or categories")->allow_extra_args(false)->delimiter(',');
  cmdCheck->add_option("--ignore", check.ignore, "Not these rules or categories")->allow_extra_args(false)->delimiter(',');
  cmdCheck->add_option("--config", check.config, "Use this config file for every path instead of the nearest .agentlens.toml");
  cmdCheck->add_option("--baseline", check.baseline, "Baseline file (default: <root>/.agentlens-baseline.json when present)");
  cmdCheck->add_flag("--no-baseline", check.noBaseline, "Ignore the baseline: report every finding");
  auto* wb = cmdCheck->add_option("--write-baseline", check.writeBaselineFile,
                                  "Record the current findings as the baseline (default file: the --baseline one)");
  wb->expected(0, 1);
  cmdCheck->add_flag("--prune-baseline", check.pruneBaseline, "Drop fixed entries from the baseline file");
  cmdCheck->add_flag("--no-cache", check.noCache, "Do not read or write the result cache (AGENTLENS_CACHE_DIR, XDG)");
  cmdCheck->add_flag("--stats", check.stats, "Print files by language and role, timings, cache hits and routes to stderr");
  cmdCheck->add_option("--fail-under", check.failUnder, "Exit 1 when the readiness score is below this (0-100; default: the config's [score] fail-under)")
      ->check(CLI::Range(0.0, 100.0));
  cmdCheck->add_option("--compare", check.compare, "A previous JSON report: show the score delta");
  cmdCheck->add_flag("--fix", check.fix, "Apply the safe fixes to the files, then report what remains");
  cmdCheck->add_option("--parse-timeout", check.parseTimeoutSeconds, "Seconds a file may take to parse, and again to analyse, before it is skipped (0 = no limit)")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  cmdCheck->add_option("--since", check.since, "Only findings on lines changed since this git ref, plus those the change introduced; score delta against it");
  cmdCheck->add_option("--max-file-size", check.maxFileBytes, "Skip files larger than this many bytes")
      ->capture_default_str();

  agentlens::cli::PlanOptions plan;
  auto* cmdPlan = app.add_subcommand("plan", "Print the prioritized action plan (or AI hand-offs with --prompt)");
  cmdPlan->add_option("paths", plan.paths, "Files or directories (default: .)");
  cmdPlan->add_flag("--prompt", plan.prompt, "Print the AI hand-off for the whole plan");
  cmdPlan->add_option("--format", plan.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmdPlan->add_option("-j,--threads", plan.threads, "Worker threads (default: one per core)");

  agentlens::cli::ServicesOptions services;
  auto* cmdServices = app.add_subcommand("services", "List the services of a workspace (for a CI matrix: one job per service)");
  cmdServices->add_option("paths", services.paths, "Directories (default: .)");
  cmdServices->add_option("--format", services.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmdServices->add_option("-j,--threads", services.threads, "Worker threads (default: one per core)");

  agentlens::cli::ConfigShowOptions configShow;
  bool showFlag = false;
  auto* cmdConfig = app.add_subcommand("config", "Show the effective configuration for a path");
  cmdConfig->add_flag("--show", showFlag, "Print the effective configuration (the default action)");
  cmdConfig->add_option("path", configShow.path, "File or directory (default: .)");
  cmdConfig->add_option("--config", configShow.config, "Use this config file instead of the nearest one");
  cmdConfig->add_option("--select", configShow.select, "As for check")->allow_extra_args(false)->delimiter(',');
  cmdConfig->add_option("--extend-select", configShow.extendSelect, "As for check")->allow_extra_args(false)->delimiter(',');
  cmdConfig->add_option("--ignore", configShow.ignore, "As for check")->allow_extra_args(false)->delimiter(',');

  std::string rulesFormat = "text";
  auto* cmdRules = app.add_subcommand("rules", "List the rules: id, category, severity, languages, fixable");
  cmdRules->add_option("--format", rulesFormat, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::string explainId;
  auto* cmdExplain = app.add_subcommand("explain", "Print a rule's documentation");
  cmdExplain->add_option("rule", explainId, "Rule id, e.g. swallowed-exception")->required();

  std::string docsDir = "docs/rules";
  auto* cmdDocs = app.add_subcommand("gen-docs", "Write the rule documentation pages (docs/rules)");
  cmdDocs->add_option("dir", docsDir, "Output directory")->capture_default_str();
  cmdDocs->group("");

  std::vector<std::string> factsPaths;
  auto* cmdFacts = app.add_subcommand("facts", "Print what the index knows about files (routes, env reads, …) as JSON");
  cmdFacts->add_option("paths", factsPaths, "Files or directories (default: .)");

  agentlens::cli::LspOptions lsp;
  auto* cmdLsp = app.add_subcommand("lsp", "Run the language server (JSON-RPC over stdio)");
  bool lspStdio = true;
  cmdLsp->add_flag("--stdio", lspStdio, "Use stdin/stdout (the default)");
  cmdLsp->add_option("--listen", lsp.listen, "Accept one client on HOST:PORT instead of stdio (e.g. 127.0.0.1:2087)");
  cmdLsp->add_option("--log-file", lsp.logFile, "Write logs to this file instead of stderr");
  cmdLsp->add_option("--input-style", lsp.inputStyle, "standard (Content-Length) or delimited (--- between messages)")
      ->check(CLI::IsMember({"standard", "delimited"}));
  cmdLsp->add_option("--max-message-bytes", lsp.maxMessageBytes, "Reject larger messages")->capture_default_str();
  cmdLsp->add_option("-j,--threads", lsp.threads, "Analysis threads (default: one per core)");

  agentlens::cli::McpOptions mcp;
  auto* cmdMcp = app.add_subcommand("mcp", "Run the MCP server for coding agents (JSON-RPC over stdio)");
  cmdMcp->add_option("--root", mcp.root, "Workspace root: paths outside it are refused (default: the current directory)");
  cmdMcp->add_option("-j,--threads", mcp.threads, "Scan threads (default: one per core)");
  cmdMcp->add_flag("--no-cache", mcp.noCache, "Do not read or write the result cache");

  agentlens::cli::HookOptions hook;
  auto* cmdHook = app.add_subcommand("hook", "Agent hook: report what the agent's change introduced (payload on stdin)");
  cmdHook->add_option("agent", hook.agent, "claude-code, cursor, or generic (no payload)")
      ->required()
      ->check(CLI::IsMember({"claude-code", "cursor", "generic"}));
  cmdHook->add_option("--since", hook.since, "Git ref the change is compared with (default: HEAD)");
  cmdHook->add_option("--root", hook.root, "Project root (default: from the payload, else the current directory)");

  agentlens::cli::InitOptions init;
  auto* cmdInit = app.add_subcommand("init", "Configure a coding agent to use AgentLens (MCP server, hooks), merging into existing files");
  cmdInit->add_option("--agent", init.agent, "claude-code, cursor or codex")
      ->required()
      ->check(CLI::IsMember({"claude-code", "cursor", "codex"}));
  cmdInit->add_option("--root", init.root, "Project directory (default: the current directory)");
  cmdInit->add_option("--command", init.command, "How the agent runs AgentLens (default: agentlens on PATH)")
      ->capture_default_str();

  std::string dumpPath;
  auto* cmdDump = app.add_subcommand("dump-tree", "Print a file's syntax tree (for rule authors)");
  cmdDump->add_option("file", dumpPath)->required();
  cmdDump->group("");  // hidden from --help

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  auto level = spdlog::level::from_str(logLevel);
  spdlog::set_level(level);

  try {
    if (*cmdCheck) {
      check.writeBaseline = wb->count() > 0;
      return agentlens::cli::runCheck(check);
    }
    if (*cmdPlan) return agentlens::cli::runPlan(plan);
    if (*cmdServices) return agentlens::cli::runServices(services);
    if (*cmdConfig) return agentlens::cli::runConfigShow(configShow);
    if (*cmdRules) return agentlens::cli::runRules(rulesFormat);
    if (*cmdExplain) return agentlens::cli::runExplain(explainId);
    if (*cmdDocs) return agentlens::cli::runGenDocs(docsDir);
    if (*cmdFacts) return agentlens::cli::runFacts(factsPaths);
    if (*cmdDump) return agentlens::cli::runDumpTree(dumpPath);
    if (*cmdLsp) return agentlens::cli::runLsp(lsp);
    if (*cmdMcp) return agentlens::cli::runMcp(mcp);
    if (*cmdHook) return agentlens::cli::runHook(hook);
    if (*cmdInit) return agentlens::cli::runInit(init);
  } catch (const std::exception& e) {
    std::cerr << "agentlens: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
