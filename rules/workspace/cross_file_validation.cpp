// unvalidated-request-body across files: see cross_file_validation.hpp.
#include "rules/workspace/cross_file_validation.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "core/parsed_file.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kRule = "unvalidated-request-body";

bool isJs(core::Lang l) { return l == core::Lang::JavaScript || l == core::Lang::TypeScript || l == core::Lang::Tsx; }

/// `src/controllers/auth.controller.js` -> `auth.controller`.
std::string stem(std::string_view path) {
  auto s = path.find_last_of('/');
  if (s != std::string_view::npos) path.remove_prefix(s + 1);
  for (std::string_view ext : {".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx"})
    if (path.ends_with(ext)) return std::string(path.substr(0, path.size() - ext.size()));
  return std::string(path);
}

/// The name a handler function is exported or bound under: `function login`, `const login = …`,
/// `const login = catchAsync(async (req, res) => …)`, `exports.login = …`, `login(req, res) {}`.
std::string bindingName(ts::Node fn, std::string_view src) {
  if (auto n = functionName(fn, src); !n.empty()) return std::string(n);
  ts::Node p = fn.parent();
  if (p && p.type() == "arguments" && p.parent() && p.parent().type() == "call_expression") {
    ts::Node decl = p.parent().parent();
    if (decl && decl.type() == "variable_declarator") return std::string(decl.field("name").text(src));
    p = p.parent();
  }
  if (p && p.type() == "assignment_expression") {
    ts::Node left = p.field("left");
    if (left && left.type() == "member_expression") return std::string(left.field("property").text(src));
  }
  return "";
}

/// The names of the functions enclosing `byte`, innermost first.
std::vector<std::string> enclosingNames(const core::ParsedFile& file, std::uint32_t byte) {
  std::vector<std::string> out;
  ts::Node n(ts_node_descendant_for_byte_range(file.tree.root().raw(), byte, byte));
  for (; n; n = n.parent())
    if (isFunctionNode(n, file.lang))
      if (auto name = bindingName(n, file.source()); !name.empty()) out.push_back(name);
  return out;
}

/// For a handler file: handler name -> every route referencing it validates (true) or some does not.
std::map<std::string, bool> routeValidation(const WorkspaceView& view, const core::FileResult& target) {
  std::map<std::string, bool> out;
  std::string want = stem(target.path);
  for (const auto* f : view.files()) {
    bool importsTarget = std::any_of(f->facts.imports.begin(), f->facts.imports.end(),
                                     [&](const core::Import& i) { return stem(i.module) == want; });
    if (!importsTarget) continue;
    for (const auto& r : f->facts.routes) {
      auto dot = r.handler.find_last_of('.');
      if (dot == std::string::npos) continue;
      std::string name = r.handler.substr(dot + 1);
      auto [it, fresh] = out.emplace(name, r.validatesBody);
      if (!fresh) it->second = it->second && r.validatesBody;
    }
  }
  return out;
}

}  // namespace

void validationAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view,
                           const WorkspaceView::Reader& read) {
  for (auto& fr : files) {
    if (!isJs(fr.lang)) continue;
    bool any = std::any_of(fr.findings.begin(), fr.findings.end(),
                           [](const core::Finding& f) { return f.ruleId == kRule; });
    if (!any || !read) continue;
    auto routes = routeValidation(view, fr);
    if (routes.empty()) continue;
    auto text = read(fr.path);
    if (!text) continue;
    core::ParsedFile file = core::parseFile(fr.path, fr.lang, std::make_shared<const std::string>(*text));
    if (!file.tree.valid()) continue;
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (f.ruleId != kRule) return false;
      for (const auto& name : enclosingNames(file, f.range.start)) {
        auto it = routes.find(name);
        if (it != routes.end()) return it->second;
      }
      return false;
    });
  }
}

}  // namespace agentlens::rules
