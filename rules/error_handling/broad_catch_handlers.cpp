// broad-exception-catch, Python: broad handlers that are deliberate, log the traceback, or sit at a boundary.
#include "rules/common/error_intent.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/broad_exception_catch.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::broad_catch {

using core::Lang;

bool handledDeliberately(ts::Node clause, ts::Node block, bool bare, const RuleContext& ctx) {
  auto src = ctx.source();
  auto caught = caughtName(clause, src);
  HandlerIntent in = handlerIntent(block, caught, src, Lang::Python);
  if (in.rethrows || in.reports || in.handsOff || in.answers5xx || in.clientError) return true;
  // A fallback ignores the error (a handler that passes it on somewhere is judged above); a
  // bare `except:` also eats KeyboardInterrupt and SystemExit: never a deliberate fallback.
  ts::Node tryStmt = ctx.nearestAncestor({"try_statement"});
  return !bare && !mentionsIdentifier(block.text(src), caught) && tryStmt &&
         isLocalComputation(tryStmt.field("body"), src, Lang::Python);
}

bool logsTraceback(ts::Node block, std::string_view src) {
  bool found = false;
  walkSameFunction(block, Lang::Python, [&](ts::Node n) {
    if (found || n.type() != "call") return;
    auto name = calleeName(n, src);
    if (name == "exception" || name == "capture_exception" || name == "print_exc" || name == "format_exc" ||
        name == "record_exception")
      found = true;
    ts::Node args = n.field("arguments");
    if (args && args.text(src).find("exc_info") != std::string_view::npos) found = true;
  });
  return found;
}

bool isBoundary(const RuleContext& ctx, ts::Node block, std::string_view src) {
  auto anc = ctx.ancestors();
  for (std::size_t i = anc.size(); i-- > 0;) {
    ts::Node a = anc[i];
    if (a.type() == "function_definition") {
      auto name = functionName(a, src);
      if (name == "main" || name == "process_exception" || name == "on_failure" || name == "handle_exception" ||
          name == "__exit__" || name == "__aexit__")
        return true;
      if (i > 0 && anc[i - 1].type() == "decorated_definition") {
        auto deco = anc[i - 1].text(src);
        auto head = deco.substr(0, a.startByte() - anc[i - 1].startByte());
        if (head.find("errorhandler") != std::string_view::npos ||
            head.find("exception_handler") != std::string_view::npos ||
            head.find("register_error_handler") != std::string_view::npos)
          return true;
      }
      break;
    }
  }
  // Worker loops that log and continue: the except body logs and the try sits in a loop.
  bool inLoop = false;
  for (std::size_t i = anc.size(); i-- > 0;) {
    if (isFunctionNode(anc[i], Lang::Python)) break;
    if (anc[i].type() == "while_statement" || anc[i].type() == "for_statement") inLoop = true;
  }
  return inLoop && containsLogging(block, src, Lang::Python);
}

}  // namespace agentlens::rules::broad_catch
