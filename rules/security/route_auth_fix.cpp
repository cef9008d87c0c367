// route-without-auth: the auth primitive of a file and the fix that adds it (see route_auth_fix.hpp).
#include "rules/security/route_auth_fix.hpp"

#include <algorithm>
#include <map>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::route_auth {
namespace {

using core::Lang;

bool authName(std::string_view name) {
  std::string l = core::text::asciiLower(name);
  for (auto w : {"login_required", "auth", "token_required", "jwt_required", "permission", "requires_user",
                 "current_user", "verify", "require", "protect", "ensure_logged", "isloggedin", "passport", "session"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

/// The function node whose range starts at `start` (the handler), found by descending the tree.
ts::Node nodeAt(const core::ParsedFile& file, std::uint32_t start, std::uint32_t end) {
  ts::Node root = file.tree.root();
  TSNode n = ts_node_descendant_for_byte_range(root.raw(), start, end);
  ts::Node node(n);
  while (node && !isFunctionNode(node, file.lang) && node.type() != "decorated_definition") node = node.parent();
  return node;
}

}  // namespace

std::optional<Primitive> filePrimitive(const RuleContext& ctx) {
  auto src = ctx.source();
  std::map<std::string, int> counts;
  Lang lang = ctx.lang();
  std::size_t pos = 0;
  while (pos < src.size()) {
    auto nl = src.find('\n', pos);
    std::string_view line = src.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? src.size() : nl + 1;
    auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;
    line = line.substr(first);
    if (lang == Lang::Python) {
      if (line.starts_with("@")) {
        std::string_view deco = line.substr(0, line.find_first_of(" #\r"));
        std::string_view name = deco.substr(1, deco.find('(') == std::string_view::npos ? std::string_view::npos : deco.find('(') - 1);
        if (name.find('.') == std::string_view::npos && authName(name) && name.find("route") == std::string_view::npos)
          ++counts[std::string(deco)];
      }
      for (std::size_t at = line.find("Depends("); at != std::string_view::npos; at = line.find("Depends(", at + 1)) {
        auto close = line.find(')', at);
        if (close == std::string_view::npos) break;
        std::string_view dep = line.substr(at + 8, close - at - 8);
        if (!dep.empty() && dep.find_first_of(" ,(") == std::string_view::npos && authName(dep))
          ++counts["Depends:" + std::string(dep)];
      }
    } else if (core::isJsFamily(lang)) {
      // app.get("/x", requireAuth, handler)
      for (auto verb : {".get(", ".post(", ".put(", ".patch(", ".delete(", ".all("}) {
        auto at = line.find(verb);
        if (at == std::string_view::npos) continue;
        std::string_view rest = line.substr(at + std::string_view(verb).size());
        auto comma = rest.find(',');
        if (comma == std::string_view::npos) continue;
        rest = rest.substr(comma + 1);
        auto s = rest.find_first_not_of(' ');
        if (s == std::string_view::npos) continue;
        rest = rest.substr(s);
        auto e = rest.find(',');
        if (e == std::string_view::npos) continue;
        std::string_view mw = rest.substr(0, e);
        while (!mw.empty() && mw.back() == ' ') mw.remove_suffix(1);
        if (mw.find("=>") != std::string_view::npos || mw.find("function") != std::string_view::npos) continue;
        if (authName(mw)) ++counts[std::string(mw)];
      }
    }
  }
  if (counts.empty()) return std::nullopt;
  auto best = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
  return Primitive{best->first};
}

void addFix(core::Finding& f, RuleContext& ctx, const core::Route& route, const Primitive& p) {
  if (route.handlerEnd <= route.handlerStart) return;
  auto src = ctx.source();
  ts::Node fn = nodeAt(ctx.file(), route.handlerStart, route.handlerEnd);
  if (!fn) return;
  core::TextEdit e;
  std::string title;
  if (ctx.lang() == Lang::Python) {
    if (fn.type() == "decorated_definition") fn = fn.field("definition");
    if (!fn || fn.type() != "function_definition") return;
    if (p.text.starts_with("@")) {
      std::uint32_t at = lineStartOf(src, fn.startByte());
      e.range = {at, at};
      e.text = std::string(lineIndent(src, fn.startByte())) + p.text + "\n";
      title = "Protect the route with " + p.text;
    } else if (p.text.starts_with("Depends:")) {
      std::string dep = p.text.substr(8);
      ts::Node params = fn.field("parameters");
      if (!params) return;
      for (std::uint32_t i = 0; i < params.namedChildCount(); ++i) {
        auto t = params.namedChild(i).type();
        if (t == "list_splat_pattern" || t == "dictionary_splat_pattern") return;
        if (params.namedChild(i).text(src).starts_with("current_user")) return;
      }
      std::uint32_t close = params.endByte() - 1;
      std::string_view inner = src.substr(params.startByte() + 1, close - params.startByte() - 1);
      auto last = inner.find_last_not_of(" \t\r\n");
      bool empty = last == std::string_view::npos;
      bool trailingComma = !empty && inner[last] == ',';
      e.range = {close, close};
      e.text = std::string(empty ? "" : trailingComma ? " " : ", ") + "current_user=Depends(" + dep + ")";
      title = "Require " + dep + " as a dependency";
    } else {
      return;
    }
  } else if (core::isJsFamily(ctx.lang())) {
    e.range = {fn.startByte(), fn.startByte()};
    e.text = p.text + ", ";
    title = "Protect the route with " + p.text;
  } else {
    return;
  }
  core::Fix fix{.title = title, .applicability = core::Applicability::Unsafe};
  fix.edits.push_back(e);
  f.fixes.push_back(std::move(fix));
}

}  // namespace agentlens::rules::route_auth
