// The rule unit: metadata and docs, the node types it visits, the check, and its fix.
// One rule = one file under rules/<category>/, listed once in rules/registry.cpp.
#pragma once
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/facts/facts.hpp"
#include "core/finding.hpp"
#include "core/parsed_file.hpp"
#include "core/score/readiness.hpp"

namespace agentlens::rules {

/// A set of languages as a bit mask (Lang is a small enum).
class LangSet {
 public:
  constexpr LangSet() = default;
  constexpr LangSet(std::initializer_list<core::Lang> ls) {
    for (auto l : ls) bits_ |= 1u << static_cast<unsigned>(l);
  }
  constexpr void add(core::Lang l) { bits_ |= 1u << static_cast<unsigned>(l); }
  [[nodiscard]] constexpr bool has(core::Lang l) const { return bits_ & (1u << static_cast<unsigned>(l)); }
  [[nodiscard]] std::vector<core::Lang> list() const;

 private:
  unsigned bits_ = 0;
};
/// Python, JavaScript, TypeScript, TSX and Go.
inline constexpr LangSet kAllCode{core::Lang::Python, core::Lang::JavaScript, core::Lang::TypeScript,
                                  core::Lang::Tsx, core::Lang::Go};
inline constexpr LangSet kJsFamily{core::Lang::JavaScript, core::Lang::TypeScript, core::Lang::Tsx};

/// A set of file (or function) roles as a bit mask: the code a rule judges.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<core::FileRole> rs) {
    for (auto r : rs) bits_ |= 1u << static_cast<unsigned>(r);
  }
  [[nodiscard]] constexpr bool has(core::FileRole r) const { return bits_ & (1u << static_cast<unsigned>(r)); }
  [[nodiscard]] constexpr bool all() const { return bits_ == (1u << core::kFileRoleCount) - 1; }
  static constexpr RoleSet every() {
    RoleSet s;
    s.bits_ = (1u << core::kFileRoleCount) - 1;
    return s;
  }

 private:
  unsigned bits_ = 0;
};
/// Every role: the default, for rules that judge all code they can parse.
inline constexpr RoleSet kAnyRole = RoleSet::every();
/// Code that runs in a deployed service: server modules, application modules and settings.
/// Not tests, scripts and CLIs, migrations and seeds, browser code, tooling config or generated code.
inline constexpr RoleSet kServiceCode{core::FileRole::Server, core::FileRole::Library, core::FileRole::Config};

/// How a rule is scored (rule catalog §0): presence rules lose points per finding; density rules
/// score the share of eligible sites that violate (sites counted with RuleContext::countSite()).
enum class ScoreMode : std::uint8_t { Presence, Density };

struct RuleMeta {
  std::string_view id;  ///< public, stable, kebab-case
  core::Category category;
  core::Severity severity;        ///< default severity (a finding may raise or lower it)
  core::Confidence confidence;    ///< default confidence
  LangSet languages;
  /// The roles of code the rule judges. The engine applies it: a file whose role is not in the
  /// set is not analysed by the rule, and a finding inside a function whose own role is known
  /// and not in the set (a CLI command in a server module) is dropped. Rules do not check the
  /// file role themselves.
  RoleSet roles = kAnyRole;
  std::string_view summary;       ///< one line: what it finds
  /// Markdown with the headings "## What it does", "## Why is this bad?", "## Example" and,
  /// for fixable rules, "## Fix safety"; "## References" last. Shown by explain, hover, docs/.
  std::string_view docs;
  std::optional<core::Applicability> fix;  ///< the best fix it offers, if any
  ScoreMode mode = ScoreMode::Presence;
  /// A gate rule caps its category's score while a finding is open (hardcoded-secret, SQL
  /// injection, weak JWT verification, …; catalog §5.2).
  bool gate = false;
  /// Action-plan title in the user's words ("Secrets out of code"); "" = the summary.
  std::string_view planTitle = "";
  /// Effort to resolve without a quick fix (catalog §6): S local edit, M cross-file or new
  /// middleware, L infrastructure or process.
  core::Effort effort = core::Effort::S;
  /// Workspace checks: rules whose findings are symptoms of this missing piece (root-cause
  /// folding: the symptoms are not charged again while the check fails).
  std::initializer_list<std::string_view> subsumes = {};
  /// Option keys the rule reads with RuleContext::option() (`[rules.<id>] key = value` in the
  /// config); any other key there is reported as invalid config.
  std::span<const std::string_view> options{};
};

/// Per-file scratch state of one rule (candidates collected in visit(), decided in finish()).
struct RuleState {
  virtual ~RuleState() = default;
};

class RuleContext;

class Rule {
 public:
  virtual ~Rule() = default;
  [[nodiscard]] virtual const RuleMeta& meta() const = 0;
  /// Grammar node types this rule wants to see, for a language it supports.
  [[nodiscard]] virtual std::vector<std::string_view> nodeTypes(core::Lang) const { return {}; }
  /// Called in the single pre-order traversal for each node of a requested type.
  /// Must be thread-safe: rules are shared, per-file data lives in RuleState.
  virtual void visit(ts::Node, RuleContext&) const {}
  /// Called once after the traversal (facts are complete by then).
  virtual void finish(RuleContext&) const {}
  [[nodiscard]] virtual std::unique_ptr<RuleState> makeState() const { return nullptr; }
};

/// What a rule sees while it runs over one file. Valid only during analyze().
class RuleContext {
 public:
  RuleContext(const core::ParsedFile& file, const core::Facts& facts) : file_(file), facts_(facts) {}

  [[nodiscard]] const core::ParsedFile& file() const { return file_; }
  [[nodiscard]] std::string_view source() const { return file_.source(); }
  [[nodiscard]] core::Lang lang() const { return file_.lang; }
  [[nodiscard]] const core::Facts& facts() const { return facts_; }
  [[nodiscard]] std::string_view text(ts::Node n) const { return n.text(file_.source()); }

  /// Ancestors of the node being visited, outermost (the root) first, its parent last.
  /// Empty in finish().
  [[nodiscard]] std::span<const ts::Node> ancestors() const { return ancestors_; }
  /// The innermost ancestor whose type is one of `types`, or a null node.
  [[nodiscard]] ts::Node nearestAncestor(std::initializer_list<std::string_view> types) const;

  /// Starts a finding of the running rule at `node` (or a byte range), with the rule's default
  /// severity and confidence; adjust the returned reference before the rule returns.
  core::Finding& report(ts::Node node, std::string message);
  core::Finding& report(core::ByteRange range, std::string message);

  /// The running rule's option `key` from the file's configuration, or nullptr (use the default).
  [[nodiscard]] const core::OptionValue* option(std::string_view key) const {
    return config_ ? config_->option(rule_->meta().id, key) : nullptr;
  }

  /// Counts one eligible site for the running rule (the denominator of density scoring).
  void countSite(std::uint32_t n = 1) { sites_[current_] += n; }

  template <typename T>
  T& state() {
    return static_cast<T&>(*states_[current_]);
  }

  // ---- engine-only below ----
  void setConfig(const core::FileConfig* config) { config_ = config; }
  void setRule(const Rule* rule, std::size_t index) {
    rule_ = rule;
    current_ = index;
  }
  std::vector<ts::Node>& ancestorStack() { return ancestors_; }
  std::vector<std::unique_ptr<RuleState>>& states() { return states_; }
  std::vector<core::Finding>& findings() { return findings_; }
  std::vector<std::uint32_t>& sites() { return sites_; }

 private:
  const core::ParsedFile& file_;
  const core::Facts& facts_;
  const Rule* rule_ = nullptr;
  const core::FileConfig* config_ = nullptr;
  std::size_t current_ = 0;
  std::vector<ts::Node> ancestors_;
  std::vector<std::unique_ptr<RuleState>> states_;
  std::vector<core::Finding> findings_;
  std::vector<std::uint32_t> sites_;
};

}  // namespace agentlens::rules
