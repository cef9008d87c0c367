#include "rules/engine.hpp"

#include "core/cancel.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "agentlens/version.hpp"
#include "core/facts/builder.hpp"
#include "core/suppression.hpp"
#include "core/ts/walk.hpp"
#include "rules/common/secret_mask.hpp"
#include "rules/common/syntax.hpp"
#include "rules/custom/custom_rules.hpp"

namespace agentlens::rules {

namespace {
/// Deepest node (counted in ancestors) the rules are shown. Real code stays far below: a deeply
/// nested JSX tree or a long method chain is a few hundred levels.
constexpr std::size_t kMaxRuleDepth = 1000;

/// Whether a rule judging `roles` may apply to a file, from its prelude facts. The file role is
/// final only after FactsBuilder::finish(), which turns a library, script or config module that
/// registers routes into a server module: such a file runs the rules that judge servers, and
/// their findings are dropped at the end if it stayed what it was. A function with a role of its
/// own (a Next.js `getServerSideProps` in a browser page) runs the rules of that role.
bool rolesMayApply(RoleSet roles, const core::Facts& prelude) {
  using core::FileRole;
  FileRole r = prelude.role;
  if (roles.has(r)) return true;
  if (roles.has(FileRole::Server) && (r == FileRole::Library || r == FileRole::Script || r == FileRole::Config))
    return true;
  return std::any_of(prelude.functionRoles.begin(), prelude.functionRoles.end(),
                     [&](const core::RoleSpan& s) { return roles.has(s.role); });
}

/// Drops the findings of rules whose roles exclude the role of the code they point at (the
/// innermost function with a role of its own, else the file's final role); returns which rules
/// judge the file itself (their eligible sites count).
std::vector<std::uint8_t> applyRoles(const std::vector<const Rule*>& rules, const std::vector<std::uint16_t>& active,
                                     const core::Facts& facts, std::vector<core::Finding>& findings) {
  std::vector<std::uint8_t> inRole(rules.size(), 1);
  std::vector<std::pair<std::string_view, RoleSet>> scoped;
  for (auto ri : active) {
    RoleSet roles = rules[ri]->meta().roles;
    if (roles.all()) continue;
    inRole[ri] = roles.has(facts.role);
    scoped.emplace_back(rules[ri]->meta().id, roles);
  }
  if (scoped.empty()) return inRole;
  std::erase_if(findings, [&](const core::Finding& f) {
    for (const auto& [id, roles] : scoped)
      if (f.ruleId == id) return !roles.has(facts.roleAt(f.range.start));
    return false;
  });
  return inRole;
}
}  // namespace

std::vector<core::Lang> LangSet::list() const {
  std::vector<core::Lang> out;
  for (std::size_t i = 0; i < core::kLangCount; ++i)
    if (has(static_cast<core::Lang>(i))) out.push_back(static_cast<core::Lang>(i));
  return out;
}

ts::Node RuleContext::nearestAncestor(std::initializer_list<std::string_view> types) const {
  for (auto it = ancestors_.rbegin(); it != ancestors_.rend(); ++it)
    for (auto t : types)
      if (it->type() == t) return *it;
  return ts::Node();
}

core::Finding& RuleContext::report(ts::Node node, std::string message) {
  return report(core::ByteRange{node.startByte(), node.endByte()}, std::move(message));
}

core::Finding& RuleContext::report(core::ByteRange range, std::string message) {
  const RuleMeta& m = rule_->meta();
  core::Finding f;
  f.ruleId = std::string(m.id);
  f.category = m.category;
  f.severity = m.severity;
  f.confidence = m.confidence;
  f.path = file_.path;
  f.range = range;
  f.message = std::move(message);
  findings_.push_back(std::move(f));
  return findings_.back();
}

Engine::Engine(std::vector<const Rule*> rules, std::shared_ptr<const CustomRuleSet> custom)
    : rules_(std::move(rules)), custom_(std::move(custom)), customStart_(rules_.size()) {
  if (custom_)
    for (const Rule* r : custom_->rules()) rules_.push_back(r);
  for (const Rule* r : rules_) {
    core::KnownRule info{std::string(r->meta().id), r->meta().category, {}};
    for (auto o : r->meta().options) info.options.emplace_back(o);
    known_.push_back(std::move(info));
  }
  for (std::size_t li = 0; li < core::kLangCount; ++li) {
    auto lang = static_cast<core::Lang>(li);
    Dispatch& d = dispatch_[li];
    const TSLanguage* g = ts::grammar(lang);
    if (g) d.bySymbol.resize(ts_language_symbol_count(g));
    for (std::size_t ri = 0; ri < rules_.size(); ++ri) {
      if (!rules_[ri]->meta().languages.has(lang)) continue;
      d.active.push_back(static_cast<std::uint16_t>(ri));
      if (!g) continue;
      for (std::string_view type : rules_[ri]->nodeTypes(lang)) {
        // Several symbols can share a name (aliases): route all of them.
        for (TSSymbol s = 0; s < d.bySymbol.size(); ++s) {
          if (ts_language_symbol_type(g, s) != TSSymbolTypeRegular) continue;
          if (type == ts_language_symbol_name(g, s)) d.bySymbol[s].push_back(static_cast<std::uint16_t>(ri));
        }
      }
    }
  }
}

Engine::~Engine() = default;

std::string Engine::fingerprint() const {
  std::string fp = std::string(kRulesetVersion) + ":";
  for (const Rule* r : rules_) {
    fp += r->meta().id;
    fp += ',';
  }
  // A custom rule is data: an edited query, message or fix under the same id changes results.
  if (custom_)
    for (const Rule* r : custom_->rules()) {
      const auto& d = static_cast<const QueryRule*>(r)->def();
      fp += fmt::format("|{}:{}:{}:{}:{}:{}:{}:{}:{}", d.id, static_cast<int>(d.category), static_cast<int>(d.severity),
                        static_cast<int>(d.confidence), d.languages.size(), d.message.size(), d.message, d.query,
                        d.fix ? *d.fix : std::string("\x01"));
      for (auto l : d.languages) fp += std::to_string(static_cast<int>(l)) + ',';
      fp += std::to_string(static_cast<int>(d.fixSafety));
    }
  return fp;
}

core::FileResult Engine::analyze(const core::ParsedFile& file) const {
  return analyze(file, *core::FileConfig::defaults());
}

core::FileResult Engine::analyze(const core::ParsedFile& file, const core::FileConfig& config) const {
  auto t0 = std::chrono::steady_clock::now();
  NodeMemoScope memoScope;  // per-node memos of the shared rule helpers, for this tree only
  core::FileResult result;
  result.path = file.path;
  result.lang = file.lang;
  core::FactsBuilder facts(file, result.facts);
  facts.begin();

  const Dispatch& d = dispatch_[static_cast<std::size_t>(file.lang)];
  RuleContext ctx(file, result.facts);
  ctx.setConfig(&config);
  // Which rules run for this file: enabled by the configuration (a few string compares per rule:
  // config selectors are short lists, far below the cost of the parse; so no per-config cache)
  // and judging code of this file's role.
  std::vector<std::uint8_t> on(rules_.size(), 0);
  std::vector<std::uint16_t> active;
  active.reserve(d.active.size());
  for (auto ri : d.active)
    if (config.enabled(rules_[ri]->meta().id, rules_[ri]->meta().category) &&
        rolesMayApply(rules_[ri]->meta().roles, result.facts)) {
      on[ri] = 1;
      active.push_back(ri);
    }
  const bool customOn = custom_ && std::any_of(on.begin() + static_cast<std::ptrdiff_t>(customStart_), on.end(),
                                               [](std::uint8_t b) { return b != 0; });
  auto& states = ctx.states();
  states.resize(rules_.size());
  ctx.sites().assign(rules_.size(), 0);
  for (auto ri : active) states[ri] = rules_[ri]->makeState();

  if (file.tree.valid() && !d.bySymbol.empty()) {
    // One traversal: facts first (so a rule inside a handler already knows the route), then the
    // rules registered for the node's grammar symbol.
    // A superseded analysis (the user typed on) stops early; its caller drops the result.
    std::uint32_t sinceCheck = 0;
    bool cancelled = false;
    ts::walkWithAncestors(file.tree.root(), ctx.ancestorStack(), [&](ts::Node node, const std::vector<ts::Node>& stack) {
      if (cancelled || (++sinceCheck % 512 == 0 && (cancelled = core::cancelRequested()))) return;
      facts.visit(node, stack);
      // Rules look up their ancestors (enclosing handler, function, try); below this depth
      // each lookup would cost the whole stack and a 100,000-deep expression turned the pass
      // quadratic (minutes). No hand-written code nests this deep; generated code is not
      // what the rules judge.
      if (stack.size() > kMaxRuleDepth) return;
      TSSymbol sym = node.symbol();
      if (customOn && custom_->wantsSymbol(file.lang, sym)) custom_->visit(node, file, ctx, customStart_, on);
      if (sym >= d.bySymbol.size()) return;
      for (auto ri : d.bySymbol[sym]) {
        if (!on[ri]) continue;
        ctx.setRule(rules_[ri], ri);
        rules_[ri]->visit(node, ctx);
      }
    });
  }
  facts.finish();
  if (customOn) custom_->run(file, ctx, customStart_, on);
  for (auto ri : active) {
    ctx.setRule(rules_[ri], ri);
    rules_[ri]->finish(ctx);
  }
  result.findings = std::move(ctx.findings());
  const std::vector<std::uint8_t> inRole = applyRoles(rules_, active, result.facts, result.findings);
  for (auto ri : active)
    if (ctx.sites()[ri] && inRole[ri]) result.sites.emplace_back(std::string(rules_[ri]->meta().id), ctx.sites()[ri]);
  for (auto& f : result.findings)
    if (auto sev = config.severity(f.ruleId, f.category)) f.severity = *sev;
  finalizeFindings(file, result.findings);
  std::size_t before = result.findings.size();
  core::applySuppressions(file, result.findings, known_, config);
  if (result.findings.size() != before)
    std::stable_sort(result.findings.begin(), result.findings.end(), [](const core::Finding& a, const core::Finding& b) {
      if (a.range.start != b.range.start) return a.range.start < b.range.start;
      return a.ruleId < b.ruleId;
    });
  result.analyzeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return result;
}


void finalizeFindings(const core::ParsedFile& file, std::vector<core::Finding>& findings) {
  auto src = file.source();
  auto size = static_cast<std::uint32_t>(src.size());
  // Every secret any finding marked: another finding on the same line (or quoting the value)
  // must not show it either.
  const std::vector<core::ByteRange> secrets = sensitiveRanges(findings, size);
  for (auto& f : findings) {
    f.range.start = std::min(f.range.start, size);
    f.range.end = std::clamp(f.range.end, f.range.start, size);
    f.start = file.lines.toPosition(f.range.start, core::PositionEncoding::Utf32);
    f.end = file.lines.toPosition(f.range.end, core::PositionEncoding::Utf32);
    std::uint32_t ls = file.lines.lineStart(f.start.line);
    std::string excerpt(file.lines.lineText(f.start.line));
    maskSensitive(excerpt, src, secrets, ls);
    maskSensitive(f.message, src, secrets);
    for (auto& fix : f.fixes) maskSensitive(fix.title, src, secrets);
    if (f.sensitive && f.sensitive->end <= size && f.sensitive->start < f.sensitive->end) {
      // The finding's own fix never writes its secret anywhere (it moves it out of the code).
      std::string_view secret = src.substr(f.sensitive->start, f.sensitive->end - f.sensitive->start);
      for (auto& fix : f.fixes)
        for (auto& edit : fix.edits) maskOccurrences(edit.text, secret);
    }
    for (auto& fix : f.fixes)
      for (auto& edit : fix.edits)
        if (edit.kind == core::TextEdit::Kind::Replace && edit.path.empty()) {
          edit.range.start = std::min(edit.range.start, size);
          edit.range.end = std::clamp(edit.range.end, edit.range.start, size);
          edit.start = file.lines.toPosition(edit.range.start, core::PositionEncoding::Utf32);
          edit.end = file.lines.toPosition(edit.range.end, core::PositionEncoding::Utf32);
        }
    if (excerpt.size() > 400) excerpt = excerpt.substr(0, 400) + "…";
    f.excerpt = std::move(excerpt);
  }
  std::stable_sort(findings.begin(), findings.end(), [](const core::Finding& a, const core::Finding& b) {
    if (a.range.start != b.range.start) return a.range.start < b.range.start;
    return a.ruleId < b.ruleId;
  });
}

}  // namespace agentlens::rules
