// missing-security-headers: Express/Flask apps and Django settings that send no security headers.
#include <algorithm>
#include <cctype>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds web apps that set none of the standard security headers:
- Express: an `express()` app in a file that neither uses `helmet` (or `lusca`) nor sets
  `X-Content-Type-Options`, `Strict-Transport-Security` or `Content-Security-Policy` itself
  (Express also announces itself with `X-Powered-By` by default);
- Flask: a `Flask(__name__)` app with no flask-talisman and no `after_request` hook setting those
  headers;
- Fastify: a `Fastify()` app that the file serves (`app.listen(…)`) when no module of the service registers `@fastify/helmet` (plugins
  usually live in their own files, so the whole workspace is searched) or sets those headers;
- Django: a settings module whose `MIDDLEWARE` lacks `SecurityMiddleware`.

## Why is this bad?
`X-Content-Type-Options: nosniff` stops browsers from executing an upload or a JSON response as
script; `Strict-Transport-Security` keeps clients on HTTPS after the first visit;
`X-Frame-Options`/CSP `frame-ancestors` stop click-jacking. Frameworks do not send them by
default, so a prototype ships without them. Low severity: they harden, they do not fix.

Not flagged: apps that set any of the headers by hand, helmet/talisman users, routers without an
app (`express.Router()`), Django dev settings (`dev.py`, `local.py`), tests. Headers added by a
proxy or CDN are invisible from the code: suppress the finding with a reason if that is the case.

## Example
```javascript
const app = express();
```

Use instead:
```javascript
const app = express();
app.use(helmet());
```

## Fix safety
Express: adds `helmet` (import or require) and `app.use(helmet())` after the app is created —
unsafe because the package must be installed and its default Content-Security-Policy can block
inline scripts of HTML pages. Flask: adds an `@app.after_request` hook that sets `nosniff`,
`X-Frame-Options: DENY` and HSTS when missing — unsafe because HSTS pins browsers to HTTPS.
Django: inserts `SecurityMiddleware` first in `MIDDLEWARE` (safe: its settings default to off).

## References
- OWASP Secure Headers Project; OWASP ASVS V14.4
- Django `check --deploy` security.W001; SonarJS S5689 (x-powered-by), S5728 (CSP)
)md";

const RuleMeta kMeta{
    .id = "missing-security-headers",
    .category = core::Category::Security,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .summary = "Web app sends no security headers (nosniff, HSTS, frame options)",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

bool mentionsHeaders(std::string_view src) {
  std::string l(src);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto h : {"x-content-type-options", "strict-transport-security", "content-security-policy", "helmet",
                 "talisman", "lusca", "x-frame-options"})
    if (l.find(h) != std::string::npos) return true;
  return false;
}

struct State final : RuleState {
  std::optional<bool> mentions;  ///< computed once per file, lazily
};

class MissingSecurityHeaders final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "assignment"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto anc = ctx.ancestors();
    if (node.type() == "assignment") return django(node, ctx);
    std::string_view callee = calleeText(node, src);
    bool express = core::isJsFamily(ctx.lang()) && callee == "express" && ctx.facts().usesFramework("express");
    bool flask = ctx.lang() == Lang::Python && (callee == "Flask" || callee == "flask.Flask");
    bool fastify = core::isJsFamily(ctx.lang()) && (callee == "Fastify" || callee == "fastify") &&
                   ctx.facts().usesFramework("fastify");
    if (!express && !flask && !fastify) return;
    // Only the app binding: `const app = express()` / `app = Flask(__name__)`.
    if (anc.empty()) return;
    ts::Node bind = anc.back();
    if (bind.type() != "variable_declarator" && bind.type() != "assignment") return;
    ts::Node nameNode = bind.type() == "assignment" ? bind.field("left") : bind.field("name");
    if (!nameNode || nameNode.type() != "identifier") return;
    auto& st = ctx.state<State>();
    if (!st.mentions) st.mentions = mentionsHeaders(src);
    if (*st.mentions) return;
    std::string app(nameNode.text(src));
    ts::Node stmt = anc.size() >= 2 ? anc[anc.size() - 2] : bind;
    if (fastify) {
      // Only an app this file serves (a script that builds one to print its OpenAPI spec is not).
      if (src.find(app + ".listen(") == std::string_view::npos) return;
      // Plugins usually live in their own files: the workspace pass drops this finding when any
      // module registers @fastify/helmet or sets the headers.
      ctx.report(node, "Fastify app without security headers (no @fastify/helmet, no nosniff/HSTS/CSP): register "
                       "@fastify/helmet");
    } else if (express) {
      core::Finding& f = ctx.report(node, "Express app without security headers (no helmet, no nosniff/HSTS/CSP, "
                                          "X-Powered-By on): add app.use(helmet())");
      core::Fix fix{.title = "Use helmet()", .applicability = core::Applicability::Unsafe};
      fix.edits.push_back(importHelmet(ctx));
      core::TextEdit use;
      std::uint32_t at = afterLine(src, stmt.endByte());
      use.range = {at, at};
      use.text = std::string(lineIndent(src, stmt.startByte())) + app + ".use(helmet());\n";
      fix.edits.push_back(use);
      mergeInsertions(fix.edits);
      f.fixes.push_back(std::move(fix));
    } else {
      if (anc.size() > 3) return;  // an app created inside a factory: the hook goes elsewhere
      core::Finding& f = ctx.report(node, "Flask app without security headers (no flask-talisman, no after_request "
                                          "setting nosniff/HSTS/frame options)");
      core::Fix fix{.title = "Add an after_request hook that sets security headers",
                    .applicability = core::Applicability::Unsafe};
      core::TextEdit hook;
      std::uint32_t at = afterLine(src, stmt.endByte());
      hook.range = {at, at};
      hook.text = "\n\n@" + app +
                  ".after_request\n"
                  "def set_security_headers(response):\n"
                  "    response.headers.setdefault(\"X-Content-Type-Options\", \"nosniff\")\n"
                  "    response.headers.setdefault(\"X-Frame-Options\", \"DENY\")\n"
                  "    response.headers.setdefault(\"Strict-Transport-Security\", \"max-age=31536000; includeSubDomains\")\n"
                  "    return response\n";
      if (at == src.size() && !src.empty() && src.back() != '\n') hook.text = "\n" + hook.text;
      fix.edits.push_back(hook);
      f.fixes.push_back(std::move(fix));
    }
  }

 private:
  static core::TextEdit importHelmet(const RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node root = ctx.file().tree.root();
    std::uint32_t at = 0;
    bool esm = false;
    for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
      ts::Node n = root.namedChild(i);
      if (n.type() == "import_statement") {
        esm = true;
        at = afterLine(src, n.endByte());
      } else if ((n.type() == "lexical_declaration" || n.type() == "variable_declaration") &&
                 n.text(src).find("require(") != std::string_view::npos && n.startPoint().row < 60) {
        at = afterLine(src, n.endByte());
      }
    }
    core::TextEdit e;
    e.range = {at, at};
    e.text = esm ? "import helmet from \"helmet\";\n" : "const helmet = require(\"helmet\");\n";
    return e;
  }

  /// Django settings: MIDDLEWARE = [...] without SecurityMiddleware.
  static void django(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.field("left").text(src) != "MIDDLEWARE") return;
    if (ctx.ancestors().size() != 2) return;  // module level only
    const auto& path = ctx.file().path;
    for (auto dev : {"dev.py", "local.py", "development.py", "test.py", "testing.py"})
      if (path.ends_with(std::string("/") + dev) || path == dev) return;
    ts::Node list = node.field("right");
    if (!list || (list.type() != "list" && list.type() != "tuple")) return;
    if (list.text(src).find("SecurityMiddleware") != std::string_view::npos) return;
    core::Finding& f = ctx.report(node.field("left"),
                                  "MIDDLEWARE lacks django.middleware.security.SecurityMiddleware: HSTS, nosniff and "
                                  "SSL redirect settings have no effect without it");
    core::Fix fix{.title = "Insert SecurityMiddleware first in MIDDLEWARE", .applicability = core::Applicability::Safe};
    core::TextEdit e;
    ts::Node first;
    for (std::uint32_t i = 0; i < list.namedChildCount() && !first; ++i)
      if (list.namedChild(i).type() != "comment") first = list.namedChild(i);
    if (first) {
      e.range = {first.startByte(), first.startByte()};
      bool multiline = src.substr(list.startByte(), first.startByte() - list.startByte()).find('\n') !=
                       std::string_view::npos;
      e.text = "\"django.middleware.security.SecurityMiddleware\"," +
               (multiline ? "\n" + std::string(lineIndent(src, first.startByte())) : std::string(" "));
    } else {
      e.range = {list.startByte() + 1, list.startByte() + 1};
      e.text = "\"django.middleware.security.SecurityMiddleware\"";
    }
    fix.edits.push_back(e);
    f.fixes.push_back(std::move(fix));
  }
};

}  // namespace

const Rule& missingSecurityHeaders() {
  static const MissingSecurityHeaders rule;
  return rule;
}

}  // namespace agentlens::rules
