// dev-server-entrypoint: the production launch command runs a development server.
// Reads the launch commands themselves (Dockerfile CMD/ENTRYPOINT of the final stage, Procfile
// process lines, the package.json `start` script). Cross-file cases (`python app.py` whose module
// calls `app.run()`) need the workspace index and are left to the workspace checks.
#include <optional>

#include "rules/common/launch.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Reads the commands that launch the app in production — the final-stage `CMD`/`ENTRYPOINT` of a
Dockerfile, the process lines of a Procfile, and the `start` script of `package.json` — and finds
development servers: `flask run`, `manage.py runserver`, `uvicorn … --reload`, `fastapi dev`,
`nodemon`, `ts-node`, `next dev`, `npm run dev`, `vite`, `react-scripts start`, `ng serve`.

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

struct Verdict {
  std::string what;               ///< e.g. "`flask run` (the Werkzeug development server)"
  std::optional<Tokens> replace;  ///< replacement command, when a fix is known
  core::Applicability safety = core::Applicability::Unsafe;
  std::string fixTitle;
};

bool simpleCommand(const Tokens& t) {
  for (const auto& s : t)
    if (s == "&&" || s == "||" || s == ";" || s == "|" || s.find("$(") != std::string::npos || s.ends_with(";"))
      return false;
  return true;
}

std::size_t find(const Tokens& t, std::string_view s, std::size_t from = 0) {
  for (std::size_t i = from; i < t.size(); ++i)
    if (t[i] == s) return i;
  return t.size();
}

bool endsWithName(const std::string& tok, std::string_view name) {
  return tok == name || tok.ends_with("/" + std::string(name));
}

/// Judges one launch command. `flaskApp` is the module from `FLASK_APP`, if the file sets it.
std::optional<Verdict> judge(const Tokens& t, const std::string& flaskApp) {
  bool simple = simpleCommand(t);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string& w = t[i];
    std::string next = i + 1 < t.size() ? t[i + 1] : "";
    if ((endsWithName(w, "flask") || (w == "-m" && next == "flask")) &&
        find(t, "run", i) < t.size()) {
      Verdict v{"`flask run` (the Werkzeug development server)", std::nullopt, core::Applicability::Unsafe,
                "Serve with gunicorn"};
      std::string port = "5000";
      for (std::size_t k = i; k + 1 < t.size(); ++k)
        if (t[k] == "--port" || t[k] == "-p") port = t[k + 1];
      for (std::size_t k = i; k < t.size(); ++k)
        if (t[k].starts_with("--port=")) port = t[k].substr(7);
      if (simple) v.replace = Tokens{"gunicorn", "-b", "0.0.0.0:" + port, (flaskApp.empty() ? "app" : flaskApp) + ":app"};
      return v;
    }
    if (w == "runserver" && i > 0 && (t[i - 1].ends_with("manage.py") || endsWithName(t[i - 1], "django-admin")))
      return Verdict{"`manage.py runserver` (the Django development server)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "uvicorn") || (w == "-m" && next == "uvicorn")) {
      std::size_t r = find(t, "--reload", i);
      if (r == t.size()) return std::nullopt;
      Verdict v{"`uvicorn --reload` (the auto-reloading development mode)", std::nullopt, core::Applicability::Safe,
                "Drop `--reload`"};
      Tokens out = t;
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(r));
      v.replace = out;
      return v;
    }
    if (endsWithName(w, "fastapi") && next == "dev")
      return Verdict{"`fastapi dev` (the auto-reloading development server)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "nodemon")) {
      Verdict v{"`nodemon` (a file-watching development runner)", std::nullopt, core::Applicability::Safe,
                "Run with node"};
      if (simple && i + 2 == t.size() && !next.starts_with("-")) {
        std::size_t keep = i > 0 && t[i - 1] == "npx" ? i - 1 : i;
        Tokens out(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(keep));
        out.push_back("node");
        out.push_back(next);
        v.replace = out;
      }
      return v;
    }
    if (endsWithName(w, "ts-node") || endsWithName(w, "ts-node-dev"))
      return Verdict{"`" + w + "` (compiles TypeScript on every start)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "next") && next == "dev") {
      Verdict v{"`next dev` (the Next.js development server)", std::nullopt, core::Applicability::Unsafe,
                "Use `next start` (after `next build`)"};
      if (simple) {
        Tokens out = t;
        out[i + 1] = "start";
        v.replace = out;
      }
      return v;
    }
    if ((w == "npm" || w == "yarn" || w == "pnpm" || w == "bun") &&
        ((next == "run" && i + 2 < t.size() && t[i + 2] == "dev") || (next == "dev" && w != "npm")))
      return Verdict{"`" + w + (next == "run" ? " run dev" : " dev") + "` (the development script)", std::nullopt,
                     core::Applicability::Unsafe, ""};
    if (endsWithName(w, "vite") && (next.empty() || next == "dev" || next == "serve" || next.starts_with("--")))
      return Verdict{"`vite` (the development server)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "react-scripts") && next == "start")
      return Verdict{"`react-scripts start` (the development server)", std::nullopt, core::Applicability::Unsafe, ""};
    if (endsWithName(w, "ng") && next == "serve")
      return Verdict{"`ng serve` (the Angular development server)", std::nullopt, core::Applicability::Unsafe, ""};
  }
  return std::nullopt;
}

std::string shellForm(const Tokens& t) {
  std::string out;
  for (const auto& s : t) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::string execForm(const Tokens& t) {
  std::string out = "[";
  for (std::size_t i = 0; i < t.size(); ++i) out += (i ? ", \"" : "\"") + t[i] + "\"";
  return out + "]";
}

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
    struct Instr {
      std::string keyword;
      std::uint32_t argStart, end;
    };
    std::vector<Instr> finalStage;
    std::string flaskApp;
    std::uint32_t pos = 0;
    while (pos < src.size()) {
      std::uint32_t lineEnd = pos;
      // Join continuation lines.
      for (;;) {
        while (lineEnd < src.size() && src[lineEnd] != '\n') ++lineEnd;
        std::uint32_t back = lineEnd;
        while (back > pos && (src[back - 1] == ' ' || src[back - 1] == '\r')) --back;
        if (back > pos && src[back - 1] == '\\' && lineEnd < src.size()) {
          ++lineEnd;
          continue;
        }
        break;
      }
      std::uint32_t s = pos;
      while (s < lineEnd && (src[s] == ' ' || src[s] == '\t')) ++s;
      if (s < lineEnd && src[s] != '#') {
        std::uint32_t k = s;
        while (k < lineEnd && src[k] != ' ' && src[k] != '\t') ++k;
        std::string kw(src.substr(s, k - s));
        for (char& c : kw) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        while (k < lineEnd && (src[k] == ' ' || src[k] == '\t')) ++k;
        std::uint32_t e = lineEnd;
        while (e > k && (src[e - 1] == ' ' || src[e - 1] == '\r')) --e;
        if (kw == "FROM") finalStage.clear();
        if (kw == "ENV") {
          auto args = src.substr(k, e - k);
          auto at = args.find("FLASK_APP");
          if (at != std::string_view::npos) {
            auto v = args.substr(at + 9);
            while (!v.empty() && (v.front() == '=' || v.front() == ' ' || v.front() == '"')) v.remove_prefix(1);
            auto stop = v.find_first_of(" \"\n");
            std::string mod(v.substr(0, stop));
            if (mod.ends_with(".py")) mod.resize(mod.size() - 3);
            for (char& c : mod)
              if (c == '/') c = '.';
            flaskApp = mod;
          }
        }
        if (kw == "CMD" || kw == "ENTRYPOINT") finalStage.push_back({kw, k, e});
      }
      pos = lineEnd + 1;
    }
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

  /// The byte range of the string value of scripts.start (inside the quotes), by a small scan of
  /// the JSON structure: depth-tracked keys, strings with escapes.
  static std::optional<core::ByteRange> startScript(std::string_view src) {
    int depth = 0;
    bool inScripts = false;
    int scriptsDepth = -1;
    std::string lastKey;
    bool expectValue = false;
    for (std::uint32_t i = 0; i < src.size(); ++i) {
      char c = src[i];
      if (c == '"') {
        std::uint32_t s = i + 1, k = s;
        while (k < src.size() && src[k] != '"') k += src[k] == '\\' ? 2 : 1;
        std::string_view str = src.substr(s, k - s);
        if (expectValue) {
          if (inScripts && depth == scriptsDepth && lastKey == "start") return core::ByteRange{s, k};
          expectValue = false;
        } else {
          lastKey = std::string(str);
        }
        i = k;
      } else if (c == ':') {
        expectValue = true;
      } else if (c == '{' || c == '[') {
        ++depth;
        if (expectValue && depth == 2 && lastKey == "scripts") {
          inScripts = true;
          scriptsDepth = depth;
        }
        expectValue = false;
      } else if (c == '}' || c == ']') {
        if (inScripts && depth == scriptsDepth) inScripts = false;
        --depth;
      } else if (c == ',') {
        expectValue = false;
      }
    }
    return std::nullopt;
  }

  static void packageJson(RuleContext& ctx) {
    auto src = ctx.source();
    auto r = startScript(src);
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
