// unvalidated-request-body: request input used field by field with no schema layer.
#include <algorithm>
#include <cctype>
#include <map>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds request input used key by key in a handler that validates nothing:
- Flask/Django: `request.json["k"]`, `request.get_json()["k"]`, `json.loads(request.body)["k"]`
  — directly or through a variable (`data = request.get_json(); data["k"]`);
- FastAPI/Starlette: `await request.json()` instead of a typed (Pydantic) parameter;
- Express/Next.js: `req.body.x`, `req.body["x"]`, `const { x } = req.body`, and fields of
  `await req.json()`;
- Go: `json.NewDecoder(r.Body).Decode(&m)` (or gin `ShouldBindJSON`/`BindJSON`) into a
  `map[string]any`.

A handler counts as validated when it (or its route's middleware) runs a schema: marshmallow
`load`, Pydantic `model_validate`/`parse_obj`/`Model(**data)`, WTForms `validate`, DRF
`is_valid`, zod `parse`/`safeParse`, joi/yup `validate`, ajv, class-validator, express-validator
(`body(...)`, `validationResult`), celebrate, validator.js checks (`validator.isEmail(...)`).
Validator middleware on the route registration counts too, also when the handler is a named
function or lives in another module (`router.post("/login", validate(schema), auth.login)`), and
so does a callback nested in a validated handler.

## Why is this bad?
"AI assumes request.json["email"] exists": a missing key becomes a `KeyError` and a 500, a wrong
type travels into the database, and every extra field is silently accepted. Everything from
outside should pass one schema that says what is required and of which type, and answers 400/422
when the input is wrong.

Not flagged: `request.json.get("k")` (the handler decided what a missing key means), a key checked
before it is read (`if data.get("k"): data["k"]`, `"k" in data`), Flask `request.form["k"]` and
`request.args["k"]` (Werkzeug answers a missing key with 400 and the values are strings),
`await request.body()` in a FastAPI middleware or helper (only a route can declare a model),
Pydantic-typed FastAPI parameters, DRF serializers, Go structs (typed; see also
DisallowUnknownFields), tests.

## Example
```python
@app.post("/orders")
def create_order():
    qty = request.json["qty"]
```

Use instead:
```python
class OrderIn(BaseModel):
    item: str
    qty: int

@app.post("/orders")
def create_order():
    order = OrderIn.model_validate(request.get_json())
```

## References
- OWASP API Security Top 10 2023, API3 (broken object property level authorization) and input validation cheat sheet
- Pydantic, zod, Go `json.Decoder.DisallowUnknownFields`
)md";

const RuleMeta kMeta{
    .id = "unvalidated-request-body",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Request body used field by field without schema validation",
    .docs = kDocs,
    .mode = ScoreMode::Density,
};

bool in(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

struct Handler {
  ts::Node firstRaw;       ///< the first unvalidated access
  std::string what;        ///< how it reads, for the message
  std::uint32_t end = 0;   ///< end byte of the function
  bool validated = false;
  bool counted = false;
  bool onlyInRoute = false;  ///< the finding holds only in a registered route handler
};

struct State final : RuleState {
  std::map<std::uint32_t, Handler> handlers;                    ///< by function start byte
  std::map<std::pair<std::uint32_t, std::string>, bool> bodyVars;  ///< (function, name) → holds the raw body
};

class UnvalidatedRequestBody final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"subscript", "call", "assignment"};
    if (lang == Lang::Go) return {"call_expression"};
    return {"member_expression", "subscript_expression", "variable_declarator", "call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || ctx.facts().role == core::FileRole::Frontend) return;
    ts::Node fn = enclosingFunction(ctx);
    if (!fn) return;
    switch (ctx.lang()) {
      case Lang::Python: return python(node, fn, ctx);
      case Lang::Go: return go(node, fn, ctx);
      default: return js(node, fn, ctx);
    }
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    for (auto& [start, h] : st.handlers) {
      if (h.validated || !h.firstRaw) continue;
      const core::Route* route = ctx.facts().routeAt(start);
      if (route && route->validatesBody) continue;  // validator middleware on its registration
      if (h.onlyInRoute && !route) continue;        // middleware or helper: no parameter to declare
      if (insideValidated(st, start, h.end)) continue;
      core::Finding& f = ctx.report(h.firstRaw, h.what);
      if (ctx.lang() != Lang::Python && ctx.lang() != Lang::Go) f.confidence = core::Confidence::Low;
    }
  }

 private:
  static Handler& handler(ts::Node fn, RuleContext& ctx) {
    auto& h = ctx.state<State>().handlers[fn.startByte()];
    if (!h.counted) {
      h.counted = true;
      h.end = fn.endByte();
      ctx.countSite();
    }
    return h;
  }

  /// A callback nested in a handler that validated the body (`const send = () => mail(req.body.x)`).
  static bool insideValidated(const State& st, std::uint32_t start, std::uint32_t end) {
    for (const auto& [s, h] : st.handlers)
      if (h.validated && s < start && end <= h.end) return true;
    return false;
  }

  static void raw(ts::Node fn, ts::Node at, std::string what, RuleContext& ctx) {
    Handler& h = handler(fn, ctx);
    if (!h.firstRaw) {
      h.firstRaw = at;
      h.what = std::move(what);
    }
  }

  static void validated(ts::Node fn, RuleContext& ctx) { handler(fn, ctx).validated = true; }

  // ---------------------------------------------------------------- Python

  /// request.json, request.get_json(), request.form, request.args, json.loads(request.body).
  static bool pyRawBody(ts::Node n, std::string_view src) {
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
  static bool pyMultiDict(ts::Node n, std::string_view src) {
    return in(n.text(src), {"request.form", "request.args", "request.values"});
  }

  /// The handler checks the key before reading it: `data.get("k")` or `"k" in data` (quotes either way).
  static bool keyChecked(ts::Node fn, std::string_view obj, std::string_view key, std::string_view src) {
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

  static void python(ts::Node node, ts::Node fn, RuleContext& ctx) {
    auto src = ctx.source();
    auto& st = ctx.state<State>();
    auto t = node.type();
    if (t == "assignment") {
      ts::Node l = node.field("left"), r = node.field("right");
      if (l && r && l.type() == "identifier" && pyRawBody(r, src)) {
        st.bodyVars[{fn.startByte(), std::string(l.text(src))}] = !pyMultiDict(r, src);
        handler(fn, ctx);
      }
      return;
    }
    if (t == "subscript") {
      ts::Node v = node.field("value");
      if (!v) return;
      bool isRaw = pyRawBody(v, src);
      bool dict = isRaw && !pyMultiDict(v, src);
      if (!isRaw && v.type() == "identifier") {
        auto it = st.bodyVars.find({fn.startByte(), std::string(v.text(src))});
        isRaw = it != st.bodyVars.end();
        dict = isRaw && it->second;
      }
      // Werkzeug's form/args MultiDicts answer a missing key with 400 (BadRequestKeyError), and
      // their values are always strings: nothing to type-check.
      if (!isRaw || !dict) return;
      ts::Node key = node.field("subscript");
      if (!key || key.type() != "string") return;
      if (keyChecked(fn, v.text(src), key.text(src), src)) return;
      raw(fn, node, std::string(node.text(src)) +
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
      validated(fn, ctx);
      return;
    }
    ts::Node args = callArguments(node);
    for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i)
      if (args.namedChild(i).type() == "dictionary_splat") {  // OrderIn(**data)
        validated(fn, ctx);
        return;
      }
    if ((callee == "request.json" || callee == "request.body" || callee == "request.form") &&
        (ctx.facts().usesFramework("fastapi") || ctx.facts().usesFramework("starlette"))) {
      auto anc = ctx.ancestors();
      if (!anc.empty() && anc.back().type() == "await") {
        raw(fn, node, "await " + std::string(callee) +
                          "() bypasses FastAPI's validation: declare a Pydantic model parameter instead",
            ctx);
        handler(fn, ctx).onlyInRoute = true;  // a middleware has no parameters to declare
      }
    }
  }

  // ---------------------------------------------------------------- JavaScript / TypeScript

  static bool routeMiddlewareValidates(ts::Node fn, const RuleContext& ctx) {
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
  static bool validatorJsCheck(std::string_view callee) {
    if (callee.starts_with("validator.")) callee.remove_prefix(10);
    else return false;
    return callee.size() > 2 && callee.starts_with("is") && std::isupper(static_cast<unsigned char>(callee[2]));
  }

  static void js(ts::Node node, ts::Node fn, RuleContext& ctx) {
    auto src = ctx.source();
    auto& st = ctx.state<State>();
    auto t = node.type();
    if (t == "call_expression") {
      std::string_view name = calleeName(node, src);
      if (in(name, {"parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync",
                    "validationResult", "assert", "create", "decode", "is", "check", "validateOrReject"}) &&
          calleeText(node, src) != "JSON.parse")
        validated(fn, ctx);
      else if (validatorJsCheck(calleeText(node, src)))
        validated(fn, ctx);
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
        if (routeMiddlewareValidates(fn, ctx)) return validated(fn, ctx);
        raw(fn, node, "fields are destructured from the request body without validation: parse it with a schema "
                      "(zod, joi, …) first",
            ctx);
      } else if (n.type() == "identifier" && awaited) {
        st.bodyVars[{fn.startByte(), std::string(n.text(src))}] = true;
        handler(fn, ctx);
      }
      return;
    }
    // member_expression / subscript_expression on req.body or a body variable
    ts::Node obj = node.field("object");
    if (!obj) return;
    auto ot = obj.text(src);
    bool isBody = ot == "req.body" || ot == "request.body" ||
                  (obj.type() == "identifier" && st.bodyVars.count({fn.startByte(), std::string(ot)}));
    if (!isBody) return;
    auto anc = ctx.ancestors();
    // The value passed whole to a validator is handled by the call check; here only field reads.
    if (!anc.empty() && anc.back().type() == "call_expression" && anc.back().field("function") == node) return;
    if (routeMiddlewareValidates(fn, ctx)) return validated(fn, ctx);
    raw(fn, node, std::string(node.text(src)) + " is used without validation: parse the body with a schema (zod, "
                                                "joi, …) before using its fields",
        ctx);
  }

  // ---------------------------------------------------------------- Go

  static void go(ts::Node node, ts::Node fn, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view name = calleeName(node, src);
    std::string_view callee = calleeText(node, src);
    if (in(name, {"Validate", "Struct", "ValidateStruct"})) return validated(fn, ctx);
    bool decode = name == "Decode" && callee.find("NewDecoder(") != std::string_view::npos &&
                  callee.find(".Body") != std::string_view::npos;
    bool bind = in(name, {"ShouldBindJSON", "BindJSON", "ShouldBind", "Bind"});
    if (!decode && !bind) return;
    handler(fn, ctx);
    ts::Node args = callArguments(node);
    if (!args || args.namedChildCount() != 1) return;
    auto target = args.namedChild(0).text(src);
    if (!target.starts_with("&")) return;
    std::string var(target.substr(1));
    auto body = fn.text(src);
    bool isMap = false;
    for (auto pat : {"var " + var + " map[string]", var + " := map[string]", var + " := make(map[string]",
                     var + " = map[string]"})
      if (body.find(pat) != std::string_view::npos) isMap = true;
    if (!isMap) return;
    raw(fn, node, "the request body is decoded into a map (" + var +
                      "): any fields of any type are accepted; decode into a struct and validate it",
        ctx);
  }
};

}  // namespace

const Rule& unvalidatedRequestBody() {
  static const UnvalidatedRequestBody rule;
  return rule;
}

}  // namespace agentlens::rules
