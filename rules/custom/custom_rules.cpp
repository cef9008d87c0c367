#include "rules/custom/custom_rules.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <fmt/format.h>

namespace agentlens::rules {

QueryRule::QueryRule(core::CustomRuleDef def) : def_(std::move(def)) {
  docs_ = def_.docs.empty()
              ? fmt::format("## What it does\n\n{}\n\nA custom rule defined in `{}`.\n", def_.summary, def_.file)
              : def_.docs;
  LangSet langs;
  for (core::Lang l : def_.languages) langs.add(l);
  meta_ = RuleMeta{.id = def_.id,
                   .category = def_.category,
                   .severity = def_.severity,
                   .confidence = def_.confidence,
                   .languages = langs,
                   .summary = def_.summary,
                   .docs = docs_,
                   .fix = def_.fix ? std::optional(def_.fixSafety) : std::nullopt};
}

namespace {

/// The node type a pattern's text starts with, after grouping parentheses: "" for a wildcard,
/// an alternation or an anonymous (string) node.
std::string_view rootType(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == '(' || text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
    ++i;
  std::size_t j = i;
  while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
  std::string_view name = text.substr(i, j - i);
  return name == "_" ? std::string_view{} : name;
}

struct Part {
  std::string text;
  std::vector<std::uint32_t> starts;  // offset of each pattern in text
  std::vector<std::uint16_t> rules;   // its rule
  void add(std::string_view pattern, std::uint16_t rule) {
    starts.push_back(static_cast<std::uint32_t>(text.size()));
    rules.push_back(rule);
    text.append(pattern);
    text += "\n";
  }
};

}  // namespace

CustomRuleSet::CustomRuleSet(std::vector<core::CustomRuleDef> defs) {
  for (auto& d : defs) {
    owned_.push_back(std::make_unique<QueryRule>(std::move(d)));
    rules_.push_back(owned_.back().get());
  }
  for (std::size_t li = 0; li < core::kLangCount; ++li) {
    auto lang = static_cast<core::Lang>(li);
    const TSLanguage* g = ts::grammar(lang);
    if (!g) continue;
    LangQuery& lq = byLang_[li];
    Part rooted, global;
    for (std::size_t r = 0; r < owned_.size(); ++r) {
      const auto& def = owned_[r]->def();
      if (std::find(def.languages.begin(), def.languages.end(), lang) == def.languages.end()) continue;
      lq.rules.push_back(static_cast<std::uint16_t>(r));
      std::string error;
      std::uint32_t offset = 0;
      auto alone = ts::QueryProgram::compile(lang, def.query, error, offset);
      if (!alone) continue;  // validated by loadCustomRules; nothing to run
      for (std::uint32_t p = 0; p < alone->patternCount(); ++p) {
        std::uint32_t start = alone->patternStart(p);
        std::uint32_t end = ts_query_end_byte_for_pattern(alone->raw(), p);
        std::string_view text = std::string_view(def.query).substr(start, end - start);
        std::string_view root = ts_query_is_pattern_rooted(alone->raw(), p) ? rootType(text) : std::string_view{};
        bool placed = false;
        if (!root.empty()) {
          lq.rootedSymbols.resize(ts_language_symbol_count(g), 0);
          for (TSSymbol sym = 0; sym < lq.rootedSymbols.size(); ++sym)
            if (ts_language_symbol_type(g, sym) == TSSymbolTypeRegular && root == ts_language_symbol_name(g, sym)) {
              lq.rootedSymbols[sym] = 1;
              placed = true;
            }
        }
        (placed ? rooted : global).add(text, static_cast<std::uint16_t>(r));
      }
    }
    auto build = [&](Part& part, Combined& c) {
      if (part.text.empty()) return;
      std::string error;
      std::uint32_t offset = 0;
      c.program = ts::QueryProgram::compile(lang, part.text, error, offset);
      if (!c.program) return;  // each pattern compiled alone, so this cannot fail
      for (std::uint32_t p = 0; p < c.program->patternCount(); ++p) {
        auto it = std::upper_bound(part.starts.begin(), part.starts.end(), c.program->patternStart(p));
        c.patternRule.push_back(part.rules[static_cast<std::size_t>(it - part.starts.begin()) - 1]);
      }
      c.matchCapture = c.program->captureId("match");
    };
    build(rooted, lq.rooted);
    build(global, lq.global);
  }
}

std::string interpolate(std::string_view tmpl, const ts::QueryProgram& program, const TSQueryMatch& match,
                        std::string_view source, std::size_t maxLen) {
  std::string out;
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    auto open = tmpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    auto close = tmpl.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(tmpl.substr(pos, open - pos));
    std::string_view name = tmpl.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    std::string value;
    if (auto id = program.captureId(name))
      for (std::uint16_t i = 0; i < match.capture_count; ++i)
        if (match.captures[i].index == *id) {
          value = std::string(ts::Node(match.captures[i].node).text(source));
          break;
        }
    if (maxLen) {
      for (char& c : value)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      if (value.size() > maxLen) value = value.substr(0, maxLen) + "…";
    }
    out += value;
    pos = close + 2;
  }
  out.append(tmpl.substr(pos));
  return out;
}

namespace {
struct CursorDeleter {
  void operator()(TSQueryCursor* c) const noexcept { ts_query_cursor_delete(c); }
};
/// One cursor per thread (the C API's rule), reused across nodes and files.
TSQueryCursor* threadCursor() {
  thread_local std::unique_ptr<TSQueryCursor, CursorDeleter> cursor(ts_query_cursor_new());
  return cursor.get();
}
}  // namespace

void CustomRuleSet::visit(ts::Node node, const core::ParsedFile& file, RuleContext& ctx, std::size_t firstIndex,
                          const std::vector<std::uint8_t>& on) const {
  const LangQuery& lq = byLang_[static_cast<std::size_t>(file.lang)];
  if (!lq.rooted.program) return;
  TSQueryCursor* cursor = threadCursor();
  ts_query_cursor_set_max_start_depth(cursor, 0);  // only matches rooted at this very node
  ts_query_cursor_exec(cursor, lq.rooted.program->raw(), node.raw());
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cursor, &m)) report(lq.rooted, m, file, ctx, firstIndex, on);
}

void CustomRuleSet::run(const core::ParsedFile& file, RuleContext& ctx, std::size_t firstIndex,
                        const std::vector<std::uint8_t>& on) const {
  const LangQuery& lq = byLang_[static_cast<std::size_t>(file.lang)];
  if (!lq.global.program || !file.tree.valid()) return;
  bool any = false;
  for (auto r : lq.rules) any |= on[firstIndex + r] != 0;
  if (!any) return;
  TSQueryCursor* cursor = threadCursor();
  ts_query_cursor_set_max_start_depth(cursor, UINT32_MAX);
  ts_query_cursor_exec(cursor, lq.global.program->raw(), file.tree.root().raw());
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cursor, &m)) report(lq.global, m, file, ctx, firstIndex, on);
}

void CustomRuleSet::report(const Combined& c, const TSQueryMatch& m, const core::ParsedFile& file, RuleContext& ctx,
                           std::size_t firstIndex, const std::vector<std::uint8_t>& on) const {
  std::string_view src = file.source();
  if (m.pattern_index >= c.patternRule.size() || m.capture_count == 0) return;
  std::uint16_t r = c.patternRule[m.pattern_index];
  std::size_t ri = firstIndex + r;
  if (!on[ri] || !c.program->satisfied(m, src)) return;
  // The finding covers @match, else the outermost capture.
  ts::Node node;
  for (std::uint16_t i = 0; i < m.capture_count; ++i) {
    ts::Node n(m.captures[i].node);
    if (c.matchCapture && m.captures[i].index == *c.matchCapture) {
      node = n;
      break;
    }
    if (node.isNull() || n.startByte() < node.startByte() ||
        (n.startByte() == node.startByte() && n.endByte() > node.endByte()))
      node = n;
  }
  const QueryRule& rule = *owned_[r];
  ctx.setRule(&rule, ri);
  core::Finding& f = ctx.report(node, interpolate(rule.def().message, *c.program, m, src, 80));
  if (rule.def().fix) {
    core::Fix fix;
    fix.title = "Apply the rule's fix";
    fix.applicability = rule.def().fixSafety;
    core::TextEdit e;
    e.range = {node.startByte(), node.endByte()};
    e.text = interpolate(*rule.def().fix, *c.program, m, src, 0);
    fix.edits.push_back(std::move(e));
    f.fixes.push_back(std::move(fix));
  }
}

}  // namespace agentlens::rules
