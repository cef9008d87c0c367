// unvalidated-request-body: request input used field by field with no schema layer.
#include <map>
#include <optional>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/unvalidated_request_body.hpp"

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
      case Lang::Python: return request_body::python(node, fn, ctx);
      case Lang::Go: return request_body::go(node, fn, ctx);
      default: return request_body::js(node, fn, ctx);
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
  /// A callback nested in a handler that validated the body (`const send = () => mail(req.body.x)`).
  static bool insideValidated(const State& st, std::uint32_t start, std::uint32_t end) {
    for (const auto& [s, h] : st.handlers)
      if (h.validated && s < start && end <= h.end) return true;
    return false;
  }
};

Handler& handler(ts::Node fn, RuleContext& ctx) {
  auto& h = ctx.state<State>().handlers[fn.startByte()];
  if (!h.counted) {
    h.counted = true;
    h.end = fn.endByte();
    ctx.countSite();
  }
  return h;
}

}  // namespace

namespace request_body {

void noteHandler(ts::Node fn, RuleContext& ctx) { handler(fn, ctx); }

void noteRaw(ts::Node fn, ts::Node at, std::string what, RuleContext& ctx) {
  Handler& h = handler(fn, ctx);
  if (!h.firstRaw) {
    h.firstRaw = at;
    h.what = std::move(what);
  }
}

void noteValidated(ts::Node fn, RuleContext& ctx) { handler(fn, ctx).validated = true; }

void onlyInRoute(ts::Node fn, RuleContext& ctx) { handler(fn, ctx).onlyInRoute = true; }

void setBodyVar(ts::Node fn, std::string_view name, bool dict, RuleContext& ctx) {
  ctx.state<State>().bodyVars[{fn.startByte(), std::string(name)}] = dict;
  handler(fn, ctx);
}

std::optional<bool> bodyVar(ts::Node fn, std::string_view name, RuleContext& ctx) {
  const auto& vars = ctx.state<State>().bodyVars;
  auto it = vars.find({fn.startByte(), std::string(name)});
  if (it == vars.end()) return std::nullopt;
  return it->second;
}

}  // namespace request_body

const Rule& unvalidatedRequestBody() {
  static const UnvalidatedRequestBody rule;
  return rule;
}

}  // namespace agentlens::rules
