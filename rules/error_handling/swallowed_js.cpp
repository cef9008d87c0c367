// swallowed-exception, JavaScript/TypeScript: empty `catch {}` and `.catch(() => {})`.
#include <algorithm>

#include "rules/common/error_intent.hpp"
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/swallowed_exception.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::swallowed {
namespace {

using core::Lang;

/// `const meta = await p.catch(() => null)`: the rejection becomes a fallback value the code
/// goes on to use (returning the promise would hand the silence to every caller: reported).
bool valueIsUsed(ts::Node call) {
  ts::Node p = call.parent();
  if (p.type() == "await_expression" || p.type() == "parenthesized_expression") p = p.parent();
  return p.type() == "variable_declarator" || p.type() == "assignment_expression";
}

void trimRange(core::Finding& f, std::string_view src) {
  while (f.range.end > f.range.start && (src[f.range.end - 1] == '{' || src[f.range.end - 1] == ' '))
    --f.range.end;
}

/// An empty `catch {}` (or `catch (err) {}`).
void emptyCatch(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  {
    ctx.countSite();
    ts::Node body = node.field("body");
    if (!body || !statements(body).empty()) return;
    auto comments = directComments(body, src);
    if (handledDeliberately({}, node.parent(), comments, false, src, ctx.lang())) return;
    bool intent = std::any_of(comments.begin(), comments.end(), commentStatesIntent);
    ts::Node param = node.field("parameter");
    core::Finding& f = ctx.report(core::ByteRange{node.startByte(), body.startByte() + 1},
                                  "empty `catch` discards the error: log it, handle it, or rethrow it");
    trimRange(f, src);
    if (intent) {
      f.severity = core::Severity::Info;
      f.message = "empty `catch` discards the error on purpose (commented); consider logging it";
    }
    LoggerPlan logger = jsLogger(ctx.file());
    std::string func(functionName(enclosingFunction(ctx), src));
    std::string label = func.empty() ? "operation" : func;
    std::string errName = param ? std::string(param.text(src)) : "err";
    if (param && param.type() != "identifier") return;  // destructured binding: leave it
    std::string indent(lineIndent(src, node.startByte()));
    std::string inner = indent + indentUnit(src, ctx.lang());
    std::string logCall = logger.name == "console"
                              ? "console.error(\"" + label + " failed\", " + errName + ");"
                              : logger.name + ".error({ err: " + errName + " }, \"" + label + " failed\");";
    auto build = [&](std::string title, core::Applicability a, bool rethrow) {
      core::Fix fix{.title = std::move(title), .applicability = a};
      if (!param) {
        // `catch {` -> `catch (err) {`
        core::TextEdit bind;
        std::uint32_t at = node.startByte() + 5;  // after "catch"
        bind.range = {at, at};
        bind.text = " (err)";
        fix.edits.push_back(bind);
      }
      core::TextEdit e;
      std::string text = "{\n" + inner + logCall + "\n";
      if (rethrow) text += inner + "throw " + errName + ";\n";
      // Keep comments that were in the block.
      for (auto c : comments) text += inner + std::string(c) + "\n";
      text += indent + "}";
      e.range = {body.startByte(), body.endByte()};
      e.text = text;
      fix.edits.push_back(e);
      return fix;
    };
    f.fixes = {build("Log the error", core::Applicability::Safe, false),
               build("Log the error and rethrow it", core::Applicability::Unsafe, true)};
  }
}

/// promise.catch(() => {}) / .catch(() => null) / .catch(noop)
void droppedRejection(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node fn = node.field("function");
  if (!fn || fn.type() != "member_expression" || fn.field("property").text(src) != "catch") return;
  ts::Node args = node.field("arguments");
  if (!args || args.namedChildCount() != 1) return;
  ctx.countSite();
  ts::Node cb = args.namedChild(0);
  bool discards = false;
  auto cbText = cb.text(src);
  if (cb.type() == "identifier" || cb.type() == "member_expression") {
    discards = cbText == "noop" || cbText == "_.noop" || cbText == "lodash.noop";
  } else if (cb.type() == "arrow_function" || cb.type() == "function_expression") {
    ts::Node body = cb.field("body");
    if (body.type() == "statement_block") {
      discards = statements(body).empty() && directComments(body, src).empty();
    } else {
      auto b = body.text(src);
      discards = b == "null" || b == "undefined" || b == "void 0" || b == "false" || b == "{}" || b == "[]";
      if (discards && valueIsUsed(node)) return;  // a fallback value, not a dropped rejection
    }
  }
  if (!discards) return;
  core::Finding& f = ctx.report(cb, "`.catch(...)` drops the rejection: log it or let it propagate");
  LoggerPlan logger = jsLogger(ctx.file());
  std::string func(functionName(enclosingFunction(ctx), src));
  std::string label = func.empty() ? "operation" : func;
  core::Fix fix{.title = "Log the rejection", .applicability = core::Applicability::Safe};
  core::TextEdit e;
  e.range = {cb.startByte(), cb.endByte()};
  e.text = logger.name == "console" ? "(err) => console.error(\"" + label + " failed\", err)"
                                    : "(err) => " + logger.name + ".error({ err }, \"" + label + " failed\")";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace

void js(ts::Node node, RuleContext& ctx) {
  if (node.type() == "catch_clause") emptyCatch(node, ctx);
  else droppedRejection(node, ctx);
}

}  // namespace agentlens::rules::swallowed
