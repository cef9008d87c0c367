// print-instead-of-logging: the per-language fixes (see print_fixes.hpp).
#include "rules/observability/print_fixes.hpp"

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/observability/fstring_percent.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::print_fix {

using core::Lang;

void python(core::Finding& f, RuleContext& ctx, ts::Node call, std::string_view callee) {
  if (callee != "print") return;
  auto src = ctx.source();
  ts::Node args = callArguments(call);
  if (!args || args.type() != "argument_list") return;
  std::vector<std::string_view> positional;
  for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() == "comment") continue;
    if (a.type() == "keyword_argument" || a.type() == "list_splat" || a.type() == "dictionary_splat") return;
    positional.push_back(a.text(src));
  }
  if (positional.empty()) return;
  LoggerPlan logger = pythonLogger(ctx.file());
  std::string replacement = logger.name + ".info(";
  ts::Node first = args.namedChild(0);
  while (first && first.type() == "comment") first = first.nextNamedSibling();
  bool fstring = first && first.type() == "string" &&
                 (isInterpolatedString(first, Lang::Python) ||
                  first.text(src).substr(0, first.text(src).find_first_of("\"'")).find_first_of("fF") !=
                      std::string_view::npos);  // f"{{x}}" has no field but is still an f-string
  bool plainString = positional.size() == 1 && first.type() == "string" && !fstring;
  if (fstring) {
    // Lazy %-style arguments, as unstructured-log-message asks: `logger.info("user %s", user)`.
    auto converted = fstringToPercent(first, src);
    if (!converted) return;  // a format spec %-formatting cannot express: leave it to a human
    std::vector<std::string_view> callArgs(converted->args);
    // print() joins its arguments with spaces: one more `%s` per further argument.
    std::string extra;
    for (std::size_t i = 1; i < positional.size(); ++i) {
      extra += " %s";
      callArgs.push_back(positional[i]);
    }
    // logging %-formats the message only when there are arguments: keep `%` as written otherwise.
    replacement += converted->start + (callArgs.empty() ? converted->verbatim : converted->escaped) + extra +
                   converted->end;
    for (auto a : callArgs) replacement += ", " + std::string(a);
  } else if (plainString) {
    replacement += std::string(positional[0]);
  } else {
    std::string fmt = "\"";
    for (std::size_t i = 0; i < positional.size(); ++i) fmt += i ? " %s" : "%s";
    replacement += fmt + "\"";
    for (auto p : positional) replacement += ", " + std::string(p);
  }
  replacement += ")";
  core::Fix fix{.title = "Replace with " + logger.name + ".info(...)", .applicability = core::Applicability::Unsafe};
  fix.edits = logger.edits;
  core::TextEdit e;
  e.range = {call.startByte(), call.endByte()};
  e.text = replacement;
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

void go(core::Finding& f, RuleContext& ctx, ts::Node call, std::string_view callee) {
  if (!callee.starts_with("fmt.")) return;
  core::Fix fix{.title = "Use the log package (" + std::string("log.") + std::string(callee.substr(4)) + ")",
                .applicability = core::Applicability::Unsafe};
  fix.edits = goEnsureImport(ctx.file(), "log");
  core::TextEdit e;
  ts::Node fn = call.field("function");
  e.range = {fn.startByte(), fn.startByte() + 3};
  e.text = "log";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

void js(core::Finding& f, RuleContext& ctx, ts::Node call) {
  auto src = ctx.source();
  LoggerPlan logger = jsLogger(ctx.file());
  if (logger.name != "console") {
    std::string method(calleeName(call, src));
    if (method == "log") method = "info";
    core::Fix fix{.title = "Use " + logger.name + "." + method, .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    ts::Node fn = call.field("function");
    e.range = {fn.startByte(), fn.endByte()};
    e.text = logger.name + "." + method;
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
}

}  // namespace agentlens::rules::print_fix
