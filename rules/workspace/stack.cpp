#include "rules/workspace/stack.hpp"

#include <algorithm>
#include <optional>

namespace agentlens::rules {

Stack detectStack(const WorkspaceView& view) {
  Stack s;
  const core::FileResult* entry = view.entryModule();
  core::Lang lang = entry ? entry->lang : core::Lang::Text;
  if (!entry) {
    // No server module: the most common source language.
    std::size_t py = 0, js = 0, go = 0;
    for (const auto* f : view.files()) {
      if (f->facts.isTestOrGenerated()) continue;
      if (f->lang == core::Lang::Python) ++py;
      else if (core::isJsFamily(f->lang)) ++js;
      else if (f->lang == core::Lang::Go) ++go;
    }
    if (py || js || go) lang = py >= js && py >= go ? core::Lang::Python : js >= go ? core::Lang::JavaScript : core::Lang::Go;
  }
  if (lang == core::Lang::Python) s.language = "python";
  else if (core::isJsFamily(lang)) s.language = "node";
  else if (lang == core::Lang::Go) s.language = "go";
  if (entry && !entry->facts.frameworks.empty()) {
    // Prefer a real framework over net/http when both are imported.
    s.framework = entry->facts.frameworks.front();
    for (const auto& fw : entry->facts.frameworks)
      if (fw != "net/http") s.framework = fw;
  }
  for (const char* m : {"pyproject.toml", "requirements.txt", "package.json", "go.mod"}) {
    bool fits = (s.language == "python" && (std::string(m) == "pyproject.toml" || std::string(m) == "requirements.txt")) ||
                (s.language == "node" && std::string(m) == "package.json") || (s.language == "go" && std::string(m) == "go.mod");
    if (fits && view.exists(m)) {
      s.manifest = m;
      break;
    }
  }
  return s;
}

namespace {
/// The 0-based line of the call that creates the app in `path` (case matters: `Fastify(`,
/// `fastify(`, a `require(...)(` call), if the file has one.
std::optional<std::uint32_t> creationLine(const WorkspaceView& view, const std::string& path) {
  static constexpr std::string_view kCreate[] = {
      "Flask(", "FastAPI(", "Starlette(", "get_wsgi_application()", "get_asgi_application()", "express()",
      "require('express')()", "new Koa(", "Fastify(", "fastify(", "require('fastify')(", "require(\"fastify\")(",
      "new Hono(", "new Hono<", "new OpenAPIHono(", "new OpenAPIHono<", "NestFactory.create", "gin.Default()",
      "gin.New()", "chi.NewRouter()", "echo.New()", "http.NewServeMux()", "ListenAndServe"};
  auto text = view.read(path);
  if (!text) return std::nullopt;
  std::size_t best = std::string::npos;
  for (auto n : kCreate) best = std::min(best, text->find(n));
  if (best == std::string::npos) return std::nullopt;
  return static_cast<std::uint32_t>(std::count(text->begin(), text->begin() + static_cast<long>(best), '\n'));
}
}  // namespace

Anchor appAnchor(const WorkspaceView& view) {
  if (const core::FileResult* entry = view.entryModule()) {
    if (auto line = creationLine(view, entry->path)) return {entry->path, *line};
    // The app is created in another module of the entry's language (NestJS `main.ts` beside the
    // controllers): anchor there, where the app's set-up lives.
    for (const auto* f : view.serverModules()) {
      if (f == entry || f->facts.frameworks.empty() || f->facts.isTestOrGenerated()) continue;
      if (core::isJsFamily(f->lang) != core::isJsFamily(entry->lang) || (!core::isJsFamily(f->lang) && f->lang != entry->lang))
        continue;
      if (auto line = creationLine(view, f->path)) return {f->path, *line};
    }
    // No creation call anywhere: the line that starts the server, else the first middleware or
    // route of the entry module, never the import on line 1.
    const core::Facts& facts = entry->facts;
    std::uint32_t line = 0;
    if (!facts.serverRuns.empty()) line = facts.serverRuns.front().line;
    else if (!facts.middleware.empty()) line = facts.middleware.front().line;
    else if (!facts.routes.empty()) line = facts.routes.front().line;
    return {entry->path, line};
  }
  Stack s = detectStack(view);
  if (!s.manifest.empty()) return {s.manifest, 0};
  for (const auto* f : view.files())
    if (core::hasGrammar(f->lang) && !f->facts.isTestOrGenerated()) return {f->path, 0};
  return {};
}

bool isTestSource(const core::FileResult& f) {
  const std::string& p = f.path;
  if (p.find("fixtures/") != std::string::npos || p.find("testdata/") != std::string::npos) return false;
  return f.facts.role == core::FileRole::Test && core::hasGrammar(f.lang);
}

bool holdsTests(const WorkspaceView& view, const core::FileResult& f) {
  auto text = view.read(f.path);
  if (!text) return true;
  // A helper next to a shell test suite (`tests/render.js` beside `tests/tests.sh`): the suite
  // is the script.
  std::string dir = f.path.find('/') == std::string::npos ? "" : f.path.substr(0, f.path.rfind('/') + 1);
  for (std::string_view script : {"tests.sh", "test.sh", "run_tests.sh", "e2e.sh"})
    if (view.exists(dir + std::string(script))) return true;
  // …or a test image beside it that runs one (`CMD ["/app/tests.sh"]`).
  if (auto docker = view.read(dir + "Dockerfile"); docker && docker->find("tests.sh") != std::string::npos) return true;
  bool test = false, assertion = false;
  for (std::string_view w : {"def test", "class Test", "it(", "test(", "describe(", "func Test", "TestCase", "@Test"})
    if (text->find(w) != std::string::npos) test = true;
  for (std::string_view w : {"assert", "expect(", "t.Error", "t.Fatal", "t.Fail", "require.", ".should", "Assert"})
    if (text->find(w) != std::string::npos) assertion = true;
  // Go: a `func Test…` fails on a panic or an error even without an explicit check.
  return test && (assertion || text->find("func Test") != std::string::npos);
}

std::uint32_t lineOf(const std::string& text, std::string_view needle) {
  auto pos = text.find(needle);
  if (pos == std::string::npos) return 0;
  return static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

bool fastifyLoggerEnabled(const WorkspaceView& view) {
  if (!view.uses({"fastify"})) return false;
  for (const auto* f : view.files()) {
    if (f->facts.isTestOrGenerated() || !core::isJsFamily(f->lang)) continue;
    auto text = view.read(f->path);
    if (text && text->find("logger:") != std::string::npos && text->find("logger: false") == std::string::npos)
      return true;
  }
  return false;
}

bool vercelDeployedNextApp(const WorkspaceView& view) {
  if (!view.uses({"next"})) return false;
  if (view.exists("vercel.json")) return true;
  if (auto pkg = view.read("package.json"); pkg && pkg->find("\"vercel-build\"") != std::string::npos) return true;
  auto readme = view.read("README.md");
  if (!readme) return false;
  if (readme->find("vercel.com/new") != std::string::npos || readme->find("vercel.com/button") != std::string::npos)
    return true;
  // A "Deploy to Vercel" / "Vercel" section heading.
  for (std::size_t at = 0; at < readme->size();) {
    std::size_t end = readme->find('\n', at);
    if (end == std::string::npos) end = readme->size();
    std::string_view line(readme->data() + at, end - at);
    if (line.starts_with("#") && line.find("Vercel") != std::string_view::npos) return true;
    at = end + 1;
  }
  return false;
}

}  // namespace agentlens::rules
