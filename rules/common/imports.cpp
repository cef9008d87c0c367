#include "rules/common/imports.hpp"

#include <algorithm>

#include "rules/common/syntax.hpp"

namespace agentlens::rules {

core::TextEdit insertAt(std::uint32_t at, std::string text) {
  core::TextEdit e;
  e.range = {at, at};
  e.text = std::move(text);
  return e;
}

std::uint32_t afterLine(std::string_view src, std::uint32_t offset) {
  while (offset < src.size() && src[offset] != '\n') ++offset;
  return offset < src.size() ? offset + 1 : offset;
}

namespace {

/// Where top-of-module code goes in Python: after the leading block of docstring, `from
/// __future__` and import statements (comments in between are skipped), else at the top.
std::uint32_t pythonInsertPoint(const core::ParsedFile& file) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  std::uint32_t at = 0;
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto t = n.type();
    bool docstring = i == 0 && t == "expression_statement" && n.namedChildCount() == 1 &&
                     n.namedChild(0).type() == "string";
    if (t == "comment") {
      if (n.startPoint().row == 0 && n.text(src).starts_with("#!")) at = afterLine(src, n.endByte());
      continue;
    }
    if (docstring || t == "future_import_statement" || t == "import_statement" || t == "import_from_statement") {
      at = afterLine(src, n.endByte());
      continue;
    }
    break;
  }
  return at;
}

bool pythonImports(const core::ParsedFile& file, std::string_view module) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() != "import_statement") continue;
    for (std::uint32_t k = 0; k < n.namedChildCount(); ++k) {
      ts::Node c = n.namedChild(k);
      if (c.type() == "dotted_name" && c.text(src) == module) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<core::TextEdit> pythonEnsureImport(const core::ParsedFile& file, std::string_view module) {
  if (!file.tree.valid() || pythonImports(file, module)) return {};
  std::uint32_t at = pythonInsertPoint(file);
  auto src = file.source();
  // Keep plain `import x` lines sorted: go before the first one that sorts after the module.
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.startByte() >= at) break;
    if (n.type() != "import_statement" || n.namedChildCount() == 0) continue;
    if (n.namedChild(0).text(src) > module) {
      return {insertAt(lineStartOf(src, n.startByte()), "import " + std::string(module) + "\n")};
    }
  }
  std::string prefix = (at > 0 && at == src.size() && src.back() != '\n') ? "\n" : "";
  return {insertAt(at, prefix + "import " + std::string(module) + "\n")};
}

LoggerPlan pythonLogger(const core::ParsedFile& file) {
  LoggerPlan plan;
  auto src = file.source();
  ts::Node root = file.tree.root();
  std::uint32_t lastImportEnd = 0;
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() == "import_statement" || n.type() == "import_from_statement") {
      lastImportEnd = afterLine(src, n.endByte());
      if (n.type() == "import_from_statement" && n.field("module_name").text(src) == "loguru") {
        plan.name = "logger";  // from loguru import logger
        return plan;
      }
      continue;
    }
    if (n.type() != "expression_statement" || n.namedChildCount() != 1) continue;
    ts::Node a = n.namedChild(0);
    if (a.type() != "assignment") continue;
    ts::Node right = a.field("right");
    if (!right || right.type() != "call") continue;
    auto callee = calleeText(right, src);
    if (callee == "logging.getLogger" || callee == "getLogger" || callee == "structlog.get_logger" ||
        callee == "structlog.getLogger" || callee.ends_with(".get_logger")) {
      plan.name = std::string(a.field("left").text(src));
      return plan;
    }
  }
  plan.name = "logger";
  plan.edits = pythonEnsureImport(file, "logging");
  (void)lastImportEnd;
  std::uint32_t at = pythonInsertPoint(file);
  std::string lead = (at > 0 && at == src.size() && src.back() != '\n') ? "\n" : "";
  // Keep a blank line between the imports and the logger, as formatters would.
  plan.edits.push_back(insertAt(at, lead + "\nlogger = logging.getLogger(__name__)\n"));
  if (plan.edits.size() == 2 && plan.edits[0].range.start == at) {
    plan.edits[0].text += plan.edits[1].text.substr(lead.size());
    plan.edits.pop_back();
  }
  return plan;
}

LoggerPlan jsLogger(const core::ParsedFile& file) {
  LoggerPlan plan;
  plan.name = "console";
  auto src = file.source();
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto t = n.type();
    bool found = false;
    ts::walk(n, [&](ts::Node c) {
      if (found) return false;
      auto ct = c.type();
      if (ct == "statement_block" || ct == "class_body" || ct == "arguments") return false;
      if ((t == "import_statement" && (ct == "identifier")) ||
          ((t == "lexical_declaration" || t == "variable_declaration") && ct == "variable_declarator")) {
        std::string_view name = ct == "identifier" ? c.text(src) : c.field("name").text(src);
        if (name == "logger" || name == "log") {
          plan.name = std::string(name);
          found = true;
        }
        return false;
      }
      return true;
    });
    if (found) break;
  }
  return plan;
}

std::vector<core::TextEdit> goEnsureImport(const core::ParsedFile& file, std::string_view path) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  ts::Node pkg, lastDecl;
  std::string quoted = "\"" + std::string(path) + "\"";
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() == "package_clause") pkg = n;
    if (n.type() != "import_declaration") continue;
    lastDecl = n;
    bool has = false;
    ts::walk(n, [&](ts::Node c) {
      if (c.type() == "import_spec") {
        if (c.field("path").text(src) == quoted && !c.field("name")) has = true;
        return false;
      }
      return true;
    });
    if (has) return {};
  }
  if (lastDecl) {
    ts::Node list;
    for (std::uint32_t k = 0; k < lastDecl.namedChildCount(); ++k)
      if (lastDecl.namedChild(k).type() == "import_spec_list") list = lastDecl.namedChild(k);
    if (list) {
      // Insert in sorted position among the standard-library group (first group).
      std::uint32_t at = afterLine(src, list.startByte());
      for (std::uint32_t k = 0; k < list.namedChildCount(); ++k) {
        ts::Node spec = list.namedChild(k);
        if (spec.type() != "import_spec") continue;
        auto p = spec.field("path").text(src);
        if (p < quoted) at = afterLine(src, spec.endByte());
        else break;
      }
      return {insertAt(at, "\t" + quoted + "\n")};
    }
    // import "x"  ->  import (\n\t"fmt"\n\t"x"\n)
    ts::Node spec = lastDecl.namedChild(0);
    std::string a = quoted, b = std::string(spec.text(src));
    std::string specPath = std::string(spec.field("path").text(src));
    if (specPath < quoted) std::swap(a, b);
    core::TextEdit e;
    e.range = {lastDecl.startByte(), lastDecl.endByte()};
    e.text = "import (\n\t" + a + "\n\t" + b + "\n)";
    return {e};
  }
  std::uint32_t at = pkg ? pkg.endByte() : 0;
  return {insertAt(at, "\n\nimport " + quoted)};
}

void mergeInsertions(std::vector<core::TextEdit>& edits) {
  std::vector<core::TextEdit> out;
  for (auto& e : edits) {
    if (e.kind == core::TextEdit::Kind::Replace && e.range.start == e.range.end) {
      auto it = std::find_if(out.begin(), out.end(), [&](const core::TextEdit& o) {
        return o.kind == core::TextEdit::Kind::Replace && o.path == e.path && o.range.start == e.range.start &&
               o.range.end == e.range.start;
      });
      if (it != out.end()) {
        it->text += e.text;
        continue;
      }
    }
    out.push_back(std::move(e));
  }
  edits = std::move(out);
}

}  // namespace agentlens::rules
