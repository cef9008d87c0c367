// error-details-in-response: Python (`except` blocks, `HTTPException`, `abort`, central handlers).
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/central_error_handler.hpp"
#include "rules/error_handling/error_details.hpp"

namespace agentlens::rules::errdetails {

using core::Lang;

namespace {

// The except clause around the visited node (same function) and the name it binds.
ts::Node pyHandler(const RuleContext& ctx, std::string_view& bound, bool& userFacing) {
  auto src = ctx.source();
  auto anc = ctx.ancestors();
  for (std::size_t i = anc.size(); i-- > 0;) {
    if (isFunctionNode(anc[i], Lang::Python)) return {};
    if (anc[i].type() != "except_clause") continue;
    ts::Node clause = anc[i];
    for (std::uint32_t k = 0; k < clause.namedChildCount(); ++k) {
      ts::Node c = clause.namedChild(k);
      if (c.type() != "as_pattern") continue;
      ts::Node t = c.namedChild(0);
      std::vector<std::string_view> types;
      if (t.type() == "tuple" || t.type() == "parenthesized_expression")
        for (std::uint32_t j = 0; j < t.namedChildCount(); ++j) types.push_back(t.namedChild(j).text(src));
      else types.push_back(t.text(src));
      userFacing = std::all_of(types.begin(), types.end(), userFacingType);
      for (std::uint32_t j = 0; j < c.namedChildCount(); ++j)
        if (c.namedChild(j).type() == "as_pattern_target") bound = c.namedChild(j).text(src);
    }
    return clause;
  }
  return {};
}

/// Whether the statement answers the request, and with which status: `raise HTTPException(…)`,
/// `abort(…)`, or a return of a response (a sink call, or a dict/string/tuple from a handler).
/// Nullopt when a raise or return carries nothing to judge.
struct PyResponse {
  bool response = false;
  std::optional<int> status;
};

std::optional<PyResponse> pyResponse(ts::Node node, ts::Node clause, bool dbError, RuleContext& ctx) {
  auto src = ctx.source();
  PyResponse r;
  if (node.type() == "raise_statement") {
    ts::Node raised = node.namedChildCount() ? node.namedChild(0) : ts::Node();
    if (!raised || raised.type() != "call" || calleeName(raised, src) != "HTTPException") return std::nullopt;
    r.response = true;
    ts::Node args = raised.field("arguments");
    for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "keyword_argument" && a.field("name").text(src) == "status_code")
        r.status = statusValue(a.field("value").text(src));
      else if (i == 0 && a.type() != "keyword_argument")
        r.status = statusValue(a.text(src));
    }
  } else if (node.type() == "call") {  // abort(500, description=str(e))
    r.response = true;
    ts::Node args = node.field("arguments");
    if (args && args.namedChildCount() > 0) r.status = statusValue(args.namedChild(0).text(src));
  } else {
    ts::Node value = node.namedChildCount() ? node.namedChild(0) : ts::Node();
    if (!value) return std::nullopt;
    ts::Node body = value;
    if (value.type() == "expression_list" && value.namedChildCount() >= 2) {
      body = value.namedChild(0);
      r.status = statusValue(value.namedChild(1).text(src));
    }
    ts::walk(value, [&](ts::Node n) {
      if (n.type() == "call" && isPySink(calleeName(n, src))) {
        r.response = true;
        ts::Node args = n.field("arguments");
        for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
          ts::Node a = args.namedChild(i);
          if (a.type() == "keyword_argument" &&
              (a.field("name").text(src) == "status_code" || a.field("name").text(src) == "status"))
            r.status = statusValue(a.field("value").text(src));
        }
      }
      return true;
    });
    if (!r.response && (dbError || clause.type() == "function_definition" || enclosingHandler(ctx)) &&
        (body.type() == "dictionary" || body.type() == "string" || value.type() == "expression_list"))
      r.response = true;
  }
  return r;
}

/// Fix: log the exception (when the handler does not), then answer with a generic message.
void addPyFix(core::Finding& f, RuleContext& ctx, ts::Node node, ts::Node clause, ts::Node exposure) {
  auto src = ctx.source();
  auto fnName = std::string(functionName(enclosingFunction(ctx), src));
  core::Fix fix{.title = "Return a generic message and log the exception", .applicability = core::Applicability::Unsafe};
  ts::Node block = clause.field("body");
  if (!block)
    for (std::uint32_t i = 0; i < clause.namedChildCount(); ++i)
      if (clause.namedChild(i).type() == "block") block = clause.namedChild(i);
  if (!containsLogging(block, src, Lang::Python)) {
    LoggerPlan logger = pythonLogger(ctx.file());
    fix.edits = logger.edits;
    core::TextEdit log;
    log.range = {node.startByte(), node.startByte()};
    ts::Node stmt = node.type() == "call" ? ctx.ancestors().back() : node;
    log.range = {stmt.startByte(), stmt.startByte()};
    log.text = logger.name + ".exception(\"" + (fnName.empty() ? std::string("request") : fnName) + " failed\")\n" +
               std::string(lineIndent(src, stmt.startByte()));
    fix.edits.push_back(log);
  }
  core::TextEdit e;
  e.range = {exposure.startByte(), exposure.endByte()};
  e.text = "\"Internal server error\"";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace

void python(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  if (node.type() == "call" && calleeText(node, src) != "abort" && calleeText(node, src) != "flask.abort") return;
  std::string_view err;
  bool userFacing = false;
  ts::Node clause = pyHandler(ctx, err, userFacing);
  bool dbError = false;
  if (!clause) {  // @app.exception_handler(Exc) / @app.errorhandler(Exc): the exception is a parameter
    auto central = errhandler::pythonHandler(ctx);
    if (!central.fn) return;
    clause = central.fn;
    err = central.errName;
    dbError = errhandler::databaseErrorType(central.handled);
    userFacing = !central.handled.empty() && !dbError && userFacingType(central.handled);
  }
  if (!clause || userFacing) return;
  ts::Node exposure;
  if (!err.empty()) exposure = findExposure(node, err, src, Lang::Python);
  if (!exposure) {
    // traceback.format_exc() needs no bound name.
    exposure = findExposure(node, "\x01", src, Lang::Python);
    if (!exposure) return;
  }
  auto r = pyResponse(node, clause, dbError, ctx);
  if (!r || !r->response) return;
  if ((r->status && *r->status < 500 && !dbError) || debugGuarded(ctx)) return;
  std::string what(exposure.text(src).substr(0, 40));
  core::Finding& f = ctx.report(exposure, "`" + what + "` sends exception details to the client: return a generic "
                                                       "message and log the error");
  addPyFix(f, ctx, node, clause, exposure);
}

}  // namespace agentlens::rules::errdetails
