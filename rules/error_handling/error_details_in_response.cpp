// error-details-in-response: exception messages, reprs and stack traces sent to the client.
#include "rules/error_handling/error_details.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds responses built in an error branch that carry the exception's internals:
- Python: `str(e)`, `repr(e)`, `f"{e}"`, `e.args` or `traceback.format_exc()` in a returned
  `jsonify`/`JSONResponse`/`HttpResponse`/tuple, an `HTTPException(detail=...)` or `abort(...)`;
- Python central handlers: FastAPI `@app.exception_handler(Exc)` and Flask
  `@app.errorhandler(Exc)` / `app_errorhandler` returning `str(exc)` (database errors such as
  `IntegrityError` even with a 4xx status: their text is the driver's, not a validation message);
- JavaScript/TypeScript: `err.message`, `err.stack`, `String(err)`, `${err}` or `err` itself in
  `res.json/send/end/write` or `NextResponse.json`, in a `catch` block or an Express error
  middleware, and in Hono `c.json(…)` of an `app.onError` / `ErrorHandler` handler; and in a
  5xx HTTP error thrown from a `catch` (`throw new ApiError(500, err.message)`, `createError(500,
  …)`, Nest `new InternalServerErrorException(err.message)`), whose message the error middleware
  or the framework answers with; and the `error` of a database client result (`const { error } =
  await supabase.from(…)…`) returned from a Next.js server action (`return { error: error.message }`
  in a 'use server' file) or thrown as an object payload (`throw { code, message: error.message }`);
- Go: `err.Error()` in `http.Error(w, ...)`, in `c.JSON/String/AbortWithStatusJSON` with a 5xx
  status, or `err` written with `fmt.Fprint*(w, ...)`; and error-body constructors
  (`func NewError(err error) Error`, returning a JSON-tagged struct or a map) that copy the raw
  `err.Error()` into the body, whatever status the handlers answer with (medium confidence: the
  handlers that send it are in other files). A `case *echo.HTTPError:` branch is user-facing.

Not flagged: 4xx responses (validation messages are meant for the client), user-facing error
types (`ValidationError`, `HTTPException`, Pydantic errors), branches guarded by a debug flag or
`NODE_ENV`, CLI code and tests.

## Why is this bad?
Exception text leaks table and column names, SQL fragments, file paths, hostnames and library
versions, which is free reconnaissance for an attacker (CWE-209). It also makes the API's error
contract whatever the database driver says today.

## Example
```python
except Exception as e:
    return jsonify({"error": str(e)}), 500
```

Use instead:
```python
except Exception:
    logger.exception("create_order failed")
    return jsonify({"error": "Internal server error"}), 500
```

## Fix safety
Replaces the exposed expression with `"Internal server error"` and logs the original error with
its traceback first (adding the logger when missing). Clients that parsed the old message see a
different body: unsafe.

## References
- CWE-209: Generation of Error Message Containing Sensitive Information
- CodeQL `py/stack-trace-exposure`, `js/stack-trace-exposure`, `go/stack-trace-exposure`
- OWASP Error Handling Cheat Sheet
)md";

const RuleMeta kMeta{
    .id = "error-details-in-response",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Exception message or stack trace returned to the client",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
};

class ErrorDetailsInResponse final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"return_statement", "raise_statement", "call"};
    if (lang == Lang::Go) return {"call_expression", "function_declaration"};
    if (lang != Lang::Python) return {"call_expression", "new_expression", "return_statement", "throw_statement"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    const auto& facts = ctx.facts();
    if (facts.isTestOrGenerated() || facts.role == core::FileRole::Script) return;
    switch (ctx.lang()) {
      case Lang::Python: errdetails::python(node, ctx); break;
      case Lang::Go:
        if (node.type() == "function_declaration") errdetails::goErrorBody(node, ctx);
        else errdetails::go(node, ctx);
        break;
      default:
        if (node.type() == "return_statement" || node.type() == "throw_statement") errdetails::jsResultError(node, ctx);
        else errdetails::js(node, ctx);
        break;
    }
  }
};

}  // namespace

const Rule& errorDetailsInResponse() {
  static const ErrorDetailsInResponse rule;
  return rule;
}

}  // namespace agentlens::rules
