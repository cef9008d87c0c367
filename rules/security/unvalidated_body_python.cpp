// unvalidated-request-body, Python: Flask/Django/FastAPI request bodies read key by key.
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/unvalidated_request_body.hpp"

namespace agentlens::rules::request_body {
namespace {

/// request.json, request.get_json(), request.form, request.args, json.loads(request.body).
bool pyRawBody(ts::Node n, std::string_view src) {
  auto t = n.text(src);
  if (in(t, {"request.json", "request.form", "request.args", "request.values", "request.get_json()",
             "request.get_json(force=True)", "request.get_json(silent=True)", "request.data"}))
    return true;
  if (n.type() == "call" && in(calleeText(n, src), {"json.loads"})) {
    ts::Node a = callArguments(n);
    return a && a.namedChildCount() == 1 && a.namedChild(0).text(src) == "request.body";
  }
  return false;
}

/// request.form / request.args / request.values: Werkzeug MultiDicts.
bool pyMultiDict(ts::Node n, std::string_view src) {
  return in(n.text(src), {"request.form", "request.args", "request.values"});
}

/// The handler checks the key before reading it: `data.get("k")` or `"k" in data` (quotes either way).
bool keyChecked(ts::Node fn, std::string_view obj, std::string_view key, std::string_view src) {
  if (key.size() < 2) return false;
  std::string bare(key.substr(1, key.size() - 2));
  auto body = fn.text(src);
  for (std::string q : {"'", "\""}) {
    std::string k = q + bare + q;
    for (const std::string& pat : {std::string(obj) + ".get(" + k, k + " in " + std::string(obj)})
      if (body.find(pat) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

void python(ts::Node node, ts::Node fn, RuleContext& ctx) {
  auto src = ctx.source();
  auto t = node.type();
  if (t == "assignment") {
    ts::Node l = node.field("left"), r = node.field("right");
    if (l && r && l.type() == "identifier" && pyRawBody(r, src)) {
      setBodyVar(fn, l.text(src), !pyMultiDict(r, src), ctx);
    }
    return;
  }
  if (t == "subscript") {
    ts::Node v = node.field("value");
    if (!v) return;
    bool isRaw = pyRawBody(v, src);
    bool dict = isRaw && !pyMultiDict(v, src);
    if (!isRaw && v.type() == "identifier") {
      auto var = bodyVar(fn, v.text(src), ctx);
      isRaw = var.has_value();
      dict = isRaw && *var;
    }
    // Werkzeug's form/args MultiDicts answer a missing key with 400 (BadRequestKeyError), and
    // their values are always strings: nothing to type-check.
    if (!isRaw || !dict) return;
    ts::Node key = node.field("subscript");
    if (!key || key.type() != "string") return;
    if (keyChecked(fn, v.text(src), key.text(src), src)) return;
    noteRaw(fn, node, std::string(node.text(src)) +
                          " is read without validation: a missing key raises KeyError (a 500) and types are "
                          "unchecked; validate the body with a schema (Pydantic, marshmallow)",
        ctx);
    return;
  }
  // call
  std::string_view callee = calleeText(node, src);
  std::string_view name = calleeName(node, src);
  if (in(name, {"load", "model_validate", "model_validate_json", "parse_obj", "parse_raw", "validate", "is_valid",
                "validate_on_submit", "validate_json", "loads_validated"}) &&
      callee != "json.load") {
    noteValidated(fn, ctx);
    return;
  }
  ts::Node args = callArguments(node);
  for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i)
    if (args.namedChild(i).type() == "dictionary_splat") {  // OrderIn(**data)
      noteValidated(fn, ctx);
      return;
    }
  if ((callee == "request.json" || callee == "request.body" || callee == "request.form") &&
      (ctx.facts().usesFramework("fastapi") || ctx.facts().usesFramework("starlette"))) {
    auto anc = ctx.ancestors();
    if (!anc.empty() && anc.back().type() == "await") {
      noteRaw(fn, node, "await " + std::string(callee) +
                            "() bypasses FastAPI's validation: declare a Pydantic model parameter instead",
          ctx);
      onlyInRoute(fn, ctx);  // a middleware has no parameters to declare
    }
  }
}

}  // namespace agentlens::rules::request_body
