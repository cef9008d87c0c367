// unchecked-response-status: an HTTP response consumed without looking at its status.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/response_text.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds outbound HTTP responses that are used without a status check in the same function:
- Python: the result of `requests.<verb>(...)` / `httpx.<verb>(...)` read with `.json()`, `.text` or
  `.content` (or returned) with no `raise_for_status()`, `.ok` or `status_code` check;
- JavaScript/TypeScript: `const r = await fetch(...)` then `r.json()`/`r.text()` with no `r.ok`
  or `r.status` (fetch does not reject on 4xx/5xx), including `(await fetch(u)).json()` and
  `fetch(u).then(r => r.json())`;
- Go: `resp.Body` read without any reference to `resp.StatusCode` (not flagged when the decoded
  body's own status is checked: `if result.Head.Status.Code != 0 {`).

Not flagged: axios, ky and got (they throw on non-2xx), responses passed to a helper that can
check them (one hop), sessions or clients whose hooks raise, and browser code, tests and tool
config.

## Why is this bad?
A 502 page, a rate-limit notice or an error JSON is parsed as if it were the data: the code fails
later with a confusing `KeyError`/`undefined`, or silently stores the error body as a result.

## Example
```js
const r = await fetch(`${PRICES_URL}/${sku}`);
const price = await r.json();
```

Use instead:
```js
const r = await fetch(`${PRICES_URL}/${sku}`, { signal: AbortSignal.timeout(5000) });
if (!r.ok) throw new Error(`prices: upstream status ${r.status}`);
const price = await r.json();
```

## Fix safety
Inserts the check after the call (`resp.raise_for_status()`, `if (!r.ok) throw …`, or in Go an
`if resp.StatusCode >= 400 { return …, fmt.Errorf(...) }` when the function returns an error).
Failures now raise where they used to pass through: unsafe.

## References
- semgrep `python/requests/best-practice/use-raise-for-status`
- MDN: "fetch() … does not reject on HTTP error status"
)md";

const RuleMeta kMeta{
    .id = "unchecked-response-status",
    .category = core::Category::ErrorHandling,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .roles = {core::FileRole::Server, core::FileRole::Library, core::FileRole::Config, core::FileRole::Script,
              core::FileRole::Migration},
    .summary = "HTTP response body used without checking the status code",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

using resptext::apiStatusChecked;
using resptext::passedToHelper;
using resptext::word;
using resptext::uses;

class UncheckedResponseStatus final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    switch (ctx.lang()) {
      case Lang::Python: python(call, ctx); break;
      case Lang::Go: go(call, ctx); break;
      default: js(call, ctx); break;
    }
  }

 private:
  /// The scope to search: the enclosing function's body, else the whole module.
  static ts::Node scope(const RuleContext& ctx) {
    ts::Node fn = enclosingFunction(ctx);
    return fn ? fn : ctx.file().tree.root();
  }

  static void python(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    auto name = calleeName(call, src);
    bool http = (callee.starts_with("requests.") && ctx.facts().imports_("requests")) ||
                (callee.starts_with("httpx.") && ctx.facts().imports_("httpx"));
    if (!http || callee.find('.') != callee.rfind('.')) return;
    if (name != "get" && name != "post" && name != "put" && name != "patch" && name != "delete" && name != "request")
      return;
    if (src.find("event_hooks") != std::string_view::npos || src.find("hooks=") != std::string_view::npos) return;
    auto anc = ctx.ancestors();
    std::size_t i = anc.size();
    ts::Node inner = call;
    if (i > 0 && anc[i - 1].type() == "await") inner = anc[--i];
    if (i == 0) return;
    ts::Node parent = anc[i - 1];
    // requests.get(u).json()
    if (parent.type() == "attribute" && parent.field("object") == inner) {
      auto attr = parent.field("attribute").text(src);
      if (attr == "raise_for_status" || attr == "status_code" || attr == "ok") return;
      if (attr != "json" && attr != "text" && attr != "content") return;
      ctx.countSite();
      ctx.report(call, "`" + std::string(callee) + "(...)." + std::string(attr) +
                           "` reads the body without checking the status: call `raise_for_status()` first");
      return;
    }
    if (parent.type() != "assignment" || parent.field("right") != inner) return;
    ts::Node left = parent.field("left");
    if (left.type() != "identifier") return;
    auto var = left.text(src);
    auto text = scope(ctx).text(src);
    bool consumed = uses(text, var, {".json(", ".text", ".content", ".iter_content", ".iter_lines"});
    // `return resp` hands it to the caller unchecked
    for (auto p = text.find("return " + std::string(var)); p != std::string_view::npos;
         p = text.find("return " + std::string(var), p + 1))
      if (word(text, p + 7, var.size())) consumed = true;
    if (!consumed) return;
    ctx.countSite();
    if (uses(text, var, {".raise_for_status", ".ok", ".status_code", ".is_success", ".is_error", ".status"}) ||
        passedToHelper(text, var))
      return;
    core::Finding& f = ctx.report(call, "response of `" + std::string(callee) + "(...)` is used without checking its "
                                                                                "status: call `" +
                                            std::string(var) + ".raise_for_status()`");
    ts::Node stmt = i >= 2 ? anc[i - 2] : ts::Node();
    if (!stmt || stmt.type() != "expression_statement") return;
    core::Fix fix{.title = "Raise on 4xx/5xx with " + std::string(var) + ".raise_for_status()",
                  .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {stmt.endByte(), stmt.endByte()};
    e.text = "\n" + std::string(lineIndent(src, stmt.startByte())) + std::string(var) + ".raise_for_status()";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    if (calleeText(call, src) != "fetch") return;
    auto anc = ctx.ancestors();
    std::size_t i = anc.size();
    if (i == 0) return;
    // fetch(u).then(r => r.json())
    if (anc[i - 1].type() == "member_expression" && anc[i - 1].field("property").text(src) == "then" && i >= 2 &&
        anc[i - 2].type() == "call_expression") {
      ts::Node args = anc[i - 2].field("arguments");
      if (!args || args.namedChildCount() == 0) return;
      ts::Node cb = args.namedChild(0);
      auto params = paramNames(cb, src, ctx.lang());
      if (params.empty() || params[0].empty()) return;
      auto text = cb.text(src);
      if (!uses(text, params[0], {".json(", ".text(", ".blob(", ".arrayBuffer("})) return;
      ctx.countSite();
      if (uses(text, params[0], {".ok", ".status"})) return;
      ctx.report(call, "`fetch` resolves on 4xx/5xx too: check `" + std::string(params[0]) + ".ok` before reading the body");
      return;
    }
    if (anc[i - 1].type() != "await_expression") return;
    ts::Node awaited = anc[i - 1];
    if (i < 2) return;
    ts::Node parent = anc[i - 2];
    if (parent.type() == "parenthesized_expression" && i >= 3 && anc[i - 3].type() == "member_expression") {
      auto prop = anc[i - 3].field("property").text(src);
      if (prop == "json" || prop == "text" || prop == "blob" || prop == "arrayBuffer") {
        ctx.countSite();
        ctx.report(call, "`(await fetch(...))." + std::string(prop) +
                             "()` reads the body even for 4xx/5xx answers: check `.ok` first");
      }
      return;
    }
    if (parent.type() != "variable_declarator" || parent.field("value") != awaited) return;
    ts::Node nameNode = parent.field("name");
    if (!nameNode || nameNode.type() != "identifier") return;
    auto var = nameNode.text(src);
    auto text = scope(ctx).text(src);
    if (!uses(text, var, {".json(", ".text(", ".blob(", ".arrayBuffer(", ".body"})) return;
    ctx.countSite();
    if (uses(text, var, {".ok", ".status"}) || passedToHelper(text, var)) return;
    core::Finding& f = ctx.report(call, "`fetch` resolves on 4xx/5xx too: check `" + std::string(var) +
                                            ".ok` before reading the body");
    ts::Node decl = i >= 3 ? anc[i - 3] : ts::Node();
    if (!decl || (decl.type() != "lexical_declaration" && decl.type() != "variable_declaration")) return;
    core::Fix fix{.title = "Throw when the response is not ok", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {decl.endByte(), decl.endByte()};
    e.text = "\n" + std::string(lineIndent(src, decl.startByte())) + "if (!" + std::string(var) +
             ".ok) throw new Error(`Upstream ${" + std::string(var) + ".status}`);";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  static void go(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    auto name = calleeName(call, src);
    bool http = callee == "http.Get" || callee == "http.Post" || callee == "http.PostForm" ||
                (callee.find('.') != std::string_view::npos && (name == "Do" || name == "Get" || name == "Post") &&
                 callee != "os.Getenv" && ctx.facts().imports_("net/http"));
    if (!http) return;
    auto anc = ctx.ancestors();
    std::size_t i = anc.size();
    if (i < 2 || anc[i - 1].type() != "expression_list") return;
    ts::Node decl = anc[i - 2];
    if (decl.type() != "short_var_declaration" && decl.type() != "assignment_statement") return;
    ts::Node left = decl.field("left");
    if (!left || left.namedChildCount() < 2) return;
    auto var = left.namedChild(0).text(src);
    if (var == "_") return;
    auto text = scope(ctx).text(src);
    bool read = uses(text, var, {".Body)", ".Body, "}) &&
                (text.find("ReadAll(" + std::string(var)) != std::string_view::npos ||
                 text.find("NewDecoder(" + std::string(var)) != std::string_view::npos ||
                 text.find("io.Copy(") != std::string_view::npos);
    if (!read) return;
    ctx.countSite();
    if (uses(text, var, {".StatusCode", ".Status"}) || passedToHelper(text, var)) return;
    if (apiStatusChecked(text, var)) return;
    core::Finding& f = ctx.report(call, "`" + std::string(var) + ".Body` is read without checking `" + std::string(var) +
                                            ".StatusCode`: an error page would be parsed as data");
    auto types = goResultTypes(enclosingFunction(ctx), src);
    if (types.empty() || types.back() != "error") return;
    // After the `if err != nil { … }` that follows the call, else after the declaration.
    ts::Node after = decl;
    ts::Node next = decl.nextNamedSibling();
    if (next && next.type() == "if_statement" && next.field("condition").text(src).find("err") != std::string_view::npos)
      after = next;
    // …and after `defer resp.Body.Close()`, so the early return still closes the body.
    ts::Node deferred = after.nextNamedSibling();
    if (deferred && deferred.type() == "defer_statement" &&
        deferred.text(src).find(std::string(var) + ".Body.Close") != std::string_view::npos)
      after = deferred;
    std::string indent(lineIndent(src, decl.startByte()));
    std::string ret = "return ";
    for (std::size_t k = 0; k + 1 < types.size(); ++k) ret += goZeroValue(types[k]) + ", ";
    core::Fix fix{.title = "Return an error for 4xx/5xx answers", .applicability = core::Applicability::Unsafe};
    fix.edits = goEnsureImport(ctx.file(), "fmt");
    core::TextEdit e;
    e.range = {after.endByte(), after.endByte()};
    e.text = "\n" + indent + "if " + std::string(var) + ".StatusCode >= 400 {\n" + indent + "\t" + ret +
             "fmt.Errorf(\"upstream status %d\", " + std::string(var) + ".StatusCode)\n" + indent + "}";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& uncheckedResponseStatus() {
  static const UncheckedResponseStatus rule;
  return rule;
}

}  // namespace agentlens::rules
