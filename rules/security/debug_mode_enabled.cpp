// debug-mode-enabled: framework debug modes switched on in code (Flask/Werkzeug debugger,
// Django DEBUG, FastAPI debug, uvicorn reload, Express development env, gin debug mode, pprof on
// the public default mux).
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds debug modes switched on with a literal in code: Flask `app.run(debug=True)`,
`app.debug = True`, `app.config["DEBUG"] = True`, `app.config.update(DEBUG=True)`; Django
`DEBUG = True` in a settings module; `FastAPI(debug=True)`; `uvicorn.run(…, reload=True)`;
Werkzeug `DebuggedApplication` and `run_simple(…, use_debugger=True)`; Express
`app.set("env", "development")` and an unguarded `errorhandler()` middleware; gin
`gin.SetMode(gin.DebugMode)`; Go `net/http/pprof` imported while the default mux is served on a
non-localhost address.

Not flagged: values read from the environment (`debug=os.environ.get("FLASK_DEBUG") == "1"`),
settings files for development (`dev.py`, `local.py`, `development.py`, `test*.py`), tests,
`errorhandler()` inside a `NODE_ENV` check, and pprof on a separate mux or a localhost listener.

## Why is this bad?
The Werkzeug debugger runs arbitrary Python typed into the error page; Django's and FastAPI's
debug pages print settings, source and stack traces; pprof exposes heap dumps and CPU profiles.
A debug flag that is on in code is on in production the day someone runs that entry point.

When the whole workspace is scanned, a finding becomes critical if a production launch command
runs the module: a final-stage Dockerfile `CMD`/`ENTRYPOINT`, a Procfile process, a compose or
Kubernetes command. `python app.py` runs everything in the module, including
`app.run(debug=True)` under `if __name__ == "__main__":`; `gunicorn app:app` (or uvicorn,
hypercorn, waitress, daphne) only imports it, so module-level flags count and `app.run(…)` does
not; `gunicorn proj.wsgi` loads `proj/settings.py`. Development files (`Dockerfile.dev`,
`docker-compose.override.yml`) do not count. Without that evidence (one file, the editor) the
severity stays high. The reverse evidence silences a finding: when production only imports the
module (`gunicorn app:app`), `app.run(debug=True)` under `if __name__ == "__main__":` is the local
development entry point and is not reported; `DEBUG = True` in a split-settings base module
(`settings/base.py`, `common.py`) is not reported when the sibling `production.py`/`prod.py` sets
`DEBUG = False`.

## Example
```python
app.run(host="0.0.0.0", port=5000, debug=True)
```

Use instead:
```python
app.run(host="0.0.0.0", port=5000, debug=os.environ.get("FLASK_DEBUG", "").lower() == "true")
```

## Fix safety
Replaces the literal `True` with an environment check that is off unless explicitly switched on
(`FLASK_DEBUG`, `DJANGO_DEBUG`, `UVICORN_RELOAD`), adding `import os`; gin's `DebugMode` becomes
`ReleaseMode`. Unsafe: local development now needs the variable set.

## References
- Flask docs, "Debug Mode" (never in production); Django deployment checklist (DEBUG)
- Bandit B201, Ruff S201, gosec G108, Django security.W018
)md";

const RuleMeta kMeta{
    .id = "debug-mode-enabled",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Debug mode switched on in code",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

struct State final : RuleState {
  ts::Node pprofImport;
  bool publicDefaultMux = false;
};

bool devSettingsFile(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::string_view n : {"dev.py", "local.py", "development.py", "settings_dev.py", "dev_settings.py",
                             "local_settings.py", "settings_local.py"})
    if (name == n) return true;
  return name.starts_with("test");
}

bool settingsModule(const RuleContext& ctx) {
  std::string_view p = ctx.file().path;
  return ctx.facts().role == core::FileRole::Config || p.ends_with("settings.py") ||
         p.find("/settings/") != std::string_view::npos || p.starts_with("settings/");
}

class DebugModeEnabled final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call", "assignment"};
    if (lang == Lang::Go) return {"call_expression", "import_spec"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    if (ctx.lang() == Lang::Python && devSettingsFile(ctx.file().path)) return;
    if (sec::inDevelopmentOnlyCode(ctx)) return;
    switch (ctx.lang()) {
      case Lang::Python: python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

  void finish(RuleContext& ctx) const override {
    if (ctx.lang() != Lang::Go) return;
    auto& st = ctx.state<State>();
    if (st.pprofImport && st.publicDefaultMux)
      ctx.report(st.pprofImport,
                 "net/http/pprof registers profiling endpoints on the default mux, which is served publicly here: "
                 "serve pprof on a separate mux bound to localhost");
  }

 private:
  static void envFix(core::Finding& f, RuleContext& ctx, ts::Node literal, const std::string& var,
                     const std::string& expr) {
    core::Fix fix{.title = "Read it from " + var + " (off unless set)", .applicability = core::Applicability::Unsafe};
    fix.edits = pythonEnsureImport(ctx.file(), "os");
    core::TextEdit e;
    e.range = {literal.startByte(), literal.endByte()};
    e.text = expr;
    fix.edits.push_back(e);
    f.fixes.push_back(std::move(fix));
  }

  static void python(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    const std::string flaskExpr = "os.environ.get(\"FLASK_DEBUG\", \"\").lower() == \"true\"";
    if (node.type() == "assignment") {
      ts::Node left = node.field("left"), right = node.field("right");
      if (!left || !sec::isTrue(right)) return;
      std::string_view l = left.text(src);
      if (l == "DEBUG" && settingsModule(ctx) && !enclosingFunction(ctx)) {
        auto& f = ctx.report(node, "`DEBUG = True` in a settings module: Django serves stack traces and settings "
                                   "to anyone; read it from the environment");
        envFix(f, ctx, right, "DJANGO_DEBUG", "os.environ.get(\"DJANGO_DEBUG\") == \"1\"");
        return;
      }
      // `app.debug = True` on an application object (not any object with a debug attribute).
      bool appDebug = false;
      if (left.type() == "attribute" && left.field("attribute").text(src) == "debug") {
        std::string_view obj = left.field("object").text(src);
        const auto& apps = ctx.facts().appObjects;
        appDebug = obj == "app" || obj == "application" || obj.ends_with("_app") ||
                   std::find(apps.begin(), apps.end(), obj) != apps.end();
      }
      bool flaskDebug = appDebug || (left.type() == "subscript" && l.find("config[") != std::string_view::npos &&
                                     (l.find("\"DEBUG\"") != std::string_view::npos ||
                                      l.find("'DEBUG'") != std::string_view::npos));
      if (!flaskDebug) return;
      auto& f = ctx.report(node, "debug mode switched on in code: the interactive debugger runs arbitrary code; "
                                 "enable it only from the environment");
      envFix(f, ctx, right, "FLASK_DEBUG", flaskExpr);
      return;
    }
    // Calls.
    std::string_view callee = calleeText(node, src);
    std::string_view name = calleeName(node, src);
    ts::Node args = callArguments(node);
    if (!args) return;
    if (callee == "subprocess.run" || callee == "asyncio.run") return;
    if (name == "run" || name == "run_simple") {
      ts::Node d = sec::keywordArg(args, name == "run" ? "debug" : "use_debugger", src);
      if (sec::isTrue(d)) {
        auto& f = ctx.report(d.parent(), "`" + std::string(d.parent().text(src)) +
                                             "` starts the interactive debugger: it runs arbitrary code from the error "
                                             "page; enable it only from the environment");
        envFix(f, ctx, d, "FLASK_DEBUG", flaskExpr);
        return;
      }
      ts::Node r = sec::keywordArg(args, "reload", src);
      if (callee == "uvicorn.run" && sec::isTrue(r)) {
        auto& f = ctx.report(r.parent(), "`reload=True` runs the development auto-reloader: enable it only from the "
                                         "environment");
        f.severity = core::Severity::Medium;
        envFix(f, ctx, r, "UVICORN_RELOAD", "os.environ.get(\"UVICORN_RELOAD\") == \"1\"");
      }
      return;
    }
    if (name == "FastAPI" || name == "Starlette") {
      ts::Node d = sec::keywordArg(args, "debug", src);
      if (!sec::isTrue(d)) return;
      auto& f = ctx.report(d.parent(), "`debug=True` returns tracebacks to clients: enable it only from the environment");
      envFix(f, ctx, d, "APP_DEBUG", "os.environ.get(\"APP_DEBUG\") == \"1\"");
      return;
    }
    if (name == "DebuggedApplication") {
      ctx.report(node, "the Werkzeug debugger middleware runs arbitrary code from the error page: remove it from "
                       "production code");
      return;
    }
    if (name == "update" && callee.ends_with("config.update")) {
      ts::Node d = sec::keywordArg(args, "DEBUG", src);
      if (!sec::isTrue(d)) return;
      auto& f = ctx.report(d.parent(), "debug mode switched on in code: enable it only from the environment");
      envFix(f, ctx, d, "FLASK_DEBUG", flaskExpr);
    }
  }

  static bool guardedByEnv(const RuleContext& ctx) {
    auto src = ctx.source();
    for (ts::Node a : ctx.ancestors()) {
      if (a.type() != "if_statement" && a.type() != "ternary_expression") continue;
      ts::Node cond = a.field("condition");
      if (cond && (cond.text(src).find("NODE_ENV") != std::string_view::npos ||
                   cond.text(src).find("get(\"env\")") != std::string_view::npos ||
                   cond.text(src).find("development") != std::string_view::npos))
        return true;
    }
    return false;
  }

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view name = calleeName(call, src);
    ts::Node args = callArguments(call);
    if (!args || args.type() != "arguments") return;
    if (name == "set") {
      ts::Node k = sec::positionalArg(args, 0), v = sec::positionalArg(args, 1);
      auto kv = k ? stringLiteralValue(k, src, ctx.lang()) : std::nullopt;
      auto vv = v ? stringLiteralValue(v, src, ctx.lang()) : std::nullopt;
      if (kv && vv && *kv == "env" && *vv == "development" && !guardedByEnv(ctx)) {
        core::Finding& f = ctx.report(call, "Express forced into development mode: error pages show stack traces; "
                                            "let NODE_ENV decide");
        core::Fix fix{.title = "Use \"production\"", .applicability = core::Applicability::Unsafe};
        core::TextEdit e;
        e.range = {v.startByte(), v.endByte()};
        e.text = "\"production\"";
        fix.edits.push_back(e);
        f.fixes.push_back(std::move(fix));
      }
      return;
    }
    if (name == "use") {
      ts::Node a = sec::unwrap(sec::positionalArg(args, 0));
      if (!a || a.type() != "call_expression" || calleeText(a, src) != "errorhandler") return;
      if (!ctx.facts().imports_("errorhandler") || guardedByEnv(ctx)) return;
      ctx.report(call, "`errorhandler()` sends stack traces to clients and is meant for development only: "
                       "register it under `if (process.env.NODE_ENV === \"development\")`");
    }
  }

  static void go(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    auto& st = ctx.state<State>();
    if (node.type() == "import_spec") {
      ts::Node p = node.field("path");
      if (p && p.text(src) == "\"net/http/pprof\"") st.pprofImport = node;
      return;
    }
    std::string_view callee = calleeText(node, src);
    ts::Node args = callArguments(node);
    if (!args) return;
    if (callee == "gin.SetMode") {
      ts::Node a = sec::positionalArg(args, 0);
      if (!a || (a.text(src) != "gin.DebugMode" && a.text(src) != "\"debug\"")) return;
      core::Finding& f = ctx.report(node, "gin runs in debug mode: it logs every route and request detail; use "
                                          "release mode in production");
      core::Fix fix{.title = "Use gin.ReleaseMode", .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {a.startByte(), a.endByte()};
      e.text = "gin.ReleaseMode";
      fix.edits.push_back(e);
      f.fixes.push_back(std::move(fix));
      return;
    }
    if (callee == "http.ListenAndServe" || callee == "http.ListenAndServeTLS") {
      ts::Node addr = sec::positionalArg(args, 0);
      ts::Node handler = sec::positionalArg(args, callee == "http.ListenAndServe" ? 1 : 3);
      bool defaultMux = handler && (handler.text(src) == "nil" || handler.text(src) == "http.DefaultServeMux");
      std::string_view a = addr ? addr.text(src) : "";
      bool local = a.find("localhost") != std::string_view::npos || a.find("127.0.0.1") != std::string_view::npos;
      if (defaultMux && !local) st.publicDefaultMux = true;
    }
  }
};

}  // namespace

const Rule& debugModeEnabled() {
  static const DebugModeEnabled rule;
  return rule;
}

}  // namespace agentlens::rules
