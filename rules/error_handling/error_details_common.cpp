#include <algorithm>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/error_details.hpp"

namespace agentlens::rules::errdetails {

using core::Lang;

constexpr std::string_view kPySinks[] = {"jsonify", "JSONResponse", "HttpResponse", "JsonResponse", "make_response",
                                         "Response", "PlainTextResponse", "HTMLResponse", "ORJSONResponse",
                                         "HttpResponseServerError"};

bool isPySink(std::string_view name) {
  return std::find(std::begin(kPySinks), std::end(kPySinks), name) != std::end(kPySinks);
}

namespace {
/// `(error as Error)` / `error!` -> `error`.
ts::Node unwrapCast(ts::Node n) {
  while (n && (n.type() == "parenthesized_expression" || n.type() == "as_expression" ||
               n.type() == "non_null_expression" || n.type() == "satisfies_expression") &&
         n.namedChildCount() > 0)
    n = n.namedChild(0);
  return n;
}
}  // namespace

/// The first node in `root` that exposes the error named `err`.
ts::Node findExposure(ts::Node root, std::string_view err, std::string_view src, Lang lang) {
  ts::Node found;
  walkSameFunction(root, lang, [&](ts::Node n) {
    if (found) return;
    auto t = n.type();
    if (lang == Lang::Python) {
      if (t == "call") {
        auto c = calleeText(n, src);
        ts::Node args = n.field("arguments");
        // str(e), and str(e.orig): SQLAlchemy's wrapped driver exception
        if ((c == "str" || c == "repr") && args && args.namedChildCount() == 1 &&
            (args.namedChild(0).text(src) == err || args.namedChild(0).text(src) == std::string(err) + ".orig"))
          found = n;
        if (c == "traceback.format_exc" || c == "traceback.format_exception") found = n;
      } else if (t == "attribute" && n.field("object").text(src) == err && n.field("attribute").text(src) == "args") {
        found = n;
      } else if (t == "interpolation" && n.namedChildCount() > 0) {
        auto e = n.namedChild(0).text(src);
        if (e == err) found = n;  // reported on the f-string below
      }
    } else if (lang == Lang::Go) {
      if (t == "call_expression" && calleeText(n, src) == std::string(err) + ".Error") found = n;
    } else {
      if (t == "member_expression" && unwrapCast(n.field("object")).text(src) == err) {
        auto p = n.field("property").text(src);
        if (p == "message" || p == "stack") found = n;
      } else if (t == "call_expression" && calleeText(n, src) == "String") {
        ts::Node a = n.field("arguments");
        if (a && a.namedChildCount() == 1 && a.namedChild(0).text(src) == err) found = n;
      } else if (t == "template_substitution" && n.namedChildCount() == 1 && n.namedChild(0).text(src) == err) {
        found = n;
      }
    }
  });
  // An f-string / template interpolation: expose the whole string.
  if (found && (found.type() == "interpolation" || found.type() == "template_substitution")) found = found.parent();
  return found;
}

bool userFacingType(std::string_view t) {
  return t.find("Validation") != std::string_view::npos || t.find("HTTPException") != std::string_view::npos ||
         t.find("BadRequest") != std::string_view::npos || t.find("NotFound") != std::string_view::npos ||
         t == "ValueError" || t.find("UserError") != std::string_view::npos ||
         t.find("ClientError") != std::string_view::npos || t.find("PermissionDenied") != std::string_view::npos;
}

/// A condition that makes exposure deliberate: debug mode, a non-production environment, or a
/// status check that keeps messages to 4xx answers (`status < 500 ? err.message : "…"`).
bool deliberateCondition(std::string_view c) {
  for (auto k : {"debug", "DEBUG", "NODE_ENV", "isDev", "development", "expose"})
    if (c.find(k) != std::string_view::npos) return true;
  return c.find("status") != std::string_view::npos && c.find("500") != std::string_view::npos;
}

/// True when `exposure` sits in a conditional expression (below `stop`) with a deliberate condition.
bool conditionallyExposed(ts::Node exposure, ts::Node stop, std::string_view src) {
  for (ts::Node n = exposure; n && n != stop; n = n.parent()) {
    auto t = n.type();
    if (t == "ternary_expression" || t == "conditional_expression") {
      ts::Node cond = n.field("condition");
      if (deliberateCondition(cond ? cond.text(src) : n.text(src))) return true;
    }
  }
  return false;
}

bool debugGuarded(const RuleContext& ctx) {
  auto src = ctx.source();
  for (ts::Node a : ctx.ancestors()) {
    if (a.type() != "if_statement" && a.type() != "ternary_expression" && a.type() != "conditional_expression") continue;
    ts::Node cond = a.field("condition");
    auto c = cond ? cond.text(src) : a.text(src).substr(0, 60);
    if (deliberateCondition(c)) return true;
  }
  return false;
}

}  // namespace agentlens::rules::errdetails
