#include "rules/database/dependent_writes.hpp"

#include <regex>
#include <string>
#include <vector>

#include "rules/common/syntax.hpp"

namespace agentlens::rules::depwrites {
namespace {

/// A database write: drizzle `db.insert(t).values(…)` / `db.update(t).set(…)`, Prisma-style
/// `prisma.user.create(…)` / `ctx.db.user.update(…)`, or `Model.create(…)` / `bulkCreate`.
bool writeCall(std::string_view text) {
  static const std::regex drizzle(R"(\b(db|tx|database)\s*\.\s*(insert|update)\s*\([^)]*\)\s*\.\s*(values|set)\s*\()");
  static const std::regex prisma(R"(\b(prisma|db)\s*\.\s*\w+\s*\.\s*(create|createMany|update|upsert)\s*\()");
  static const std::regex model(R"(^\s*[A-Z]\w*\s*\.\s*(create|bulkCreate|insertMany)\s*\()");
  std::string s(text);
  return std::regex_search(s, drizzle) || std::regex_search(s, prisma) || std::regex_search(s, model);
}

bool mentions(std::string_view text, const std::string& name) {
  std::regex re("\\b" + name + "\\s*[.?!]");
  std::string s(text);
  return std::regex_search(s, re);
}

/// The name bound by `const x = …` or `const [x] = …`.
std::string boundName(ts::Node pattern, std::string_view src) {
  if (pattern.type() == "identifier") return std::string(pattern.text(src));
  if (pattern.type() == "array_pattern" && pattern.namedChildCount() == 1 && pattern.namedChild(0).type() == "identifier")
    return std::string(pattern.namedChild(0).text(src));
  return {};
}

}  // namespace

void js(ts::Node decl, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node value = decl.field("value");
  ts::Node name = decl.field("name");
  if (!value || !name || value.type() != "await_expression" || !writeCall(value.namedChild(0).text(src))) return;
  std::string row = boundName(name, src);
  if (row.empty()) return;
  if (ctx.facts().role == core::FileRole::Script) return;  // seeds and one-off scripts
  for (ts::Node a : ctx.ancestors())  // inside `db.transaction(async (tx) => …)`
    if (a.type() == "call_expression" && calleeText(a, src).find("ransaction") != std::string_view::npos) return;
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  auto fnText = fn.text(src);
  if (fnText.find("transaction") != std::string_view::npos || fnText.find("$transaction") != std::string_view::npos ||
      fnText.find("batch(") != std::string_view::npos)
    return;
  // Names derived from the row after it is written (`const member = { userId: user.id }`).
  std::vector<std::string> uses{row};
  ts::Node later;
  ts::walk(fn, [&](ts::Node n) {
    if (later) return false;
    if (n.endByte() <= decl.endByte()) return false;  // before the write, or the write itself
    if (n.startByte() < decl.endByte()) return true;   // encloses the write: look inside
    if (n.type() == "variable_declarator" && n.field("value") && n.field("name").type() == "identifier") {
      for (const auto& u : std::vector<std::string>(uses))
        if (mentions(n.field("value").text(src), u)) uses.emplace_back(n.field("name").text(src));
    }
    if (n.type() == "call_expression" && writeCall(n.text(src))) {
      for (const auto& u : uses)
        if (mentions(n.text(src), u) || (u != row && std::regex_search(std::string(n.text(src)), std::regex("\\b" + u + "\\b"))))
          later = n;
      return false;
    }
    return true;
  });
  if (!later) return;
  auto line = ctx.file().lines.lineOf(later.startByte()) + 1;
  std::string what(later.text(src).substr(0, later.text(src).find('(')));
  ctx.report(decl, "`" + row + "` is written, then a later write depends on it (`" + what + "(…)` at line " +
                       std::to_string(line) + ") with no transaction: if that write fails, `" + row +
                       "` stays half set up; wrap the writes in one transaction");
}

}  // namespace agentlens::rules::depwrites
