#include "core/suppression.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace agentlens::core {
namespace {

constexpr std::string_view kMarker = "agentlens:";

bool isSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (isSpace(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (isSpace(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool hashComments(Lang l) {
  return l == Lang::Python || l == Lang::Dockerfile || l == Lang::DotEnv || l == Lang::Yaml || l == Lang::Toml ||
         l == Lang::Text;
}

/// Whether a line holds nothing but a comment (or is the inside of a block comment).
bool commentOnlyLine(std::string_view line, Lang lang) {
  line = trim(line);
  if (line.empty()) return false;
  if (hashComments(lang)) return line.front() == '#';
  return line.starts_with("//") || line.starts_with("/*") || line.starts_with("*");
}

/// Where the comment holding `at` starts, or npos when `at` is not inside a comment.
std::size_t commentStart(const ParsedFile& file, std::uint32_t at) {
  std::string_view src = file.source();
  if (file.lang == Lang::Json) return std::string_view::npos;
  if (file.tree.valid()) {
    ts::Node n(ts_node_descendant_for_byte_range(file.tree.root().raw(), at, at + 1));
    for (int depth = 0; n && depth < 2; ++depth, n = n.parent())
      if (n.type().find("comment") != std::string_view::npos) return n.startByte();
    return std::string_view::npos;
  }
  // No tree: the nearest comment opener before the marker on the same line.
  std::uint32_t ls = file.lines.lineStart(file.lines.lineOf(at));
  std::string_view before = src.substr(ls, at - ls);
  std::size_t pos = std::string_view::npos;
  if (hashComments(file.lang)) {
    pos = before.find('#');
  } else {
    for (std::string_view opener : {"//", "/*"})
      if (auto p = before.find(opener); p != std::string_view::npos) pos = std::min(pos, p);
  }
  return pos == std::string_view::npos ? pos : ls + pos;
}

std::optional<Suppression> parseDirective(const ParsedFile& file, std::uint32_t at) {
  std::string_view src = file.source();
  std::uint32_t line = file.lines.lineOf(at);
  std::uint32_t lineEnd = file.lines.lineEnd(line);
  std::string_view rest = src.substr(at + kMarker.size(), lineEnd - at - kMarker.size());
  // Stop at the end of a block comment.
  if (auto close = rest.find("*/"); close != std::string_view::npos) rest = rest.substr(0, close);
  std::string_view body = trim(rest);
  if (!body.starts_with("ignore")) return std::nullopt;  // prose that mentions the tool
  Suppression s;
  s.line = line;
  s.targetLine = line;
  auto bodyEnd = static_cast<std::uint32_t>(body.data() + body.size() - src.data());
  s.range = {at, bodyEnd};
  std::string_view after = body.substr(6);
  if (after.starts_with("-file")) {
    s.fileWide = true;
    after.remove_prefix(5);
  }
  after = trim(after);
  if (!after.starts_with('[')) {
    s.problem = fmt::format("malformed suppression: write `agentlens: {}[rule-id] -- reason`",
                            s.fileWide ? "ignore-file" : "ignore");
    return s;
  }
  auto close = after.find(']');
  if (close == std::string_view::npos) {
    s.problem = "malformed suppression: missing `]` after the rule ids";
    return s;
  }
  std::string_view ids = after.substr(1, close - 1);
  while (!ids.empty()) {
    auto comma = ids.find(',');
    std::string_view id = trim(ids.substr(0, comma));
    if (!id.empty()) s.ids.emplace_back(id);
    if (comma == std::string_view::npos) break;
    ids.remove_prefix(comma + 1);
  }
  std::string_view tail = trim(after.substr(close + 1));
  if (tail.starts_with('#') || tail.starts_with("//")) tail = {};  // another comment follows
  if (tail.starts_with("--")) {
    tail.remove_prefix(2);
    s.reason = std::string(trim(tail));
  } else if (!tail.empty()) {
    s.problem = "malformed suppression: the reason goes after ` -- `";
  }
  if (s.ids.empty() && s.problem.empty()) s.problem = "the suppression names no rule: write `ignore[rule-id]`";
  return s;
}

}  // namespace

std::vector<Suppression> findSuppressions(const ParsedFile& file) {
  std::vector<Suppression> out;
  std::string_view src = file.source();
  for (std::size_t at = src.find(kMarker); at != std::string_view::npos; at = src.find(kMarker, at + kMarker.size())) {
    auto a = static_cast<std::uint32_t>(at);
    std::size_t cstart = commentStart(file, a);
    if (cstart == std::string_view::npos) continue;
    auto s = parseDirective(file, a);
    if (!s) continue;
    // A comment alone on its line covers the next line that is neither blank nor a comment.
    std::uint32_t ls = file.lines.lineStart(s->line);
    bool ownLine = cstart <= ls || trim(src.substr(ls, cstart - ls)).empty();
    if (ownLine && !s->fileWide) {
      std::uint32_t l = s->line + 1;
      while (l < file.lines.lineCount()) {
        std::string_view t = file.lines.lineText(l);
        if (!trim(t).empty() && !commentOnlyLine(t, file.lang)) break;
        ++l;
      }
      s->targetLine = l;
    }
    out.push_back(std::move(*s));
  }
  return out;
}

void applySuppressions(const ParsedFile& file, std::vector<Finding>& findings, const std::vector<KnownRule>& known,
                       const FileConfig& config) {
  std::vector<Suppression> dirs = findSuppressions(file);
  if (dirs.empty()) return;
  // used[d][k]: directive d's k-th id suppressed something.
  std::vector<std::vector<bool>> used(dirs.size());
  for (std::size_t d = 0; d < dirs.size(); ++d) used[d].assign(dirs[d].ids.size(), false);
  for (Finding& f : findings) {
    if (f.suppressedReason || isToolDiagnostic(f.ruleId)) continue;
    for (std::size_t d = 0; d < dirs.size() && !f.suppressedReason; ++d) {
      const Suppression& s = dirs[d];
      if (!s.problem.empty() || (!s.fileWide && s.targetLine != f.start.line)) continue;
      for (std::size_t k = 0; k < s.ids.size(); ++k)
        if (s.ids[k] == f.ruleId || s.ids[k] == categoryName(f.category)) {
          used[d][k] = true;
          f.suppressedReason = s.reason.empty() ? "suppressed inline (no reason given)" : s.reason;
          break;
        }
    }
  }
  auto isKnown = [&](std::string_view id) {
    return std::any_of(known.begin(), known.end(), [&](const KnownRule& r) { return r.id == id; });
  };
  // An engine without the tool rule (a test running one rule) does not report it.
  const bool reportInvalid = isKnown(kInvalidSuppressionRule) && config.enabled(kInvalidSuppressionRule, Category::Configuration);
  const bool reportUnused = isKnown(kUnusedSuppressionRule) && config.enabled(kUnusedSuppressionRule, Category::Configuration);
  auto emit = [&](std::string_view rule, const Suppression& s, std::string msg) {
    if (!(rule == kUnusedSuppressionRule ? reportUnused : reportInvalid)) return;
    Finding f;
    f.ruleId = std::string(rule);
    f.category = Category::Configuration;
    f.severity = rule == kUnusedSuppressionRule ? Severity::Info : Severity::Medium;
    f.path = file.path;
    f.range = s.range;
    f.start = file.lines.toPosition(s.range.start, PositionEncoding::Utf32);
    f.end = file.lines.toPosition(s.range.end, PositionEncoding::Utf32);
    f.message = std::move(msg);
    f.excerpt = std::string(file.lines.lineText(f.start.line));
    if (f.excerpt.size() > 400) f.excerpt.resize(400);
    findings.push_back(std::move(f));
  };
  auto ruleOf = [&](std::string_view id) -> const KnownRule* {
    for (const auto& r : known)
      if (r.id == id) return &r;
    return nullptr;
  };
  for (std::size_t d = 0; d < dirs.size(); ++d) {
    const Suppression& s = dirs[d];
    if (!s.problem.empty()) {
      emit(kInvalidSuppressionRule, s, s.problem);
      continue;
    }
    for (std::size_t k = 0; k < s.ids.size(); ++k) {
      const std::string& id = s.ids[k];
      const KnownRule* rule = ruleOf(id);
      auto category = categoryFromName(id);
      if (!rule && !category) {
        emit(kInvalidSuppressionRule, s, fmt::format("unknown rule `{}` in suppression (`agentlens rules` lists them)", id));
        continue;
      }
      if (used[d][k]) continue;
      // Only a rule that could have fired here makes the directive provably unused.
      bool enabled = rule ? config.enabled(rule->id, rule->category)
                          : std::any_of(known.begin(), known.end(), [&](const KnownRule& r) {
                              return r.category == *category && config.enabled(r.id, r.category);
                            });
      if (enabled)
        emit(kUnusedSuppressionRule, s,
             s.fileWide ? fmt::format("unused suppression: no `{}` finding in this file; remove it", id)
                        : fmt::format("unused suppression: no `{}` finding on line {}; remove it", id, s.targetLine + 1));
    }
    if (s.reason.empty())
      emit(kInvalidSuppressionRule, s, "suppression without a reason: add ` -- why this is acceptable`");
  }
}

}  // namespace agentlens::core
