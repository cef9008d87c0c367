#include "core/facts/prelude.hpp"

#include "core/facts/roles.hpp"

#include <algorithm>
#include <cctype>

namespace agentlens::core {
namespace {

std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'' || s.front() == '`') && s.back() == s.front())
    return s.substr(1, s.size() - 2);
  return s;
}

void addImport(Facts& f, Lang lang, std::string_view module, std::uint32_t line) {
  if (module.empty()) return;
  f.imports.push_back({std::string(module), line});
  auto fw = frameworkOfImport(lang, module);
  if (!fw.empty() && !f.usesFramework(fw)) f.frameworks.emplace_back(fw);
}

/// `import a, b as c` (every module) or `from m import x` (the module).
void pythonImport(Facts& f, Lang lang, ts::Node stmt, std::string_view src) {
  auto line = stmt.startPoint().row;
  if (stmt.type() == "import_from_statement") {
    addImport(f, lang, stmt.field("module_name").text(src), line);
    return;
  }
  for (std::uint32_t k = 0; k < stmt.namedChildCount(); ++k) {
    ts::Node c = stmt.namedChild(k);
    if (c.type() == "aliased_import") c = c.field("name");
    addImport(f, lang, c.text(src), line);
  }
}

/// The imports directly inside a block (a module-level `if` or `try` body).
void pythonImports(Facts& f, Lang lang, ts::Node block, std::string_view src) {
  for (std::uint32_t k = 0; block && k < block.namedChildCount(); ++k) {
    ts::Node c = block.namedChild(k);
    if (c.type() == "import_statement" || c.type() == "import_from_statement") pythonImport(f, lang, c, src);
  }
}

void pythonPrelude(const ParsedFile& file, Facts& f) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto type = n.type();
    if (type == "import_statement" || type == "import_from_statement") {
      pythonImport(f, file.lang, n, src);
    } else if (type == "if_statement") {
      auto cond = n.field("condition").text(src);
      bool mainGuard = cond.find("__name__") != std::string_view::npos && cond.find("__main__") != std::string_view::npos;
      if (mainGuard) f.hasMainGuard = true;
      // Optional SDKs are imported where they are switched on: `if SENTRY_DSN: import sentry_sdk`.
      if (!mainGuard) pythonImports(f, file.lang, n.field("consequence"), src);
    } else if (type == "try_statement") {
      // Optional imports live in try/except ImportError at module level.
      pythonImports(f, file.lang, n.field("body"), src);
    } else if (type == "expression_statement" && n.namedChildCount() == 1 &&
               n.namedChild(0).type() == "assignment") {
      auto left = n.namedChild(0).field("left").text(src);
      if (left == "INSTALLED_APPS" || left == "ROOT_URLCONF") f.role = FileRole::Config;
    }
  }
}

/// `require("x")` anywhere in a top-level declaration's initializer.
void jsRequires(ts::Node n, std::string_view src, Facts& f, Lang lang) {
  ts::walk(n, [&](ts::Node c) {
    if (c.type() == "call_expression") {
      ts::Node fn = c.field("function");
      ts::Node args = c.field("arguments");
      if (fn.text(src) == "require" && args && args.namedChildCount() == 1 &&
          args.namedChild(0).type() == "string")
        addImport(f, lang, unquote(args.namedChild(0).text(src)), c.startPoint().row);
      return false;
    }
    return c.type() != "arrow_function" && c.type() != "function_expression" &&
           c.type() != "function_declaration" && c.type() != "class_body";
  });
}

void jsPrelude(const ParsedFile& file, Facts& f, bool& useClient) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  bool directives = true;
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto type = n.type();
    if (type == "comment" || type == "hash_bang_line") continue;
    if (directives && type == "expression_statement" && n.namedChildCount() == 1 &&
        n.namedChild(0).type() == "string") {
      if (unquote(n.namedChild(0).text(src)) == "use client") useClient = true;
      continue;
    }
    directives = false;
    if (type == "import_statement") {
      addImport(f, file.lang, unquote(n.field("source").text(src)), n.startPoint().row);
    } else if (type == "lexical_declaration" || type == "variable_declaration" ||
               type == "expression_statement") {
      jsRequires(n, src, f, file.lang);
    }
  }
}

void goPrelude(const ParsedFile& file, Facts& f) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() == "package_clause") {
      for (std::uint32_t k = 0; k < n.namedChildCount(); ++k)
        if (n.namedChild(k).text(src) == "main") f.hasMainGuard = true;
    } else if (n.type() == "import_declaration") {
      ts::walk(n, [&](ts::Node c) {
        if (c.type() == "import_spec") {
          addImport(f, file.lang, unquote(c.field("path").text(src)), c.startPoint().row);
          return false;
        }
        return true;
      });
    }
  }
}

}  // namespace

std::string_view frameworkOfImport(Lang lang, std::string_view m) {
  auto root = [&](std::string_view s) {
    return m == s || (m.size() > s.size() && m.starts_with(s) && (m[s.size()] == '.' || m[s.size()] == '/'));
  };
  if (lang == Lang::Python) {
    for (auto fw : {"flask", "fastapi", "django", "starlette", "sanic", "aiohttp.web", "tornado"})
      if (root(fw)) return fw == std::string_view("aiohttp.web") ? "aiohttp" : fw;
    if (m == "rest_framework" || m.starts_with("rest_framework.")) return "django";
  } else if (isJsFamily(lang)) {
    if (m == "express") return "express";
    if (m == "koa" || m == "@koa/router") return "koa";
    if (m == "fastify") return "fastify";
    if (m == "hono") return "hono";
    if (m == "next/server" || m == "next") return "nextjs";
    if (m.starts_with("@nestjs/")) return "nest";
  } else if (lang == Lang::Go) {
    if (m == "net/http") return "net/http";
    if (m == "github.com/gin-gonic/gin") return "gin";
    if (m.starts_with("github.com/go-chi/chi")) return "chi";
    if (m.starts_with("github.com/labstack/echo")) return "echo";
    if (m.starts_with("github.com/gofiber/fiber")) return "fiber";
  }
  return "";
}

/// A generated-file header in the first lines: Go's `// Code generated … DO NOT EDIT.`, swag's
/// `// GENERATED BY THE COMMAND ABOVE; DO NOT EDIT`, `@generated` (protoc, Relay, …).
bool generatedHeader(std::string_view src) {
  std::string head(src.substr(0, std::min<std::size_t>(src.size(), 600)));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = head;
  for (int i = 0; i < 10 && !rest.empty(); ++i) {  // one line says both: generated, do not edit
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (line.find("@generated") != std::string_view::npos) return true;
    if (line.find("generated") != std::string_view::npos && line.find("do not edit") != std::string_view::npos)
      return true;
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return false;
}

Facts extractPrelude(const ParsedFile& file) {
  Facts f;
  f.role = roleFromPath(file.path);
  if (f.role == FileRole::Library && generatedHeader(file.source())) f.role = FileRole::Generated;
  if (!file.tree.valid()) {
    if (!hasGrammar(file.lang)) f.role = f.role == FileRole::Library ? FileRole::Infra : f.role;
    return f;
  }
  bool useClient = false;
  FileRole contentRole = FileRole::Library;
  switch (file.lang) {
    case Lang::Python: pythonPrelude(file, f); contentRole = f.role; break;
    case Lang::JavaScript:
    case Lang::TypeScript:
    case Lang::Tsx: jsPrelude(file, f, useClient); break;
    case Lang::Go: goPrelude(file, f); break;
    default: break;
  }
  if (f.role == FileRole::Library && contentRole != FileRole::Config) decideContentRole(file, f, useClient);
  findFunctionRoles(file, f);
  return f;
}

}  // namespace agentlens::core
