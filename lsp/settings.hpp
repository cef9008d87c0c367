// Editor settings (section "agentlens"): from initializationOptions, workspace/configuration and
// didChangeConfiguration. Deliberately small: .agentlens.toml (the config work) owns project
// configuration; these are per-user editor overrides. Documented in docs/protocol.md.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/analyzer.hpp"
#include "core/finding.hpp"
#include "core/project_model.hpp"
#include "core/score/readiness.hpp"
#include "lsp/noise.hpp"
#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {

struct Settings {
  bool enable = true;                          ///< false: no diagnostics at all
  std::vector<std::string> select;             ///< rule ids or categories; empty = every rule
  std::vector<std::string> ignore;             ///< rule ids or categories removed after select
  std::map<std::string, core::Level> severity; ///< rule id → reported level
  /// "workspace": diagnostics for every indexed file; "openFiles": only open documents.
  std::string diagnosticsScope = "workspace";
  /// How much is sent as diagnostics (lsp/noise.hpp): errors, warnings or all.
  InlineLevel inlineLevel = InlineLevel::All;
  std::string docsBaseUrl = "https://github.com/agentlens/agentlens/blob/main/docs/rules/";
  friend bool operator==(const Settings&, const Settings&) = default;
};

/// Reads settings leniently: unknown keys are ignored; a wrong type is reported in `warnings`
/// and leaves the default (a bad setting must not disable the server).
Settings parseSettings(const json& v, std::vector<std::string>& warnings);

/// A rule as the server presents it (docs for hover, category for selection).
struct RuleInfo {
  std::string id;
  std::string category;
  std::string summary;
  std::string docs;  ///< markdown with the fixed headings
};

/// What the front end wires in: the rules live outside lsp/ (lsp → core only).
struct ServerEnvironment {
  std::vector<RuleInfo> rules;  ///< file rules and workspace checks
  /// What the readiness score needs to know about each rule (same ids as `rules`).
  std::vector<core::RuleInfo> scoreRules;
  /// Builds the analyzer for a rule selection (ids already resolved from categories).
  std::function<std::shared_ptr<const core::Analyzer>(const std::vector<std::string>& ruleIds)> makeAnalyzer;
  /// Opens a workspace root's project (config files found as `agentlens check` finds them,
  /// custom rules, baseline) with `client` (the editor's select/ignore) applied after every
  /// config file, as the CLI applies its flags. Empty = no project configuration.
  std::function<std::shared_ptr<core::ProjectModel>(const std::string& root, const core::ConfigLayer& client)> openProject;
};

/// The editor's select/ignore as a configuration layer (applied last, like CLI flags).
core::ConfigLayer clientLayer(const Settings& s);

/// Resolves select/ignore (ids or categories) to rule ids.
std::vector<std::string> selectedRules(const Settings& s, const std::vector<RuleInfo>& rules);

}  // namespace agentlens::lsp
