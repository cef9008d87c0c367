// "Externalize to environment variable": the edits around the replaced literal — the helper
// function a lookup calls (inserted once per file) and the Go imports it needs.
#include "rules/common/externalize_detail.hpp"
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::externalize_detail {

using core::Lang;

const std::string_view kGoMustEnv =
    "// mustEnv returns a required environment variable and stops the program when it is unset.\n"
    "func mustEnv(name string) string {\n"
    "\tv := os.Getenv(name)\n"
    "\tif v == \"\" {\n"
    "\t\tpanic(\"missing required environment variable \" + name)\n"
    "\t}\n"
    "\treturn v\n"
    "}\n";
const std::string_view kGoEnvOr =
    "// envOr returns an environment variable, or def when it is unset.\n"
    "func envOr(name, def string) string {\n"
    "\tif v := os.Getenv(name); v != \"\" {\n"
    "\t\treturn v\n"
    "\t}\n"
    "\treturn def\n"
    "}\n";
const std::string_view kGoEnvInt =
    "// envInt returns an integer environment variable, or def when it is unset; a malformed value\n"
    "// stops the program.\n"
    "func envInt(name string, def int) int {\n"
    "\tv := os.Getenv(name)\n"
    "\tif v == \"\" {\n"
    "\t\treturn def\n"
    "\t}\n"
    "\tn, err := strconv.Atoi(v)\n"
    "\tif err != nil {\n"
    "\t\tpanic(\"environment variable \" + name + \" must be an integer: \" + err.Error())\n"
    "\t}\n"
    "\treturn n\n"
    "}\n";

namespace {

constexpr std::string_view kJsHelper =
    "function requiredEnv(name) {\n"
    "  const value = process.env[name];\n"
    "  if (!value) throw new Error(`Missing required environment variable ${name}`);\n"
    "  return value;\n"
    "}\n";
constexpr std::string_view kTsHelper =
    "function requiredEnv(name: string): string {\n"
    "  const value = process.env[name];\n"
    "  if (!value) throw new Error(`Missing required environment variable ${name}`);\n"
    "  return value;\n"
    "}\n";

bool isRequireDeclaration(ts::Node n, std::string_view src) {
  auto t = n.type();
  if (t != "lexical_declaration" && t != "variable_declaration") return false;
  return ts::anyDescendant(n, [&](ts::Node c) {
    return c.type() == "call_expression" && (calleeText(c, src) == "require" || calleeText(c, src) == "import");
  });
}

/// A leading comment that belongs to the file, not to the statement below it: followed by a blank
/// line, another comment or an import.
bool isBanner(ts::Node comment, std::string_view src) {
  ts::Node next = comment.nextNamedSibling();
  if (!next) return true;
  if (next.type() == "comment" || next.type() == "import_statement" || isRequireDeclaration(next, src)) return true;
  std::string_view gap = src.substr(comment.endByte(), next.startByte() - comment.endByte());
  return gap.find("\n\n") != std::string_view::npos || gap.find("\n\r\n") != std::string_view::npos;
}

}  // namespace

/// True when a top-level declaration (function, binding or import) of `name` exists.
bool declaresTopLevel(const core::ParsedFile& file, std::string_view name) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto t = n.type();
    if (t == "export_statement" && n.field("declaration")) {
      n = n.field("declaration");
      t = n.type();
    }
    if (t == "function_declaration" && n.field("name").text(src) == name) return true;
    if (t == "lexical_declaration" || t == "variable_declaration" || t == "import_statement") {
      bool found = false;
      ts::walk(n, [&](ts::Node c) {
        if (found) return false;
        auto ct = c.type();
        if (ct == "statement_block" || ct == "arguments" || ct == "arrow_function" || ct == "function_expression")
          return false;
        if ((ct == "identifier" || ct == "shorthand_property_identifier_pattern") && c.text(src) == name) found = true;
        return !found;
      });
      if (found) return true;
    }
  }
  return false;
}

/// JS/TS: the helper goes after the top-of-file imports/requires (or directives and the leading
/// comment banner when there are none).
core::TextEdit jsHelperEdit(const core::ParsedFile& file) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  std::uint32_t at = 0;
  bool sawImport = false;
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto t = n.type();
    bool directive = t == "expression_statement" && n.namedChildCount() == 1 && n.namedChild(0).type() == "string";
    if (t == "import_statement" || isRequireDeclaration(n, src)) {
      at = afterLine(src, n.endByte());
      sawImport = true;
      continue;
    }
    if (t == "hash_bang_line" || directive || (t == "comment" && !sawImport && isBanner(n, src))) {
      at = afterLine(src, n.endByte());
      continue;
    }
    if (t == "comment") continue;
    break;
  }
  std::string_view helper = file.lang == Lang::JavaScript ? kJsHelper : kTsHelper;
  std::string lead = (at > 0 && at == src.size() && src.back() != '\n') ? "\n" : "";
  if (at == 0) return insertAt(0, std::string(helper) + "\n");
  return insertAt(at, lead + "\n" + std::string(helper));
}

/// Go: `import` edits for every missing path, merged so that they never overlap.
std::vector<core::TextEdit> goImports(const core::ParsedFile& file, const std::vector<std::string_view>& paths) {
  std::vector<std::string_view> missing;
  for (auto p : paths)
    if (!goEnsureImport(file, p).empty()) missing.push_back(p);
  if (missing.empty()) return {};
  if (missing.size() == 1) return goEnsureImport(file, missing[0]);
  auto src = file.source();
  ts::Node root = file.tree.root();
  ts::Node pkg, lastDecl;
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() == "package_clause") pkg = n;
    if (n.type() == "import_declaration") lastDecl = n;
  }
  bool hasList = false;
  for (std::uint32_t k = 0; lastDecl && k < lastDecl.namedChildCount(); ++k)
    if (lastDecl.namedChild(k).type() == "import_spec_list") hasList = true;
  if (hasList) {  // every edit is an insertion into the list
    std::vector<core::TextEdit> edits;
    for (auto p : missing)
      for (auto& e : goEnsureImport(file, p)) edits.push_back(std::move(e));
    mergeInsertions(edits);
    return edits;
  }
  std::vector<std::string> specs;
  for (auto p : missing) specs.push_back(quoted(p));
  if (lastDecl) specs.emplace_back(lastDecl.namedChild(0).text(src));
  std::sort(specs.begin(), specs.end(), [](const std::string& a, const std::string& b) {
    auto key = [](const std::string& s) { return s.substr(s.find('"')); };
    return key(a) < key(b);
  });
  std::string block = "import (\n";
  for (auto& s : specs) block += "\t" + s + "\n";
  block += ")";
  if (lastDecl) {
    core::TextEdit e;
    e.range = {lastDecl.startByte(), lastDecl.endByte()};
    e.text = block;
    return {e};
  }
  return {insertAt(pkg ? pkg.endByte() : 0, "\n\n" + block)};
}

/// Go: the helper function appended at the end of the file.
core::TextEdit goHelperEdit(const core::ParsedFile& file, std::string_view helper) {
  auto src = file.source();
  std::string lead = src.empty() || src.back() == '\n' ? "\n" : "\n\n";
  return insertAt(static_cast<std::uint32_t>(src.size()), lead + std::string(helper));
}

}  // namespace agentlens::rules::externalize_detail
