// catch-all-500: a route handler whose only error path turns every failure into a 500.
#include <algorithm>

#include "rules/common/error_intent.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/auth_failure_500.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds request handlers whose only error path maps everything to 500: a broad `except`
(Python), a `catch` (JavaScript/TypeScript) or an `if err != nil` (Go) answers 500, and nothing in
the handler ever answers 4xx, although the handler reads input or calls a database or another
service.

Not flagged: handlers with a specific branch that answers 4xx (`except ValueError: return ..., 400`),
FastAPI routes whose body is a Pydantic model (422 is automatic), Go handlers that branch on
`errors.Is`/`errors.As`, and handlers with no client-input error path, where 500 is the right
answer: a Python handler that reads no request data (JWT identity only), a JavaScript `try`
that neither throws nor parses/validates input (a repository call that stores what it is
given), a Go error from a call that takes no request data (`store.ListTags()`,
`repo.FindAll(ctx)`, `recover()`). When the module registers app-level error handlers the finding is
reported with low confidence.

Also flagged: a missing session or user answered with a 5xx (`if (!session) return
res.status(500)…`, `if not current_user: return …, 500`): that is a 401.

## Why is this bad?
The client cannot tell "your input is wrong, don't retry" from "we are down, retry later":
retries hammer the service with requests that can never succeed, alerts on 5xx fire for user
typos, and the real outage is lost in the noise.

## Example
```python
@app.post("/orders")
def create_order():
    try:
        order = Order(**request.get_json())
        db.save(order)
    except Exception:
        return jsonify(error="internal error"), 500
```

Use instead:
```python
@app.post("/orders")
def create_order():
    try:
        order = Order(**request.get_json())
        db.save(order)
    except (ValueError, KeyError, TypeError):
        return jsonify(error="invalid order"), 400
    except Exception:
        logger.exception("create_order failed")
        return jsonify(error="internal error"), 500
```

## Fix safety
Python: inserts an `except (ValueError, KeyError) as e:` branch answering 400 before the broad
one: unsafe, it changes which errors answer what. JavaScript and Go: the typed branch
(`err instanceof ValidationError`, `errors.Is(err, ErrNotFound)`) needs an error taxonomy the
project may not have, so it is shown, never applied.

## References
- RFC 9110 §15.5 (4xx) and §15.6 (5xx)
- Google API design guide, "Errors"
)md";

const RuleMeta kMeta{
    .id = "catch-all-500",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Route handler maps every error to 500: no 4xx path for bad input",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

struct State final : RuleState {
  std::vector<std::uint32_t> seen;  // handlers counted / reported
  std::vector<std::uint32_t> reported;
};

constexpr std::string_view kPyInput[] = {"request", "execute", "requests.", "httpx", "db", "session", "cursor",
                                         "query", "get_json"};
constexpr std::string_view kGoInput[] = {"r.Body", "r.URL", "FormValue", "PathValue", "c.Param", "Bind", "c.Query",
                                         "Query", "Exec", "http.", "json.NewDecoder", "db"};
constexpr std::string_view kJsInput[] = {"req.", "request.", "await", "fetch", "db", "query"};

bool readsInputOrCalls(std::string_view t, Lang lang) {
  auto any = [&](auto& keys) {
    return std::any_of(std::begin(keys), std::end(keys), [&](std::string_view k) { return t.find(k) != std::string_view::npos; });
  };
  return lang == Lang::Python ? any(kPyInput) : lang == Lang::Go ? any(kGoInput) : any(kJsInput);
}

class CatchAll500 final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"except_clause", "if_statement"};
    if (lang == Lang::Go) return {"if_statement"};
    return {"catch_clause", "if_statement"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (node.type() == "if_statement" && ctx.lang() != Lang::Go) return authfail::check(node, ctx);
    auto src = ctx.source();
    auto lang = ctx.lang();
    ts::Node branch;
    if (lang == Lang::Python) {
      std::vector<std::string_view> types;
      for (std::uint32_t i = 0; i < node.namedChildCount(); ++i) {
        ts::Node c = node.namedChild(i);
        if (c.type() == "block") branch = c;
        else if (c.type() != "comment") {
          ts::Node t = c.type() == "as_pattern" ? c.namedChild(0) : c;
          if (t.type() == "tuple" || t.type() == "parenthesized_expression")
            for (std::uint32_t k = 0; k < t.namedChildCount(); ++k) types.push_back(t.namedChild(k).text(src));
          else types.push_back(t.text(src));
        }
      }
      bool broad = types.empty() || std::any_of(types.begin(), types.end(), [](std::string_view t) {
        return t == "Exception" || t == "BaseException";
      });
      if (!broad) return;
    } else if (lang == Lang::Go) {
      ts::Node cond = node.field("condition");
      if (!cond || cond.type() != "binary_expression" || cond.field("operator").text(src) != "!=" ||
          cond.field("right").text(src) != "nil")
        return;
      auto left = cond.field("left").text(src);
      if (!(left == "err" || left.ends_with("Err") || left.ends_with("err"))) return;
      branch = node.field("consequence");
    } else {
      branch = node.field("body");
    }
    if (!branch) return;
    Handler h = enclosingHandler(ctx);
    if (!h || h.errorMiddleware) return;
    State& st = ctx.state<State>();
    std::uint32_t key = h.fn.startByte();
    if (std::find(st.seen.begin(), st.seen.end(), key) == st.seen.end()) {
      st.seen.push_back(key);
      ctx.countSite();
    }
    if (std::find(st.reported.begin(), st.reported.end(), key) != st.reported.end()) return;
    ts::Node resp = find5xxResponse(branch, src, lang);
    if (!resp) return;
    auto handlerText = h.fn.text(src);
    if (mentions4xx(handlerText)) return;
    if (lang == Lang::Go && (handlerText.find("errors.Is") != std::string_view::npos ||
                             handlerText.find("errors.As") != std::string_view::npos))
      return;
    if (lang != Lang::Python && lang != Lang::Go && handlerText.find(".status ||") != std::string_view::npos) return;
    if (!readsInputOrCalls(handlerText, lang)) return;
    // No client-input error path: every error that reaches the branch is a server fault, and
    // 500 is the right answer for it.
    if (!clientInputCanFail(h.fn, node, src, lang)) return;
    if (h.framework == "fastapi" && hasModelParam(h.fn, src)) return;
    st.reported.push_back(key);
    std::string fn(functionName(h.fn, src));
    std::string who = fn.empty() ? std::string("this handler") : "`" + fn + "`";
    core::Finding& f = ctx.report(core::ByteRange{node.startByte(), branch.startByte()},
                                  who + " answers 500 for every error: map bad input to 4xx so clients know not to "
                                        "retry");
    while (f.range.end > f.range.start && std::isspace(static_cast<unsigned char>(src[f.range.end - 1]))) --f.range.end;
    if (lang != Lang::Python && lang != Lang::Go) {
      while (f.range.end > f.range.start && (src[f.range.end - 1] == '{' || src[f.range.end - 1] == ' ')) --f.range.end;
    }
    if (src.find("errorhandler(") != std::string_view::npos || src.find("exception_handler(") != std::string_view::npos ||
        src.find("register_error_handler") != std::string_view::npos)
      f.confidence = core::Confidence::Low;
    fixes(f, ctx, node, branch, h);
  }

 private:
  static bool hasModelParam(ts::Node fn, std::string_view src) {
    ts::Node params = fn.field("parameters");
    for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
      ts::Node p = params.namedChild(i);
      if (p.type() != "typed_parameter" && p.type() != "typed_default_parameter") continue;
      auto t = p.field("type").text(src);
      if (t.empty()) continue;
      bool builtin = false;
      for (auto b : {"str", "int", "float", "bool", "dict", "list", "bytes", "Request", "Response", "Session",
                     "BackgroundTasks", "Optional[", "Annotated[", "UUID", "datetime"})
        if (t.starts_with(b)) builtin = true;
      if (!builtin && std::isupper(static_cast<unsigned char>(t[0]))) return true;
    }
    return false;
  }

  static void fixes(core::Finding& f, RuleContext& ctx, ts::Node node, ts::Node branch, const Handler& h) {
    auto src = ctx.source();
    std::string indent(lineIndent(src, node.startByte()));
    std::string unit = indentUnit(src, ctx.lang());
    if (ctx.lang() == Lang::Python) {
      std::string body;
      if (h.framework == "fastapi") {
        if (src.find("HTTPException") == std::string_view::npos) return;
        body = "raise HTTPException(status_code=400, detail=\"invalid request\") from e";
      } else if (src.find("jsonify") != std::string_view::npos) {
        body = "return jsonify(error=\"invalid request\"), 400";
      } else if (h.framework == "flask") {
        body = "return {\"error\": \"invalid request\"}, 400";
      } else {
        return;
      }
      core::Fix fix{.title = "Answer 400 for invalid input (ValueError, KeyError) before the catch-all",
                    .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {node.startByte(), node.startByte()};
      e.text = std::string(h.framework == "fastapi" ? "except (ValueError, KeyError) as e:\n" : "except (ValueError, KeyError):\n") + indent + unit + body + "\n" + indent;
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
      return;
    }
    std::string inner = std::string(lineIndent(src, branch.startByte())) + unit;
    core::Fix fix{.title = "Map a typed error to 4xx (needs an error taxonomy)",
                  .applicability = core::Applicability::DisplayOnly};
    core::TextEdit e;
    // After the line holding `{` (keeps a trailing comment on that line).
    std::uint32_t at = branch.startByte() + 1;
    while (at < branch.endByte() && src[at] != '\n') ++at;
    e.range = {at, at};
    if (ctx.lang() == Lang::Go) {
      auto params = paramNames(h.fn, src, Lang::Go);
      if (h.framework != "net/http" || params.empty()) return;
      e.text = "\n" + inner + "if errors.Is(err, ErrNotFound) {\n" + inner + "\thttp.Error(" + std::string(params[0]) +
               ", \"not found\", http.StatusNotFound)\n" + inner + "\treturn\n" + inner + "}";
    } else {
      ts::Node param = node.field("parameter");
      if (!param || param.type() != "identifier") return;
      auto err = param.text(src);
      e.text = "\n" + inner + "if (" + std::string(err) + " instanceof ValidationError) return res.status(400).json({ error: " +
               std::string(err) + ".message });";
    }
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& catchAll500() {
  static const CatchAll500 rule;
  return rule;
}

}  // namespace agentlens::rules
