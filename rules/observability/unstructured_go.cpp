// unstructured-log-message, Go: `log.Printf` and slog calls with a `fmt.Sprintf` message.
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/observability/log_fields.hpp"
#include "rules/observability/unstructured_log_message.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::unstructured_log {
namespace {

using core::Lang;

bool isLevelGo(std::string_view m) {
  for (auto l : {"Debug", "Info", "Warn", "Error", "DebugContext", "InfoContext", "WarnContext", "ErrorContext"})
    if (m == l) return true;
  return false;
}

/// `recv` is a parameter of an enclosing function declared with a logger type
/// (`l logger.Interface`, `log *zap.SugaredLogger`): a printf-style project logger.
bool loggerParameter(std::string_view recv, RuleContext& ctx) {
  if (recv.empty() || recv.find_first_of(".()[]") != std::string_view::npos) return false;
  auto src = ctx.source();
  for (ts::Node fn : ctx.ancestors()) {
    if (fn.type() != "function_declaration" && fn.type() != "method_declaration" && fn.type() != "func_literal") continue;
    ts::Node params = fn.field("parameters");
    for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
      ts::Node p = params.namedChild(i);
      if (p.type() != "parameter_declaration") continue;
      auto type = p.field("type").text(src);
      if (type.find("ogger") == std::string_view::npos) continue;
      for (std::uint32_t j = 0; j < p.namedChildCount(); ++j)
        if (p.namedChild(j).type() == "identifier" && p.namedChild(j).text(src) == recv) return true;
    }
  }
  return false;
}

}  // namespace

void go(ts::Node call, ts::Node args, std::string_view recv, std::string_view method, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node first = args.namedChild(0);
  bool slogSprintf = (recv == "slog" || isLoggerReceiver(recv)) && isLevelGo(method) &&
                     first.type() == "call_expression" && calleeText(first, src) == "fmt.Sprintf";
  bool printf = recv == "log" && method == "Printf";
  // A project logger taking a format string: `l.Info("signal: %s", sig)` (go-clean-template style).
  bool projectPrintf = !slogSprintf && !printf && recv != "log" && recv != "slog" && isLevelGo(method) &&
                       args.namedChildCount() >= 2 && stringLiteralValue(first, src, Lang::Go) &&
                       loggerParameter(recv, ctx);
  if (projectPrintf) {
    ctx.countSite();
    auto lit = stringLiteralValue(first, src, Lang::Go);
    if (lit->find('%') == std::string_view::npos) return;
    core::Finding& f = ctx.report(call.field("function"), "`" + std::string(recv) + "." + std::string(method) +
                                                              "` formats values into the message: log a constant "
                                                              "message and pass the values as fields");
    f.severity = core::Severity::Low;
    return;
  }
  if (!slogSprintf && !printf) {
    if ((recv == "log" && (method == "Print" || method == "Println")) || (recv == "slog" && isLevelGo(method)))
      ctx.countSite();
    return;
  }
  ctx.countSite();
  ts::Node fmtArgs = printf ? args : first.field("arguments");
  if (!fmtArgs || fmtArgs.namedChildCount() < 2) return;  // no values interpolated
  ts::Node fmtStr = fmtArgs.namedChild(0);
  auto lit = stringLiteralValue(fmtStr, src, Lang::Go);
  if (!lit || lit->find('%') == std::string_view::npos) return;
  core::Finding& f = ctx.report(printf ? call.field("function") : first,
                                printf ? "`log.Printf` formats values into the message: use slog with key/value "
                                         "attributes"
                                       : "`fmt.Sprintf` message in a slog call: pass the values as attributes");
  f.severity = ctx.facts().role == core::FileRole::Server || !ctx.facts().hasMainGuard ? core::Severity::Low
                                                                                         : core::Severity::Info;
  // log.Printf("processing order %s", id) -> slog.Info("processing order", "id", id)
  std::size_t verbs = 0;
  auto msg = messageWithoutVerbs(*lit, verbs);
  if (!msg || verbs != fmtArgs.namedChildCount() - 1) return;
  std::string text = cleanMessage(*msg);
  if (text.empty()) return;
  std::string repl;
  std::string level = printf ? "Info" : std::string(method);
  std::string target = printf ? "slog." + level : std::string(recv) + "." + std::string(method);
  repl = target + "(\"" + text + "\"";
  for (std::uint32_t i = 1; i < fmtArgs.namedChildCount(); ++i) {
    auto v = fmtArgs.namedChild(i).text(src);
    if (!simpleExpr(v)) return;
    repl += ", \"" + keyFor(v, false) + "\", " + std::string(v);
  }
  core::Fix fix{.title = "Use " + target + " with attributes", .applicability = core::Applicability::Unsafe};
  if (printf) fix.edits = goEnsureImport(ctx.file(), "log/slog");
  core::TextEdit e;
  if (printf) {
    e.range = {call.startByte(), call.endByte()};
    e.text = repl + ")";
  } else {
    // keep any attributes after the message
    e.range = {call.startByte(), first.endByte()};
    e.text = repl;
  }
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace agentlens::rules::unstructured_log
