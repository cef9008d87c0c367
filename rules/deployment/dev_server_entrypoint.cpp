// dev-server-entrypoint: the production launch command runs a development server.
// Reads the launch commands themselves (Dockerfile CMD/ENTRYPOINT of the final stage, Procfile
// process lines, the package.json `start` script). Cross-file cases (`python app.py` whose module
// calls `app.run()`) need the workspace index and are left to the workspace checks.
#include <optional>

#include "rules/common/launch.hpp"
#include "rules/deployment/dev_server_commands.hpp"
#include "rules/deployment/dev_server_sources.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;
using dev_server::execForm;
using dev_server::judge;
using dev_server::shellForm;
using dev_server::Verdict;
constexpr std::string_view kDocs = R"md(## What it does
Reads the commands that launch the app in production — the final-stage `CMD`/`ENTRYPOINT` of a
Dockerfile, the process lines of a Procfile, and the `start` script of `package.json` — and finds
development servers: `flask run`, `manage.py runserver`, `uvicorn … --reload`, `fastapi dev`,
`nodemon`, `ts-node`, `next dev`, `npm run dev`, `vite`, `react-scripts start`, `ng serve`.
Across files it also reports `python app.py` launching a module that calls `app.run()`, and a
Flask module whose own `app.run()` is the only launch there is: no Dockerfile or Procfile in its
folder or above, no compose, platform or Kubernetes file, no deploying CI workflow, and no WSGI
server (gunicorn, waitress, uWSGI, …) among the dependencies.

## Why is this bad?
Development servers are built for one developer: the Werkzeug and Django servers are
single-process and documented as "not for production", reloaders watch the file system and
restart on change, `ts-node` compiles on every start, and `next dev`/`vite` serve unoptimised
bundles with debug tooling. Under real traffic they are slow, fragile and sometimes expose a
debugger.

Not flagged: `uvicorn app:app` without `--reload`, gunicorn, hypercorn, waitress,
`node dist/server.js`, `next start`; files meant for development (`Dockerfile.dev`,
`*.dev.*`, `.devcontainer/`, `docker-compose.override.yml`); `dev` scripts other than `start`.

## Example
```dockerfile
CMD ["flask", "run", "--host", "0.0.0.0"]
```

Use instead:
```dockerfile
CMD ["gunicorn", "-b", "0.0.0.0:5000", "app:app"]
```

## Fix safety
Dropping `--reload` and replacing `nodemon server.js` with `node server.js` keep the app and only
stop the file watcher: safe. Replacing `flask run` with gunicorn needs `gunicorn` in your
requirements and assumes the app object is `app` in the module named by `FLASK_APP` (default
`app`); `next dev` → `next start` needs a `next build` step: unsafe, review them.

## References
- Flask docs: "Deploying to Production" (the development server is not for production)
- Django docs: `runserver` ("DO NOT USE THIS SERVER IN A PRODUCTION SETTING")
- Uvicorn docs: deployment; Next.js docs: `next start`
)md";

const RuleMeta kMeta{
    .id = "dev-server-entrypoint",
    .category = core::Category::Deployment,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = {core::Lang::Dockerfile, core::Lang::Text, core::Lang::Json},
    .summary = "Production launch command runs a development server",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Presence,
    .planTitle = "Serve with a production server, not the dev server",
    .effort = core::Effort::XS,
};
class DevServerEntrypoint final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void finish(RuleContext& ctx) const override {
    auto path = std::string_view(ctx.file().path);
    if (devOnlyPath(path) || ctx.facts().isTestOrGenerated()) return;
    auto slash = path.find_last_of('/');
    std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ctx.lang() == Lang::Dockerfile) dockerfile(ctx);
    else if (ctx.lang() == Lang::Text && name == "procfile") procfile(ctx);
    else if (ctx.lang() == Lang::Json && name == "package.json") packageJson(ctx);
  }

 private:
  static void report(RuleContext& ctx, core::ByteRange range, const Verdict& v, const std::string& where,
                     const std::optional<std::string>& replacement) {
    auto& f = ctx.report(range, where + " runs " + v.what + " in production: use a production server");
    if (v.replace && replacement) {
      core::Fix fix{.title = v.fixTitle, .applicability = v.safety};
      core::TextEdit e;
      e.range = range;
      e.text = *replacement;
      fix.edits.push_back(e);
      f.fixes.push_back(fix);
    }
  }

  static void dockerfile(RuleContext& ctx) {
    auto src = ctx.source();
    auto [finalStage, flaskApp] = dev_server::scanDockerfile(src);
    for (const auto& in : finalStage) {
      std::string_view arg = src.substr(in.argStart, in.end - in.argStart);
      // An exec form that does not close is not JSON: Docker runs it as a shell command.
      bool exec = arg.starts_with("[") && arg.rfind(']') != std::string_view::npos;
      std::uint32_t end = in.end;
      if (exec) {
        end = in.argStart + static_cast<std::uint32_t>(arg.rfind(']')) + 1;
      } else if (auto hash = arg.find(" #"); hash != std::string_view::npos) {
        end = in.argStart + static_cast<std::uint32_t>(hash);  // the shell treats the rest as a comment
      }
      arg = src.substr(in.argStart, end - in.argStart);
      Tokens t;
      if (exec) {
        std::string inner(arg.substr(1, arg.size() >= 2 ? arg.size() - 2 : 0));
        for (char& c : inner)
          if (c == ',') c = ' ';
        t = splitCommand(inner);
      } else {
        std::string joined;
        for (char c : arg) joined += (c == '\\' || c == '\n' || c == '\r') ? ' ' : c;
        t = splitCommand(joined);
      }
      auto v = judge(t, flaskApp);
      if (!v) continue;
      std::optional<std::string> repl;
      if (v->replace) repl = exec ? execForm(*v->replace) : shellForm(*v->replace);
      report(ctx, {in.argStart, end}, *v, "`" + in.keyword + "`", repl);
    }
  }

  static void procfile(RuleContext& ctx) {
    auto src = ctx.source();
    std::uint32_t pos = 0;
    while (pos < src.size()) {
      auto nl = src.find('\n', pos);
      std::uint32_t end = nl == std::string_view::npos ? static_cast<std::uint32_t>(src.size()) : static_cast<std::uint32_t>(nl);
      auto line = src.substr(pos, end - pos);
      auto colon = line.find(':');
      if (!line.starts_with("#") && colon != std::string_view::npos) {
        std::string proc(line.substr(0, colon));
        if (proc == "web" || proc == "worker" || proc == "app") {
          std::uint32_t s = pos + static_cast<std::uint32_t>(colon) + 1;
          while (s < end && src[s] == ' ') ++s;
          std::uint32_t e = end;
          while (e > s && (src[e - 1] == ' ' || src[e - 1] == '\r')) --e;
          auto t = splitCommand(src.substr(s, e - s));
          if (auto v = judge(t, "")) {
            std::optional<std::string> repl;
            if (v->replace) repl = shellForm(*v->replace);
            report(ctx, {s, e}, *v, "Procfile `" + proc + ":`", repl);
          }
        }
      }
      pos = end + 1;
    }
  }

  static void packageJson(RuleContext& ctx) {
    auto src = ctx.source();
    auto r = dev_server::startScript(ctx.facts(), src);
    if (!r) return;
    auto t = splitCommand(src.substr(r->start, r->end - r->start));
    auto v = judge(t, "");
    if (!v) return;
    std::optional<std::string> repl;
    if (v->replace) repl = shellForm(*v->replace);
    report(ctx, *r, *v, "the `start` script", repl);
  }
};

}  // namespace

const Rule& devServerEntrypoint() {
  static const DevServerEntrypoint rule;
  return rule;
}

}  // namespace agentlens::rules
