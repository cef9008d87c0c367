// unchecked-env-config: Go reads (`os.Getenv`) passed to parsers and clients, or bound and never checked.
#include <algorithm>

#include "rules/common/syntax.hpp"
#include "rules/configuration/unchecked_env_shared.hpp"

namespace agentlens::rules::unchecked_env {

using core::Lang;

namespace {

/// `":" + port` (an empty port listens anywhere) is a sink of `port`; `x == ""` / `x != ""` checks
/// `x`.
void goComparison(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  auto& st = ctx.state<State>();
  auto op = node.field("operator").text(src);
  ts::Node l = node.field("left"), r = node.field("right");
  if (op == "+" && l.type() == "interpreted_string_literal" && l.text(src).starts_with("\":") &&
      r.type() == "identifier") {
    st.sinks.emplace_back(std::string(r.text(src)), r);  // ":" + port: an empty port listens anywhere
    return;
  }
  if (op != "==" && op != "!=") return;
  if (l.type() == "identifier" && r.type() == "interpreted_string_literal")
    st.checks.emplace_back(std::string(l.text(src)), node.startByte());
  if (r.type() == "identifier" && l.type() == "interpreted_string_literal")
    st.checks.emplace_back(std::string(r.text(src)), node.startByte());
}

}  // namespace

void go(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  auto& st = ctx.state<State>();
  if (node.type() == "binary_expression") return goComparison(node, ctx);
  std::string_view callee = calleeText(node, src);
  ts::Node args = callArguments(node);
  if (!args) return;
  // len(x), cmp.Or(x, …) count as checks of x.
  if (callee == "len" || callee == "cmp.Or" || callee == "strings.TrimSpace") {
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i)
      if (args.namedChild(i).type() == "identifier")
        st.checks.emplace_back(std::string(args.namedChild(i).text(src)), node.startByte());
    return;
  }
  if (goSink(callee) || calleeName(node, src) == "ApplyURI") {
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i)
      if (args.namedChild(i).type() == "identifier")
        st.sinks.emplace_back(std::string(args.namedChild(i).text(src)), args.namedChild(i));
  }
  if (callee != "os.Getenv" || args.namedChildCount() != 1) return;
  auto v = stringLiteralValue(args.namedChild(0), src, Lang::Go);
  if (!v) return;
  std::string env(*v);
  auto anc = ctx.ancestors();
  if (anc.size() < 2) return;
  ts::Node parent = anc.back();
  // strconv.Atoi(os.Getenv("X")) with the error discarded.
  if (parent.type() == "argument_list") {
    ts::Node call = anc[anc.size() - 2];
    std::string_view outer = calleeText(call, src);
    if (outer == "strconv.Atoi" || outer.starts_with("strconv.Parse")) {
      if (anc.size() >= 4 && anc[anc.size() - 3].type() == "expression_list") {
        ts::Node decl = anc[anc.size() - 4];
        ts::Node left = decl.field("left");
        if (left && left.namedChildCount() == 2 && left.namedChild(1).text(src) == "_")
          report(node, env, ctx, std::string(outer) + "(os.Getenv(\"" + env +
                                     "\")) discards the error: an unset or malformed value silently becomes 0");
      }
      return;
    }
    std::string_view last = calleeName(call, src);
    if (in(callee, {"cmp.Or"}) || outer.find("nv") != std::string_view::npos) return;  // getEnv helpers
    if (goSink(outer) || last == "ApplyURI") {
      report(node, env, ctx, "os.Getenv(\"" + env + "\") goes straight into " + std::string(outer) +
                                 ": an unset variable becomes \"\" and fails far from its cause");
    }
    return;
  }
  // x := os.Getenv("X") / var x = os.Getenv("X"): decided in finish() from the checks of x.
  if (parent.type() == "expression_list" && anc.size() >= 3) {
    ts::Node decl = anc[anc.size() - 2];
    ts::Node left = decl.type() == "var_spec" ? decl.field("name") : decl.field("left");
    if (decl.type() == "var_spec" && left) {
      // var x = os.Getenv("X"): the name is the spec's first identifier
    } else if (left && left.namedChildCount() == 1) {
      left = left.namedChild(0);
    } else {
      return;
    }
    if (!left || left.type() != "identifier") return;
    if (decl.type() != "short_var_declaration" && decl.type() != "var_spec") return;
    Binding b{node, env, 0, 0};
    b.scopeEnd = scopeEnd(ctx, b.scopeStart);
    std::string name(left.text(src));
    st.bindings.emplace_back(name, b);
  }
}

}  // namespace agentlens::rules::unchecked_env
