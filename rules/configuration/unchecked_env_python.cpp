// unchecked-env-config: Python reads (`os.getenv`, `os.environ.get`) and their uses.
#include <algorithm>

#include "rules/common/syntax.hpp"
#include "rules/configuration/unchecked_env_shared.hpp"

namespace agentlens::rules::unchecked_env {

using core::Lang;

namespace {

/// `os.getenv("X"[, d])`, `os.environ.get("X"[, d])`, `getenv("X")`: the name and the default node.
bool pyEnvRead(ts::Node call, std::string_view src, std::string& name, ts::Node& dflt, std::size_t& nargs) {
  auto callee = calleeText(call, src);
  if (!in(callee, {"os.getenv", "os.environ.get", "getenv", "environ.get"})) return false;
  ts::Node args = callArguments(call);
  if (!args || args.namedChildCount() == 0) return false;
  auto v = stringLiteralValue(args.namedChild(0), src, Lang::Python);
  if (!v) return false;
  name = std::string(*v);
  nargs = args.namedChildCount();
  dflt = nargs >= 2 ? args.namedChild(1) : ts::Node();
  if (dflt && dflt.type() == "keyword_argument") dflt = dflt.field("value");
  return true;
}

/// Sinks of bound names: int(x), float(x), x.method(…), client(x).
void collectSinks(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  auto& st = ctx.state<State>();
  std::string_view callee = calleeText(node, src);
  std::string_view last = calleeName(node, src);
  ts::Node args = callArguments(node);
  if (args) {
    bool sinkCall = in(callee, {"int", "float"}) || clientCallee(last);
    for (std::uint32_t i = 0; sinkCall && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "keyword_argument") a = a.field("value");
      if (a && a.type() == "identifier") st.sinks.emplace_back(std::string(a.text(src)), a);
    }
  }
  ts::Node fn = node.field("function");
  if (fn && fn.type() == "attribute" && fn.field("object").type() == "identifier" &&
      in(fn.field("attribute").text(src), {"split", "lower", "upper", "strip", "startswith", "endswith", "encode",
                                           "replace", "format", "rstrip", "lstrip"}))
    st.sinks.emplace_back(std::string(fn.field("object").text(src)), fn.field("object"));
}

/// `os.getenv("PORT", 8000)`: a str when the variable is set, an int when not (reported once).
void nonStringDefault(ts::Node node, ts::Node dflt, const std::string& name, RuleContext& ctx) {
  auto src = ctx.source();
  auto& stt = ctx.state<State>();
  if (std::find(stt.reported.begin(), stt.reported.end(), node.startByte()) != stt.reported.end()) return;
  stt.reported.push_back(node.startByte());
  core::Finding& f = ctx.report(dflt, name + " has a non-string default (" + std::string(dflt.text(src)) +
                                          "): the value is a str when the variable is set, so the types differ; "
                                          "use a string default and convert it");
  core::Fix fix{.title = "Use the string default \"" + std::string(dflt.text(src)) + "\"",
                .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  e.range = {dflt.startByte(), dflt.endByte()};
  e.text = "\"" + std::string(dflt.text(src)) + "\"";
  fix.edits.push_back(e);
  f.fixes.push_back(std::move(fix));
}

}  // namespace

void python(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  auto t = node.type();
  if (t != "call") {
    ts::Node cond = t == "if_statement" ? node.field("condition") : node;
    if (t == "conditional_expression" && node.namedChildCount() >= 2) cond = node.namedChild(1);
    collectNames(cond, ctx);
    return;
  }
  auto& st = ctx.state<State>();
  auto anc = ctx.ancestors();
  collectSinks(node, ctx);

  std::string name;
  ts::Node dflt;
  std::size_t nargs = 0;
  if (!pyEnvRead(node, src, name, dflt, nargs)) return;
  ts::Node parent = anc.empty() ? ts::Node() : anc.back();
  ts::Node grand = anc.size() >= 2 ? anc[anc.size() - 2] : ts::Node();
  bool wrappedNumber = parent && parent.type() == "argument_list" && grand && grand.type() == "call" &&
                       in(calleeText(grand, src), {"int", "float", "bool"});
  if (dflt && in(dflt.type(), {"integer", "float", "true", "false"})) {
    if (wrappedNumber) return;  // int(os.getenv("PORT", 8000)) works either way
    nonStringDefault(node, dflt, name, ctx);
    return;
  }
  if (dflt && dflt.type() != "none") return;  // a real default
  // Direct use of the possibly-None value.
  if (wrappedNumber && calleeText(grand, src) != "bool") {
    report(node, name, ctx, name + " may be unset, and " + std::string(calleeText(grand, src)) + "(None) raises TypeError");
    return;
  }
  if (parent && parent.type() == "attribute" && parent.field("object") == node) {
    report(node, name, ctx, name + " may be unset, and calling ." + std::string(parent.field("attribute").text(src)) +
                                "() on None raises AttributeError");
    return;
  }
  if (parent && parent.type() == "binary_operator" && parent.field("operator").text(src) == "+") {
    report(node, name, ctx, name + " may be unset, and concatenating None raises TypeError");
    return;
  }
  if (parent && (parent.type() == "argument_list" || parent.type() == "keyword_argument")) {
    ts::Node call = parent.type() == "argument_list" ? grand : (anc.size() >= 3 ? anc[anc.size() - 3] : ts::Node());
    if (call && call.type() == "call" && clientCallee(calleeName(call, src))) {
      report(node, name, ctx, name + " may be unset, and " + std::string(calleeText(call, src)) + "() then gets None");
      return;
    }
  }
  // Bound to a name: decided in finish() from its uses and checks.
  if (parent && parent.type() == "assignment" && parent.field("left").type() == "identifier") {
    Binding b{node, name, 0, 0};
    b.scopeEnd = scopeEnd(ctx, b.scopeStart);
    st.bindings.emplace_back(std::string(parent.field("left").text(src)), b);
  }
}

}  // namespace agentlens::rules::unchecked_env
