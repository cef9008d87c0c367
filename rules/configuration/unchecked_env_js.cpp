// unchecked-env-config: JavaScript/TypeScript reads (`process.env.X`) passed to parsers and clients.
#include <algorithm>

#include "rules/common/syntax.hpp"
#include "rules/configuration/unchecked_env_shared.hpp"

namespace agentlens::rules::unchecked_env {

using core::Lang;

void js(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  auto t = node.type();
  if (t == "if_statement") return collectNames(node.field("condition"), ctx);
  if (t == "unary_expression") {
    if (node.field("operator").text(src) == "!") collectNames(node.field("argument"), ctx);
    return;
  }
  if (t == "ternary_expression") return collectNames(node.field("condition"), ctx);
  if (t == "binary_expression") {
    auto op = node.field("operator").text(src);
    if (op == "||" || op == "??" || op == "===" || op == "!==" || op == "==" || op == "!=")
      collectNames(node.field("left"), ctx);
    return;
  }
  // member_expression: process.env.X
  if (node.field("object").text(src) != "process.env") return;
  std::string env(node.field("property").text(src));
  if (env.empty() || env == "NODE_ENV" || env.starts_with("NEXT_PUBLIC_") || env.starts_with("VITE_")) return;
  auto anc = ctx.ancestors();
  if (anc.empty()) return;
  ts::Node parent = anc.back();
  auto pt = parent.type();
  if (pt == "binary_expression") return;  // process.env.X || default, comparisons
  ts::Node call;
  if (pt == "arguments" && anc.size() >= 2) call = anc[anc.size() - 2];
  if (pt == "pair" && anc.size() >= 4 && anc[anc.size() - 2].type() == "object" &&
      anc[anc.size() - 3].type() == "arguments")
    call = anc[anc.size() - 4];
  if (!call) return;
  // A fallback around the call: parseInt(process.env.X) || 3000.
  if (anc.size() >= 3 && call == anc[anc.size() - 2]) {
    ts::Node outer = anc.size() >= 3 ? anc[anc.size() - 3] : ts::Node();
    if (outer && outer.type() == "binary_expression" && in(outer.field("operator").text(src), {"||", "??"})) return;
  }
  std::string_view callee = call.type() == "new_expression" ? call.field("constructor").text(src) : calleeText(call, src);
  auto dot = callee.find_last_of('.');
  std::string_view last = dot == std::string_view::npos ? callee : callee.substr(dot + 1);
  if (pt == "arguments" && in(callee, {"parseInt", "Number", "parseFloat", "Number.parseInt", "Number.parseFloat"})) {
    report(node, env, ctx, std::string(callee) + "(process.env." + env + ") is NaN when the variable is unset");
    return;
  }
  if (clientCallee(last)) ctx.state<State>().jsClientReads.push_back({env, std::string(callee), node});
}

}  // namespace agentlens::rules::unchecked_env
