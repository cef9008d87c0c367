#include "core/facts/roles.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace agentlens::core {
namespace {

using Names = std::initializer_list<std::string_view>;

/// `m` is `root` or a submodule of it (`root.x`, `root/x`).
bool underModule(std::string_view m, std::string_view root) {
  return m == root || (m.size() > root.size() && m.starts_with(root) && (m[root.size()] == '.' || m[root.size()] == '/'));
}

bool importsAny(const Facts& f, Names mods) {
  return std::any_of(f.imports.begin(), f.imports.end(), [&](const Import& i) {
    return std::any_of(mods.begin(), mods.end(), [&](std::string_view m) { return underModule(i.module, m); });
  });
}

std::string_view fileName(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view stem(std::string_view name) { return name.substr(0, name.find('.')); }

/// The path's directory components, in order.
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  for (auto next = path.find('/'); next != std::string_view::npos; next = path.find('/', pos)) {
    if (next > pos) out.push_back(path.substr(pos, next - pos));
    pos = next + 1;
  }
  return out;
}

bool hasDir(std::string_view path, std::string_view dir) {
  auto segs = segments(path);
  return std::find(segs.begin(), segs.end(), dir) != segs.end();
}

bool importsNodeBuiltin(const Facts& f) {
  return std::any_of(f.imports.begin(), f.imports.end(), [](const Import& i) {
    if (i.module.starts_with("node:")) return true;
    for (auto m : {"fs", "path", "child_process", "http", "https", "net", "os", "cluster", "worker_threads",
                   "readline", "stream", "zlib", "dns", "tls", "dgram", "v8", "vm"})
      if (underModule(i.module, m)) return true;
    return false;
  });
}

/// Names that frameworks run on the server whatever folder they sit in: Next.js/Astro
/// `middleware`, `instrumentation`, `server.*`, SvelteKit `+server`, `*.server.*`.
bool serverOnlyName(std::string_view path) {
  auto name = fileName(path);
  auto s = stem(name);
  return s == "middleware" || s == "instrumentation" || s == "server" || s == "+server" ||
         name.find(".server.") != std::string_view::npos;
}

/// A Next.js app-router file that renders or answers on the server unless it says "use client".
bool nextAppServerFile(std::string_view path) {
  if (!hasDir(path, "app")) return false;
  auto s = stem(fileName(path));
  for (auto n : {"page", "layout", "template", "default", "not-found", "route", "sitemap", "robots"})
    if (s == n) return true;
  return false;
}

/// A pages-router page component (`pages/index.tsx`); `pages/api/` holds server handlers.
bool nextPagesComponent(const ParsedFile& file, const Facts& f) {
  if (!hasDir(file.path, "pages") || file.path.find("pages/api/") != std::string::npos) return false;
  return file.lang == Lang::Tsx || file.path.ends_with(".jsx") || importsAny(f, {"react", "next"});
}

/// UI libraries that only run in a browser. Plain `react` is not enough (server code renders
/// e-mail templates with it, and server components import it): React counts with its hooks.
bool importsBrowserLibrary(const Facts& f, std::string_view src) {
  if (importsAny(f, {"react"}) && (src.find("useState") != std::string_view::npos ||
                                   src.find("useEffect") != std::string_view::npos ||
                                   src.find("useRef") != std::string_view::npos))
    return true;
  return importsAny(f, {"react-dom", "vue", "svelte", "solid-js", "preact", "@angular/core", "react-router",
                        "react-router-dom", "vue-router", "pinia", "vuex", "swr", "@tanstack/react-query",
                        "next/router", "next/head", "@vueuse/core"});
}

/// `window.x` as code: not `this.window.x`, not "the window." at the end of a comment's sentence.
bool usesWindow(std::string_view src) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '.'; };
  for (auto at = src.find("window."); at != std::string_view::npos; at = src.find("window.", at + 1)) {
    bool start = at == 0 || !word(src[at - 1]);
    bool member = at + 7 < src.size() && std::isalpha(static_cast<unsigned char>(src[at + 7]));
    if (start && member) return true;
  }
  return false;
}

bool usesBrowserGlobals(std::string_view src) {
  for (auto g : {"document.getElementById", "document.querySelector", "document.createElement", "document.body",
                 "document.cookie", "localStorage.", "sessionStorage."})
    if (src.find(g) != std::string_view::npos) return true;
  return usesWindow(src);
}

/// `frontend/src/…`, `client/src/…`, `web/src/…`, `ui/src/…`, `frontend-react/src/…`.
bool inFrontendSource(std::string_view path) {
  auto segs = segments(path);
  for (std::size_t i = 0; i + 1 < segs.size(); ++i) {
    auto s = segs[i];
    bool front = s == "client" || s == "web" || s == "webapp" || s == "ui" || s.starts_with("frontend");
    if (front && segs[i + 1] == "src") return true;
  }
  return false;
}

bool browserSignals(const ParsedFile& file, const Facts& f) {
  if (importsNodeBuiltin(f) || importsAny(f, {"astro"}) ||
      std::any_of(f.imports.begin(), f.imports.end(), [](const Import& i) { return i.module.starts_with("astro:"); }))
    return false;
  auto src = file.source();
  return importsBrowserLibrary(f, src) || src.find("import.meta.env") != std::string_view::npos ||
         usesBrowserGlobals(src) || inFrontendSource(file.path);
}

/// The function a top-level statement calls, through `await`, `void` and `.then/.catch/.finally`
/// chains: `main().catch(console.error)` -> `main`.
std::string_view calledFunction(ts::Node e, std::string_view src) {
  while (e) {
    auto t = e.type();
    if (t == "await_expression" || t == "unary_expression" || t == "parenthesized_expression") {
      e = e.namedChild(e.namedChildCount() - 1);
    } else if (t == "call_expression") {
      ts::Node fn = e.field("function");
      if (fn.type() == "identifier") return fn.text(src);
      if (fn.type() != "member_expression") return {};
      auto prop = fn.field("property").text(src);
      if (prop != "then" && prop != "catch" && prop != "finally") return {};
      e = fn.field("object");
    } else {
      return {};
    }
  }
  return {};
}

/// A module run for its side effect: it calls one of its own top-level functions at top level
/// (`main()`, `seed().catch(…)`) and exports nothing, and starts no server (a `main()` that
/// calls `serve(…)` or `app.listen(…)` is the service's entry point).
bool jsMainEntry(const ParsedFile& file) {
  auto src = file.source();
  for (auto server : {"serve(", ".listen(", "createServer("})
    if (src.find(server) != std::string_view::npos) return false;
  ts::Node root = file.tree.root();
  std::vector<std::string_view> functions;
  std::vector<std::string_view> called;
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto t = n.type();
    if (t == "export_statement") return false;
    if (t == "function_declaration") {
      functions.push_back(n.field("name").text(src));
    } else if (t == "lexical_declaration" || t == "variable_declaration") {
      for (std::uint32_t k = 0; k < n.namedChildCount(); ++k) {
        ts::Node d = n.namedChild(k);
        auto v = d.field("value").type();
        if (v == "arrow_function" || v == "function_expression" || v == "function")
          functions.push_back(d.field("name").text(src));
      }
    } else if (t == "expression_statement" && n.namedChildCount() == 1) {
      auto text = n.text(src);
      if (text.starts_with("module.exports") || text.starts_with("exports.")) return false;
      auto fn = calledFunction(n.namedChild(0), src);
      if (!fn.empty()) called.push_back(fn);
    }
  }
  return std::any_of(called.begin(), called.end(), [&](std::string_view c) {
    return std::find(functions.begin(), functions.end(), c) != functions.end();
  });
}

void decideJsRole(const ParsedFile& file, Facts& f, bool useClient) {
  auto src = file.source();
  if (useClient) f.role = FileRole::Frontend;
  else if (nextAppServerFile(file.path)) f.role = f.frameworks.empty() ? FileRole::Library : FileRole::Server;
  else if (nextPagesComponent(file, f)) f.role = FileRole::Frontend;
  else if (!f.frameworks.empty()) f.role = FileRole::Server;
  else if (serverOnlyName(file.path)) f.role = FileRole::Library;
  else if (src.starts_with("#!") || importsAny(f, {"commander", "yargs", "meow", "cac"}) || jsMainEntry(file))
    f.role = FileRole::Script;
  else if (browserSignals(file, f) || file.lang == Lang::Tsx || file.path.ends_with(".jsx"))
    f.role = FileRole::Frontend;
}

/// A decorator that makes a function a command-line command: Flask `@app.cli.command()` and
/// `@bp.cli.command()`, `@click.command()`, and `@<group>.command()` in a click/typer module.
bool cliDecorator(std::string_view d, bool cliModule) {
  if (d.starts_with("@")) d.remove_prefix(1);
  d = d.substr(0, d.find('('));
  if (d.find(".cli.command") != std::string_view::npos || d.find(".cli.group") != std::string_view::npos) return true;
  if (d == "click.command" || d == "click.group" || d == "manager.command") return true;
  return cliModule && (d.ends_with(".command") || d.ends_with(".group"));
}

void pythonFunctionRoles(const ParsedFile& file, Facts& f) {
  auto src = file.source();
  const bool cliModule = importsAny(f, {"click", "typer", "flask_script"});
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    ts::Node def = n.type() == "decorated_definition" ? n.field("definition") : n;
    if (n.type() == "decorated_definition") {
      for (std::uint32_t k = 0; k < n.namedChildCount(); ++k) {
        ts::Node d = n.namedChild(k);
        if (d.type() != "decorator" || !cliDecorator(d.text(src), cliModule)) continue;
        f.functionRoles.push_back({n.startByte(), n.endByte(), FileRole::Script, std::string(d.text(src))});
        break;
      }
    }
    // The module run as a program: `if __name__ == "__main__":`.
    if (n.type() == "if_statement") {
      auto cond = n.field("condition").text(src);
      if (cond.find("__name__") != std::string_view::npos && cond.find("__main__") != std::string_view::npos)
        f.functionRoles.push_back({n.startByte(), n.endByte(), FileRole::Script, "__main__"});
    }
    // Django management command: `class Command(BaseCommand)`, run by `manage.py <name>`.
    if (def.type() == "class_definition" && def.field("superclasses").text(src).find("BaseCommand") != std::string_view::npos)
      f.functionRoles.push_back({n.startByte(), n.endByte(), FileRole::Script, "BaseCommand"});
  }
}

/// Next.js pages-router data functions run on the server, though their page renders in the browser.
void nextDataFunctionRoles(const ParsedFile& file, Facts& f) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() != "export_statement") continue;
    ts::Node decl = n.field("declaration");
    std::string_view name;
    if (decl.type() == "function_declaration") name = decl.field("name").text(src);
    else if (decl.type() == "lexical_declaration" && decl.namedChildCount() == 1)
      name = decl.namedChild(0).field("name").text(src);
    if (name == "getServerSideProps" || name == "getStaticProps" || name == "getStaticPaths")
      f.functionRoles.push_back({n.startByte(), n.endByte(), FileRole::Server, std::string(name)});
  }
}

/// Go test helpers outside `_test.go` files: `func TestDB() *gorm.DB`. `go test` runs only
/// `_test.go` files, so a `TestXxx` function elsewhere exists for the tests that call it.
void goTestHelperRoles(const ParsedFile& file, Facts& f) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() != "function_declaration") continue;
    auto name = n.field("name").text(src);
    if (name.size() > 4 && name.starts_with("Test") && name[4] >= 'A' && name[4] <= 'Z')
      f.functionRoles.push_back({n.startByte(), n.endByte(), FileRole::Test, std::string(name)});
  }
}

}  // namespace

void findFunctionRoles(const ParsedFile& file, Facts& f) {
  if (!file.tree.valid()) return;
  if (file.lang == Lang::Python && f.role != FileRole::Script) pythonFunctionRoles(file, f);
  else if (isJsFamily(file.lang) && f.role == FileRole::Frontend) nextDataFunctionRoles(file, f);
  else if (file.lang == Lang::Go && f.role != FileRole::Test) goTestHelperRoles(file, f);
}

void decideContentRole(const ParsedFile& file, Facts& f, bool useClient) {
  if (isJsFamily(file.lang)) {
    decideJsRole(file, f, useClient);
    return;
  }
  if (file.lang == Lang::Python) {
    if (!f.frameworks.empty()) f.role = FileRole::Server;
    else if (importsAny(f, {"argparse", "click", "typer", "fire", "docopt"}) || f.hasMainGuard)
      f.role = FileRole::Script;
  } else if (file.lang == Lang::Go) {
    // net/http alone is also an HTTP client; in package main it is a server entry.
    bool server = std::any_of(f.frameworks.begin(), f.frameworks.end(), [](auto& s) { return s != "net/http"; }) ||
                  (f.usesFramework("net/http") && f.hasMainGuard);
    if (server) f.role = FileRole::Server;
    else if (f.hasMainGuard) f.role = FileRole::Script;
  }
}

}  // namespace agentlens::core
