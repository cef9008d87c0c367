// permissive-cors: CORS that allows every origin (or reflects the caller's), worst with credentials.
#include "rules/common/imports.hpp"
#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/cors_values.hpp"
#include "rules/security/permissive_cors_parts.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds CORS configured to accept any origin: FastAPI/Starlette `CORSMiddleware(allow_origins=["*"])`
or `allow_origin_regex=".*"`, Flask-CORS `CORS(app)` without origins or with `origins="*"`,
django-cors-headers `CORS_ALLOW_ALL_ORIGINS = True`, Express `cors()` without options or with
`origin: true | "*" | /.*/`, NestJS `enableCors()` and `NestFactory.create(…, { cors: true })`, a
hand-set `Access-Control-Allow-Origin: *` or one that echoes the request's `Origin` (also through
a local, `const origin = req.headers.origin`), origins held in a variable that is `"*"`
(`allow_origins=origins`), gin-contrib/cors `AllowAllOrigins: true` /
`cors.Default()`, rs/cors `AllowedOrigins: {"*"}` / `cors.AllowAll()`, and an `AllowOriginFunc`
that always returns true. High severity when credentials are allowed too
(`allow_credentials=True`, `supports_credentials=True`, `credentials: true`,
`AllowCredentials: true`, `CORS_ALLOW_CREDENTIALS = True`), medium otherwise.

Not flagged: origins read from the environment or listed explicitly (localhost lists included),
configuration inside a development-only branch, a Django `CORS_ALLOW_ALL_ORIGINS = True` in shared
settings that a production settings module (production.py, prod.py) turns off, and `app.options("*", cors())` (the preflight half
of the policy `app.use(cors())` sets, reported there). gin-contrib/cors answers a wildcard with a
literal `*`, which browsers refuse on credentialed requests, so its `AllowCredentials` does not
raise the severity there.

## Why is this bad?
With credentials, any web page a logged-in user visits can call the API as that user and read
the answers (Starlette and flask-cors echo the caller's origin in that case). Without
credentials the exposure is smaller, but a wildcard is rarely what an app with users intends.

## Example
```python
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
```

Use instead:
```python
app.add_middleware(CORSMiddleware, allow_origins=os.environ.get("CORS_ALLOWED_ORIGINS", "").split(","),
                   allow_credentials=True)
```

## Fix safety
Replaces the wildcard with a list read from `CORS_ALLOWED_ORIGINS` (comma-separated), adding the
imports. Unsafe: browsers are refused until the variable lists the front-end origins.

## References
- MDN, Cross-Origin Resource Sharing; OWASP HTML5 Security Cheat Sheet (CORS); CWE-942
- semgrep python/fastapi/security/wildcard-cors, sonarjs S5122, gosec G121
)md";

const RuleMeta kMeta{
    .id = "permissive-cors",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "CORS allows any origin",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

struct State final : RuleState {
  std::vector<std::size_t> djangoFindings;  // indices into ctx.findings() are not stable; keep ranges
  std::vector<core::ByteRange> djangoRanges;
  bool djangoCredentials = false;
};

using cors::addFix;
using cors::flag;
using cors::headerCall;
using cors::isWildcardList;

class PermissiveCors final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "assignment"};
    if (lang == Lang::Go) return {"call_expression", "composite_literal"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || sec::inDevelopmentOnlyCode(ctx)) return;
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: cors::goCors(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

  void finish(RuleContext& ctx) const override {
    auto& st = ctx.state<State>();
    if (!st.djangoCredentials) return;
    for (auto& f : ctx.findings())
      for (auto r : st.djangoRanges)
        if (f.range.start == r.start && f.ruleId == kMeta.id) {
          f.severity = core::Severity::High;
          f.message += " (CORS_ALLOW_CREDENTIALS is on too)";
        }
  }

 private:
  static void python(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    const std::string envList = "os.environ.get(\"CORS_ALLOWED_ORIGINS\", \"\").split(\",\")";
    if (node.type() == "assignment") {
      std::string_view l = node.field("left").text(src);
      ts::Node r = node.field("right");
      if ((l == "CORS_ALLOW_ALL_ORIGINS" || l == "CORS_ORIGIN_ALLOW_ALL") && sec::isTrue(r)) {
        ctx.report(node, "`" + std::string(l) + " = True` lets every site call the API: set CORS_ALLOWED_ORIGINS");
        ctx.state<State>().djangoRanges.push_back({node.startByte(), node.endByte()});
      }
      if (l == "CORS_ALLOW_CREDENTIALS" && sec::isTrue(r)) ctx.state<State>().djangoCredentials = true;
      return;
    }
    std::string_view callee = calleeText(node, src);
    ts::Node args = callArguments(node);
    if (!args || args.type() != "argument_list") return;
    bool starlette = callee.ends_with("add_middleware") || callee == "Middleware";
    if (starlette) {
      ts::Node first = sec::positionalArg(args, 0);
      if (!first || first.text(src) != "CORSMiddleware") return;
    } else if (callee != "CORSMiddleware" && callee != "CORS") {
      return;
    }
    if (callee == "CORS" && !ctx.facts().imports_("flask_cors")) return;
    if (callee == "CORS") {
      bool cred = sec::isTrue(sec::keywordArg(args, "supports_credentials", src));
      ts::Node origins = sec::keywordArg(args, "origins", src);
      ts::Node resources = sec::keywordArg(args, "resources", src);
      if (origins) {
        if (!isWildcardList(origins, src, Lang::Python)) return;
        auto& f = flag(ctx, origins.parent(), cred, "Flask-CORS allows every origin");
        addFix(f, ctx, sec::replaceNode(origins, envList), pythonEnsureImport(ctx.file(), "os"));
        return;
      }
      if (resources) {
        bool star = false;
        ts::walk(resources, [&](ts::Node c) {
          if (c.type() == "pair" && stringLiteralValue(c.field("key"), src, Lang::Python).value_or("") == "origins" &&
              isWildcardList(c.field("value"), src, Lang::Python))
            star = true;
          return true;
        });
        if (star) flag(ctx, resources.parent(), cred, "Flask-CORS allows every origin");
        return;
      }
      auto& f = flag(ctx, node, cred, "`CORS(app)` without origins allows every origin");
      core::TextEdit ins;
      ins.range = {args.endByte() - 1, args.endByte() - 1};
      ins.text = ", origins=" + envList;
      addFix(f, ctx, ins, pythonEnsureImport(ctx.file(), "os"));
      return;
    }
    bool cred = sec::isTrue(sec::keywordArg(args, "allow_credentials", src));
    ts::Node origins = sec::keywordArg(args, "allow_origins", src);
    ts::Node regex = sec::keywordArg(args, "allow_origin_regex", src);
    if (origins && origins.type() == "identifier" && isWildcardList(cors::resolveLocal(origins, ctx), src, Lang::Python)) {
      flag(ctx, origins.parent(), cred, "CORSMiddleware allows every origin (`" + std::string(origins.text(src)) +
                                            "` is \"*\")");
      return;
    }
    if (origins && isWildcardList(origins, src, Lang::Python)) {
      auto& f = flag(ctx, origins.parent(), cred, "CORSMiddleware allows every origin");
      addFix(f, ctx, sec::replaceNode(origins, envList), pythonEnsureImport(ctx.file(), "os"));
      return;
    }
    if (regex) {
      auto v = stringLiteralValue(regex, src, Lang::Python);
      if (v && (*v == ".*" || *v == "^.*$" || *v == ".+" || *v == "https?://.*" || *v == "https://.*"))
        flag(ctx, regex.parent(), cred, "CORSMiddleware's origin regex matches every origin");
    }
  }

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    Lang lang = ctx.lang();
    std::string_view callee = calleeText(call, src);
    std::string_view name = calleeName(call, src);
    ts::Node args = callArguments(call);
    if (!args || args.type() != "arguments") return;
    const std::string envList = "process.env.CORS_ALLOWED_ORIGINS?.split(\",\") ?? []";
    if (callee.ends_with("NestFactory.create")) {  // NestFactory.create(AppModule, { cors: true })
      ts::Node opts = sec::unwrap(sec::positionalArg(args, 1));
      ts::Node c = opts && opts.type() == "object" ? sec::objectProp(opts, "cors", src) : ts::Node();
      if (c && sec::isTrue(c)) flag(ctx, c.parent(), false, "`cors: true` allows every origin");
      return;
    }
    if (callee == "cors" || name == "enableCors") {
      if (callee == "cors" && !ctx.facts().imports_("cors")) return;
      // app.options("*", cors()): the preflight half of the policy app.use(cors()) already sets.
      ts::Node outer = call.parent() ? call.parent().parent() : ts::Node();
      if (outer && outer.type() == "call_expression" && calleeName(outer, src) == "options") return;
      ts::Node opts = sec::unwrap(sec::positionalArg(args, 0));
      if (!opts) {
        auto& f = flag(ctx, call, false, "`" + std::string(callee) + "()` without options allows every origin");
        core::TextEdit ins;
        ins.range = {args.endByte() - 1, args.endByte() - 1};
        ins.text = "{ origin: " + envList + " }";
        addFix(f, ctx, ins, {});
        return;
      }
      if (opts.type() != "object") return;
      bool cred = sec::isTrue(sec::objectProp(opts, "credentials", src));
      ts::Node origin = sec::objectProp(opts, "origin", src);
      if (!origin) {
        flag(ctx, call, cred, "CORS options without `origin` allow every origin");
        return;
      }
      std::string_view ot = origin.text(src);
      ts::Node value = cors::resolveLocal(origin, ctx);
      bool any = sec::isTrue(origin) || isWildcardList(value, src, lang) || ot == "/.*/" || ot == "/.+/";
      if (!any) return;
      auto& f = flag(ctx, origin.parent(), cred, "CORS `origin: " + std::string(ot) + "` allows every origin");
      addFix(f, ctx, sec::replaceNode(origin, envList), {});
      return;
    }
    if (name == "setHeader" || name == "header" || name == "set" || name == "append") {
      headerCall(call, args, ctx);
    }
  }

};

}  // namespace

const Rule& permissiveCors() {
  static const PermissiveCors rule;
  return rule;
}

}  // namespace agentlens::rules
