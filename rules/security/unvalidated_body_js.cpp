// unvalidated-request-body, JavaScript/TypeScript: Express/Next.js bodies used field by field.
#include <cctype>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/unvalidated_request_body.hpp"

namespace agentlens::rules::request_body {
namespace {


bool routeMiddlewareValidates(ts::Node fn, const RuleContext& ctx) {
  auto src = ctx.source();
  auto anc = ctx.ancestors();
  for (std::size_t i = 0; i + 1 < anc.size(); ++i) {
    if (!(anc[i + 1] == fn)) continue;
    ts::Node args = anc[i];
    if (args.type() != "arguments") return false;
    for (std::uint32_t k = 0; k < args.namedChildCount(); ++k) {
      ts::Node a = args.namedChild(k);
      if (a == fn) break;
      auto t = a.text(src);
      for (auto w : {"validat", "celebrate", "body(", "check(", "schema", "Schema", "zValidator"})
        if (t.find(w) != std::string_view::npos) return true;
    }
    return false;
  }
  return false;
}

/// validator.js checks: `validator.isEmail(x)`, `validator.isEmpty(x)`, `isLength(x, …)`.
bool validatorJsCheck(std::string_view callee) {
  if (callee.starts_with("validator.")) callee.remove_prefix(10);
  else return false;
  return callee.size() > 2 && callee.starts_with("is") && std::isupper(static_cast<unsigned char>(callee[2]));
}

}  // namespace

void js(ts::Node node, ts::Node fn, RuleContext& ctx) {
  auto src = ctx.source();
  auto t = node.type();
  if (t == "call_expression") {
    std::string_view name = calleeName(node, src);
    if (in(name, {"parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync",
                  "validationResult", "assert", "create", "decode", "is", "check", "validateOrReject"}) &&
        calleeText(node, src) != "JSON.parse")
      noteValidated(fn, ctx);
    else if (validatorJsCheck(calleeText(node, src)))
      noteValidated(fn, ctx);
    return;
  }
  if (t == "variable_declarator") {
    ts::Node v = node.field("value");
    ts::Node n = node.field("name");
    if (!v || !n) return;
    auto vt = v.text(src);
    bool body = vt == "req.body" || vt == "request.body";
    bool awaited = vt == "await req.json()" || vt == "await request.json()";
    if (n.type() == "object_pattern" && (body || awaited)) {
      if (routeMiddlewareValidates(fn, ctx)) return noteValidated(fn, ctx);
      noteRaw(fn, node, "fields are destructured from the request body without validation: parse it with a schema "
                        "(zod, joi, …) first",
          ctx);
    } else if (n.type() == "identifier" && awaited) {
      setBodyVar(fn, n.text(src), true, ctx);
    }
    return;
  }
  // member_expression / subscript_expression on req.body or a body variable
  ts::Node obj = node.field("object");
  if (!obj) return;
  auto ot = obj.text(src);
  bool isBody = ot == "req.body" || ot == "request.body" ||
                (obj.type() == "identifier" && bodyVar(fn, ot, ctx).has_value());
  if (!isBody) return;
  auto anc = ctx.ancestors();
  // The value passed whole to a validator is handled by the call check; here only field reads.
  if (!anc.empty() && anc.back().type() == "call_expression" && anc.back().field("function") == node) return;
  if (routeMiddlewareValidates(fn, ctx)) return noteValidated(fn, ctx);
  noteRaw(fn, node, std::string(node.text(src)) + " is used without validation: parse the body with a schema (zod, "
                                                  "joi, …) before using its fields",
      ctx);
}

}  // namespace agentlens::rules::request_body
