#include "rules/workspace/stack.hpp"

#include <algorithm>

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

Anchor appAnchor(const WorkspaceView& view) {
  if (const core::FileResult* entry = view.entryModule()) {
    return {entry->path,
            view.lineOfAny(entry->path, {"Flask(", "FastAPI(", "express()", "Koa()", "fastify(", "new Hono(",
                                         "gin.Default()", "gin.New()", "chi.NewRouter()", "echo.New()",
                                         "http.NewServeMux()", "ListenAndServe", "get_wsgi_application", "Starlette("})};
  }
  Stack s = detectStack(view);
  if (!s.manifest.empty()) return {s.manifest, 0};
  for (const auto* f : view.files())
    if (core::hasGrammar(f->lang) && !f->facts.isTestOrGenerated()) return {f->path, 0};
  return {};
}

std::uint32_t lineOf(const std::string& text, std::string_view needle) {
  auto pos = text.find(needle);
  if (pos == std::string::npos) return 0;
  return static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

}  // namespace agentlens::rules
