// swallowed-exception, Python: `except` clauses whose body only passes, continues or returns None.
#include <algorithm>

#include "rules/common/error_intent.hpp"
#include "rules/common/imports.hpp"
#include "rules/common/python_except.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/swallowed_exception.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::swallowed {
namespace {

using core::Lang;

/// SIM105: `try: x() / except KeyError: pass` -> `with contextlib.suppress(KeyError): x()`.
void suppressFix(core::Finding& f, RuleContext& ctx, ts::Node tryStmt, ts::Node clause,
                 const std::vector<std::string_view>& types) {
  auto src = ctx.source();
  // Exactly one handler, no else/finally, no comments that would be lost.
  for (std::uint32_t i = 0; i < tryStmt.namedChildCount(); ++i) {
    ts::Node c = tryStmt.namedChild(i);
    if (c.type() == "else_clause" || c.type() == "finally_clause" || c.type() == "comment") return;
    if (c.type() == "except_clause" && c != clause) return;
    if (c.type() == "except_group_clause") return;
  }
  for (auto c : directComments(clause, src))  // a comment with words in it would be lost
    if (std::any_of(c.begin(), c.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); })) return;
  ts::Node body = tryStmt.field("body");
  if (!body) return;
  std::string list;
  for (std::size_t i = 0; i < types.size(); ++i) list += (i ? ", " : "") + std::string(types[i]);
  core::Fix fix{.title = "Use contextlib.suppress(" + list + ")", .applicability = core::Applicability::Safe};
  fix.edits = pythonEnsureImport(ctx.file(), "contextlib");
  core::TextEdit head;
  // `try:` -> `with contextlib.suppress(...):`; the body keeps its indentation.
  head.range = {tryStmt.startByte(), body.startByte()};
  std::string between(src.substr(tryStmt.startByte() + 3, body.startByte() - tryStmt.startByte() - 3));
  head.text = "with contextlib.suppress(" + list + ")" + between;
  fix.edits.push_back(head);
  core::TextEdit tail;
  // Remove the except clause, from the end of the body to the end of the clause.
  tail.range = {body.endByte(), clause.endByte()};
  tail.text = "";
  fix.edits.push_back(tail);
  f.fixes.push_back(fix);
}

/// The parts of an `except` clause: its block, the caught type names and its comments.
struct Handler {
  ts::Node block;
  std::vector<std::string_view> types;
  bool hasTypeExpr = false;
  std::vector<std::string_view> comments;
};

Handler readHandler(ts::Node clause, std::string_view src) {
  Handler h;
  for (std::uint32_t i = 0; i < clause.namedChildCount(); ++i) {
    ts::Node c = clause.namedChild(i);
    if (c.type() == "block") h.block = c;
    else if (c.type() == "comment") h.comments.push_back(c.text(src));
    else {
      h.hasTypeExpr = true;
      ts::Node t = c.type() == "as_pattern" ? c.namedChild(0) : c;
      if (t.type() == "tuple" || t.type() == "parenthesized_expression") {
        for (std::uint32_t k = 0; k < t.namedChildCount(); ++k) h.types.push_back(t.namedChild(k).text(src));
      } else {
        h.types.push_back(t.text(src));
      }
    }
  }
  return h;
}

/// True when every caught type is one of `names`.
bool catchesOnly(const std::vector<std::string_view>& types, std::initializer_list<std::string_view> names) {
  return !types.empty() && std::all_of(types.begin(), types.end(), [&](std::string_view t) {
    return std::find(names.begin(), names.end(), t) != names.end();
  });
}

/// Precision traps: cancellation and shutdown signals, optional imports, and a missing file
/// around an idempotent delete or create.
bool expectedToBeIgnored(const std::vector<std::string_view>& types, ts::Node tryStmt, std::string_view src) {
  if (catchesOnly(types, {"KeyboardInterrupt", "asyncio.CancelledError", "CancelledError", "GeneratorExit",
                          "trio.Cancelled", "SystemExit"}))
    return true;
  if (catchesOnly(types, {"ImportError", "ModuleNotFoundError"})) return true;  // optional dependency
  if (catchesOnly(types, {"FileNotFoundError", "FileExistsError", "OSError"}) && tryStmt) {
    auto tryBody = tryStmt.field("body").text(src);
    for (auto op : {"remove(", "unlink(", "rmdir(", "rmtree(", "mkdir(", "makedirs("})
      if (tryBody.find(op) != std::string_view::npos) return true;
  }
  return false;
}

/// "Log the exception" (safe) and "log and re-raise" (unsafe); returns whether the body is only
/// `pass`/`...` (the shape `contextlib.suppress` can replace).
bool logFixes(core::Finding& f, RuleContext& ctx, ts::Node fn, const std::vector<ts::Node>& body) {
  auto src = ctx.source();
  std::string func = fn ? std::string(functionName(fn, src)) : std::string("module");
  LoggerPlan logger = pythonLogger(ctx.file());
  std::string indent(lineIndent(src, body.front().startByte()));
  std::string logLine = logger.name + ".exception(\"" + func + " failed\")";
  // The statement to replace: the discard statements (keep continue/return after the log).
  ts::Node first = body.front();
  bool onlyPass = std::all_of(body.begin(), body.end(), [&](ts::Node s) {
    return s.type() == "pass_statement" || (s.type() == "expression_statement" && s.text(src) == "...");
  });

  core::Fix logFix{.title = "Log the exception with its traceback", .applicability = core::Applicability::Safe};
  core::TextEdit e;
  if (onlyPass) {
    e.range = {first.startByte(), body.back().endByte()};
    e.text = logLine;
  } else {
    e.range = {first.startByte(), first.startByte()};
    e.text = logLine + "\n" + indent;
  }
  logFix.edits = logger.edits;
  logFix.edits.push_back(e);

  core::Fix raiseFix{.title = "Log the exception and re-raise it", .applicability = core::Applicability::Unsafe};
  core::TextEdit r;
  r.range = {first.startByte(), body.back().endByte()};
  r.text = logLine + "\n" + indent + "raise";
  raiseFix.edits = logger.edits;
  raiseFix.edits.push_back(r);
  f.fixes = {logFix, raiseFix};
  return onlyPass;
}

}  // namespace

void python(ts::Node clause, RuleContext& ctx) {
  auto src = ctx.source();
  ctx.countSite();
  Handler h = readHandler(clause, src);
  if (!h.block) return;
  for (auto c : directComments(h.block, src)) h.comments.push_back(c);
  auto body = statements(h.block);
  if (body.empty()) return;
  for (ts::Node s : body)
    if (!isDiscardStatement(s, src)) return;
  ts::Node fn = enclosingFunction(ctx);
  ts::Node tryStmt = ctx.nearestAncestor({"try_statement"});
  if (expectedToBeIgnored(h.types, tryStmt, src)) return;

  const auto& types = h.types;
  bool broad = !h.hasTypeExpr || catchesOnly(types, {"Exception", "BaseException", "builtins.Exception"});
  if (handledDeliberately(body, tryStmt, h.comments, !broad, src, Lang::Python)) return;
  bool intent = std::any_of(h.comments.begin(), h.comments.end(), commentStatesIntent);
  std::string what =
      !h.hasTypeExpr ? "bare `except:`" : "`except " + std::string(types.size() == 1 ? types[0] : "(...)") + "`";
  std::string message = what + " discards the error: log it, handle it, or re-raise it";
  // Report on the `except ...:` header, not the whole handler.
  core::Finding& f = ctx.report(core::ByteRange{clause.startByte(), h.block.startByte()}, message);
  while (f.range.end > f.range.start && (src[f.range.end - 1] == ' ' || src[f.range.end - 1] == '\n' ||
                                         src[f.range.end - 1] == '\r' || src[f.range.end - 1] == '\t'))
    --f.range.end;
  if (!broad) f.severity = core::Severity::Low;
  if (intent) {
    f.severity = core::Severity::Info;
    f.message = what + " discards the error on purpose (commented); consider logging it at debug level";
  }
  bool onlyPass = logFixes(f, ctx, fn, body);
  if (!broad && onlyPass && !intent && tryStmt) suppressFix(f, ctx, tryStmt, clause, types);
}

}  // namespace agentlens::rules::swallowed
