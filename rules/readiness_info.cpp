#include "rules/readiness_info.hpp"

namespace agentlens::rules {

std::string whyFromDocs(std::string_view docs) {
  auto pos = docs.find("## Why is this bad?");
  if (pos == std::string_view::npos) return "";
  pos = docs.find('\n', pos);
  if (pos == std::string_view::npos) return "";
  std::string_view rest = docs.substr(pos + 1);
  while (rest.starts_with("\n")) rest.remove_prefix(1);
  std::string out;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (c == '\n' && i + 1 < rest.size() && rest[i + 1] == '\n') break;
    out += c == '\n' ? ' ' : c;
    if (c == '.' && (i + 1 == rest.size() || rest[i + 1] == ' ' || rest[i + 1] == '\n')) break;
  }
  return out;
}

namespace {
core::RuleInfo fromMeta(const RuleMeta& m) {
  core::RuleInfo r;
  r.id = std::string(m.id);
  r.category = m.category;
  r.severity = m.severity;
  r.confidence = m.confidence;
  r.mode = m.mode == ScoreMode::Density ? core::ScoringMode::Density : core::ScoringMode::Presence;
  r.gate = m.gate;
  r.languages = m.languages.list();
  r.summary = std::string(m.summary);
  r.why = whyFromDocs(m.docs);
  r.effort = m.effort;
  r.hasFix = m.fix.has_value() && *m.fix != core::Applicability::DisplayOnly;
  r.hasSafeFix = m.fix == core::Applicability::Safe;
  r.planTitle = std::string(m.planTitle);
  for (auto s : m.subsumes) r.subsumes.emplace_back(s);
  return r;
}
}  // namespace

core::RuleInfo ruleInfo(const Rule& rule) { return fromMeta(rule.meta()); }

core::RuleInfo checkInfo(const RuleMeta& meta) {
  core::RuleInfo r = fromMeta(meta);
  r.mode = core::ScoringMode::Check;
  return r;
}

std::vector<core::RuleInfo> ruleInfos(const std::vector<const Rule*>& rules) {
  std::vector<core::RuleInfo> out;
  out.reserve(rules.size());
  for (const Rule* r : rules) out.push_back(ruleInfo(*r));
  return out;
}

}  // namespace agentlens::rules
