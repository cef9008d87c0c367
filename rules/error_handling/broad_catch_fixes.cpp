// broad-exception-catch, Python: the fixes that narrow a broad `except`.
#include <algorithm>
#include <array>
#include <string>

#include "rules/common/error_intent.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/broad_exception_catch.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::broad_catch {
namespace {

struct Narrow {
  std::string_view needle;     // text in the try body
  std::string_view exception;  // what to catch instead
};
constexpr std::array<Narrow, 12> kNarrow = {{
    {"requests.", "requests.RequestException"},
    {"httpx.", "httpx.HTTPError"},
    {"json.loads(", "json.JSONDecodeError"},
    {"json.load(", "json.JSONDecodeError"},
    {"psycopg2.", "psycopg2.Error"},
    {"session.commit(", "SQLAlchemyError"},
    {"int(", "ValueError"},
    {"float(", "ValueError"},
    {"Decimal(", "decimal.InvalidOperation"},
    {"open(", "OSError"},
    {"urlopen(", "urllib.error.URLError"},
    {"subprocess.", "subprocess.SubprocessError"},
}};

}  // namespace

void addFixes(core::Finding& f, RuleContext& ctx, ts::Node clause, ts::Node typeExpr,
              const std::vector<std::string_view>& types, bool bare) {
  auto src = ctx.source();
  ts::Node tryStmt = ctx.nearestAncestor({"try_statement"});
  std::vector<std::string> narrow;
  if (tryStmt) {
    auto tryBody = tryStmt.field("body").text(src);
    for (const auto& n : kNarrow)
      if (tryBody.find(n.needle) != std::string_view::npos &&
          std::find(narrow.begin(), narrow.end(), n.exception) == narrow.end())
        narrow.emplace_back(n.exception);
    if (tryBody.find("[\"") != std::string_view::npos || tryBody.find("['") != std::string_view::npos)
      if (std::find(narrow.begin(), narrow.end(), "KeyError") == narrow.end()) narrow.emplace_back("KeyError");
  }
  std::uint32_t typeStart = bare ? clause.startByte() + 6 : typeExpr.startByte();
  std::uint32_t typeEnd = bare ? typeStart : typeExpr.endByte();
  if (!narrow.empty() && narrow.size() <= 3 && (bare || types.size() == 1)) {
    bool needsModule = false;
    std::string list;
    for (std::size_t i = 0; i < narrow.size(); ++i) list += (i ? ", " : "") + narrow[i];
    if (narrow.size() > 1) list = "(" + list + ")";
    core::Fix fix{.title = "Narrow to " + list, .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {typeStart, typeEnd};
    e.text = (bare ? " " : "") + list;
    fix.edits.push_back(e);
    // The module of a dotted exception must be imported; stick to those the try body uses.
    for (const auto& n : narrow) {
      auto dot = n.find('.');
      if (dot == std::string::npos) continue;
      std::string mod = n.substr(0, dot);
      bool imported = std::any_of(ctx.facts().imports.begin(), ctx.facts().imports.end(),
                                  [&](const core::Import& i) { return i.module == mod; });
      if (!imported) needsModule = true;
    }
    if (!needsModule) f.fixes.push_back(fix);
  }
  if (bare) {
    core::Fix fix{.title = "Catch `Exception` instead of everything", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {typeStart, typeStart};
    e.text = " Exception";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
}

}  // namespace agentlens::rules::broad_catch
