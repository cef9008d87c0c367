// sql-built-from-strings: a Go query assembled in a strings.Builder / bytes.Buffer (see
// sql_pieces.hpp).
#include "rules/common/syntax.hpp"
#include "rules/security/sql_pieces.hpp"

namespace agentlens::rules::sqlrule {

using core::Lang;

bool builderString(ts::Node q, std::string_view src, Pieces& out, ts::Node scope) {
  ts::Node fnode = q.field("function");
  ts::Node a = callArguments(q);
  if (!fnode || fnode.type() != "selector_expression" || !a || a.namedChildCount() != 0) return false;
  ts::Node obj = fnode.field("operand"), field = fnode.field("field");
  if (!obj || obj.type() != "identifier" || !field || field.text(src) != "String") return false;
  std::string_view name = obj.text(src);
  bool builder = false;
  ts::walk(scope, [&](ts::Node n) {
    if (n.startByte() >= q.startByte()) return false;
    auto t = n.type();
    if (t == "var_spec" || t == "short_var_declaration") {
      std::string_view text = n.text(src);
      ts::Node first = n.namedChild(0);
      if (first && first.text(src).starts_with(name) &&
          (text.find("strings.Builder") != std::string_view::npos || text.find("bytes.Buffer") != std::string_view::npos))
        builder = true;
    }
    if (t != "call_expression" || !builder) return true;
    ts::Node f = n.field("function");
    ts::Node args = callArguments(n);
    if (!f || f.type() != "selector_expression" || !args || args.namedChildCount() != 1) return true;
    ts::Node o = f.field("operand");
    std::string_view m = f.field("field") ? f.field("field").text(src) : "";
    if (!o || o.text(src) != name || (m != "WriteString" && m != "Write")) return true;
    ts::Node v = args.namedChild(0);
    if (auto lit = stringLiteralValue(v, src, Lang::Go)) {
      out.text.back() += *lit;
    } else {
      out.holes.push_back(v);
      out.text.emplace_back();
    }
    return false;
  });
  out.fixable = false;
  return builder;
}

}  // namespace agentlens::rules::sqlrule
