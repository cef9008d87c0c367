#include "rules/custom/custom_rules.hpp"

#include <algorithm>
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

CustomRuleSet::CustomRuleSet(std::vector<core::CustomRuleDef> defs) {
  for (auto& d : defs) {
    owned_.push_back(std::make_unique<QueryRule>(std::move(d)));
    rules_.push_back(owned_.back().get());
  }
  for (std::size_t li = 0; li < core::kLangCount; ++li) {
    auto lang = static_cast<core::Lang>(li);
    LangQuery& lq = byLang_[li];
    std::string combined;
    for (std::size_t r = 0; r < owned_.size(); ++r) {
      const auto& def = owned_[r]->def();
      if (std::find(def.languages.begin(), def.languages.end(), lang) == def.languages.end()) continue;
      lq.ruleStart.push_back(static_cast<std::uint32_t>(combined.size()));
      lq.ruleOf.push_back(static_cast<std::uint16_t>(r));
      combined += def.query;
      combined += "\n";
    }
    if (combined.empty()) continue;
    std::string error;
    std::uint32_t offset = 0;
    lq.program = ts::QueryProgram::compile(lang, combined, error, offset);
    if (!lq.program) continue;  // each part compiled alone (loadCustomRules), so this cannot fail
    for (std::uint32_t p = 0; p < lq.program->patternCount(); ++p) {
      std::uint32_t start = lq.program->patternStart(p);
      auto it = std::upper_bound(lq.ruleStart.begin(), lq.ruleStart.end(), start);
      std::size_t part = static_cast<std::size_t>(it - lq.ruleStart.begin()) - 1;
      lq.patternRule.push_back(lq.ruleOf[part]);
    }
    lq.matchCapture = lq.program->captureId("match");
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

void CustomRuleSet::run(const core::ParsedFile& file, RuleContext& ctx, std::size_t firstIndex,
                        const std::vector<std::uint8_t>& on) const {
  const LangQuery& lq = byLang_[static_cast<std::size_t>(file.lang)];
  if (!lq.program || !file.tree.valid()) return;
  bool any = false;
  for (auto r : lq.ruleOf) any |= on[firstIndex + r] != 0;
  if (!any) return;
  struct CursorDeleter {
    void operator()(TSQueryCursor* c) const noexcept { ts_query_cursor_delete(c); }
  };
  // One cursor per thread (the C API's rule), reused across files.
  thread_local std::unique_ptr<TSQueryCursor, CursorDeleter> cursor(ts_query_cursor_new());
  std::string_view src = file.source();
  ts_query_cursor_exec(cursor.get(), lq.program->raw(), file.tree.root().raw());
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cursor.get(), &m)) {
    if (m.pattern_index >= lq.patternRule.size() || m.capture_count == 0) continue;
    std::uint16_t r = lq.patternRule[m.pattern_index];
    std::size_t ri = firstIndex + r;
    if (!on[ri] || !lq.program->satisfied(m, src)) continue;
    // The finding covers @match, else the outermost capture.
    ts::Node node;
    for (std::uint16_t i = 0; i < m.capture_count; ++i) {
      ts::Node n(m.captures[i].node);
      if (lq.matchCapture && m.captures[i].index == *lq.matchCapture) {
        node = n;
        break;
      }
      if (node.isNull() || n.startByte() < node.startByte() ||
          (n.startByte() == node.startByte() && n.endByte() > node.endByte()))
        node = n;
    }
    const QueryRule& rule = *owned_[r];
    ctx.setRule(&rule, ri);
    core::Finding& f = ctx.report(node, interpolate(rule.def().message, *lq.program, m, src, 80));
    if (rule.def().fix) {
      core::Fix fix;
      fix.title = "Apply the rule's fix";
      fix.applicability = rule.def().fixSafety;
      core::TextEdit e;
      e.range = {node.startByte(), node.endByte()};
      e.text = interpolate(*rule.def().fix, *lq.program, m, src, 0);
      fix.edits.push_back(std::move(e));
      f.fixes.push_back(std::move(fix));
    }
  }
}

}  // namespace agentlens::rules
