// Configuration: `.agentlens.toml` at any directory level and `[tool.agentlens]` in pyproject.toml,
// resolved per file (the nearest config file wins, like Ruff), plus the CLI's flags on top.
// Bad configuration never fails silently: every problem becomes an `invalid-config` finding on
// the config file itself, with its line, and the rest of the file still applies.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/finding.hpp"

namespace agentlens::core {

/// Ids of the diagnostics AgentLens reports about its own inputs (config files, custom rule files,
/// suppression comments). Their metadata lives in rules/configuration/ like any rule; the score
/// should leave them out (they are about the tool's setup, not the service's readiness).
inline constexpr std::string_view kInvalidConfigRule = "invalid-config";
inline constexpr std::string_view kInvalidSuppressionRule = "invalid-suppression";
inline constexpr std::string_view kUnusedSuppressionRule = "unused-suppression";
bool isToolDiagnostic(std::string_view ruleId);

/// A rule as configuration sees it: enough to validate names and resolve categories.
struct KnownRule {
  std::string id;
  Category category = Category::ErrorHandling;
  std::vector<std::string> options;  ///< option keys the rule reads (`[rules.<id>] key = …`)
};

/// A per-rule option value (`[rules.<id>] max-depth = 3`).
using OptionValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

/// Severity and options for one rule id or category in one layer.
struct RuleSettings {
  std::optional<Severity> severity;
  std::map<std::string, OptionValue, std::less<>> options;
};

/// One source of settings: a config file's top level, one of its `[[overrides]]`, or the CLI.
struct ConfigLayer {
  std::vector<std::string> paths;  ///< [[overrides]] only: globs relative to the config's directory
  std::vector<std::string> select;       ///< replaces the enabled set when non-empty
  std::vector<std::string> extendSelect; ///< adds to it
  std::vector<std::string> ignore;       ///< removes from it
  std::map<std::string, RuleSettings, std::less<>> rules;  ///< keyed by rule id or category
};

/// `[services]`: which folders are scored as services. `declare` replaces detection (each entry a
/// folder relative to the config's directory, optionally named); `exclude` lists folder globs that
/// are never a service and whose files count for no service (they stay in the repository roll-up).
struct ServiceDecl {
  std::string path;  ///< relative to the config's directory, no trailing '/'; "" = the directory itself
  std::string name;  ///< "" = the folder's name
  std::string kind;  ///< "service" (default), "frontend" or "library"
};
struct ServicesConfig {
  std::vector<ServiceDecl> declare;
  std::vector<std::string> exclude;
};

/// A parsed config file (`.agentlens.toml` or the `[tool.agentlens]` table of pyproject.toml).
struct ConfigFile {
  std::string path;  ///< absolute
  std::string dir;   ///< absolute directory: globs are relative to it
  ConfigLayer base;
  std::vector<ConfigLayer> overrides;  ///< `[[overrides]]`, in file order (later wins)
  std::vector<std::string> exclude;
  std::vector<std::string> include;    ///< when non-empty, only matching files are analysed
  std::optional<double> failUnder;     ///< `[score] fail-under`
  std::optional<Level> failOn;         ///< `fail-on`
  ServicesConfig services;             ///< `[services]`
  std::vector<Finding> diagnostics;    ///< `invalid-config` findings on this file (path = absolute)
  /// The file could not be parsed at all (TOML syntax error): none of its settings apply. A
  /// long-lived resolver (the server) then keeps the file's last good settings instead.
  bool broken = false;
  /// Set when `broken` and the settings are those of the previous good version of the file.
  bool usingLastGood = false;
};

/// Parses config text. `isPyproject` reads only `[tool.agentlens]` (and returns nullopt when the
/// table is absent: such a pyproject.toml is not a config file). Validates keys, types, rule ids
/// and categories against `known`; every problem is a diagnostic and parsing goes on.
std::optional<ConfigFile> parseConfig(const std::string& absPath, std::string_view text, bool isPyproject,
                                      const std::vector<KnownRule>& known);

/// Whether `relPath` (relative to a config's directory, '/'-separated) matches a config glob.
/// A glob without '/' matches any path component (`migrations`, `*.gen.py`); one with '/' is
/// anchored at the config's directory (`scripts/**`, `src/legacy/*.py`).
bool configGlobMatch(std::string_view glob, std::string_view relPath);

/// The effective configuration for one file. Cheap to build; immutable; shared across threads.
class FileConfig {
 public:
  /// All rules on, default severities, nothing excluded.
  static std::shared_ptr<const FileConfig> defaults();

  [[nodiscard]] bool enabled(std::string_view ruleId, Category category) const;
  /// The configured severity of a rule (rule-id settings beat category settings), if any.
  [[nodiscard]] std::optional<Severity> severity(std::string_view ruleId, Category category) const;
  /// A rule option, or nullptr.
  [[nodiscard]] const OptionValue* option(std::string_view ruleId, std::string_view key) const;

  [[nodiscard]] bool excluded() const { return !excludedBy_.empty(); }
  [[nodiscard]] const std::string& excludedBy() const { return excludedBy_; }
  [[nodiscard]] std::optional<double> failUnder() const { return file_ ? file_->failUnder : std::nullopt; }
  [[nodiscard]] std::optional<Level> failOn() const { return file_ ? file_->failOn : std::nullopt; }
  /// The config file in effect (null = none found) and the override globs that matched.
  [[nodiscard]] const ConfigFile* source() const { return file_.get(); }
  [[nodiscard]] const std::vector<std::string>& matchedOverrides() const { return matchedOverrides_; }
  /// A canonical text of everything that changes analysis results (selection, severities and
  /// options of every layer, in order): part of the result cache key. Equal configurations give
  /// equal fingerprints whatever file they came from.
  [[nodiscard]] std::string fingerprint() const;

  // Built by ConfigResolver.
  FileConfig(std::shared_ptr<const ConfigFile> file, std::shared_ptr<const ConfigLayer> cli,
             std::vector<const ConfigLayer*> layers, std::vector<std::string> matchedOverrides, std::string excludedBy)
      : file_(std::move(file)), cli_(std::move(cli)), layers_(std::move(layers)),
        matchedOverrides_(std::move(matchedOverrides)), excludedBy_(std::move(excludedBy)) {}

 private:
  std::shared_ptr<const ConfigFile> file_;       // keeps layers_ alive
  std::shared_ptr<const ConfigLayer> cli_;       // idem for the CLI layer
  std::vector<const ConfigLayer*> layers_;       // base, matched overrides, CLI; in order
  std::vector<std::string> matchedOverrides_;
  std::string excludedBy_;
};

struct ResolverOptions {
  /// `--config FILE`: use this file for every path instead of discovering the nearest one.
  std::string explicitConfig;
  /// `--select` / `--ignore` / `--extend-select`: applied after every config file.
  ConfigLayer cli;
};

/// Finds and caches config files, resolves the effective configuration for any path, and
/// notices changes. Thread-safe (one internal mutex): the server may call it from any thread.
///
/// Server use: `resolve(path)` per analysed document; on `didChangeWatchedFiles` for a
/// `.agentlens.toml`/`pyproject.toml`, or periodically, call `refresh()`: when it returns true,
/// re-resolve and re-analyse. `diagnostics()` lists the `invalid-config` findings of every config
/// file loaded so far (publish them on those files).
class ConfigResolver {
 public:
  ConfigResolver(std::vector<KnownRule> known, ResolverOptions opts = {});

  /// Effective configuration for a file (absolute or relative to the current directory).
  std::shared_ptr<const FileConfig> resolve(const std::string& path);
  /// The config file governing `path`'s directory, or nullptr (exposed for `config --show`).
  std::shared_ptr<const ConfigFile> configFor(const std::string& path);
  /// `invalid-config` findings of all config files loaded so far (absolute paths), sorted.
  [[nodiscard]] std::vector<Finding> diagnostics() const;
  /// Re-stats every loaded or looked-for config file; forgets what changed. True when anything did.
  bool refresh();
  /// Forgets everything (e.g. a config file was created somewhere).
  void clear();
  [[nodiscard]] const std::vector<KnownRule>& known() const { return known_; }

 private:
  struct Stamp {
    bool exists = false;
    std::int64_t mtime = 0;
    std::uint64_t size = 0;
    friend bool operator==(const Stamp&, const Stamp&) = default;
  };
  static Stamp stampOf(const std::string& path);
  std::shared_ptr<const ConfigFile> load(const std::string& path, bool pyproject);  // mu_ held
  std::shared_ptr<const ConfigFile> nearest(const std::string& dir);               // mu_ held

  std::vector<KnownRule> known_;
  std::string explicitConfig_;
  std::shared_ptr<const ConfigLayer> cli_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const ConfigFile>> files_;  // by path (null: not a config)
  std::map<std::string, Stamp> stamps_;                             // every path we looked at
  std::map<std::string, std::shared_ptr<const ConfigFile>> byDir_;  // dir -> nearest config
  // The last version of each config file that parsed (survives refresh()): what a file with a
  // syntax error falls back to, so a half-typed edit never switches every rule back on.
  std::map<std::string, std::shared_ptr<const ConfigFile>> lastGood_;
};

/// Human-readable effective configuration of `path` (`agentlens config --show`).
std::string describeConfig(const FileConfig& config, const std::vector<KnownRule>& known, const std::string& path);

/// Splits comma-separated CLI values ("a,b" "c") into items.
std::vector<std::string> splitList(const std::vector<std::string>& values);

}  // namespace agentlens::core
