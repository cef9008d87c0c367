// unvalidated-request-body, Go: request bodies decoded or bound into a map.
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/unvalidated_request_body.hpp"

namespace agentlens::rules::request_body {

void go(ts::Node node, ts::Node fn, RuleContext& ctx) {
  auto src = ctx.source();
  std::string_view name = calleeName(node, src);
  std::string_view callee = calleeText(node, src);
  if (in(name, {"Validate", "Struct", "ValidateStruct"})) return noteValidated(fn, ctx);
  bool decode = name == "Decode" && callee.find("NewDecoder(") != std::string_view::npos &&
                callee.find(".Body") != std::string_view::npos;
  bool bind = in(name, {"ShouldBindJSON", "BindJSON", "ShouldBind", "Bind"});
  if (!decode && !bind) return;
  noteHandler(fn, ctx);
  ts::Node args = callArguments(node);
  if (!args || args.namedChildCount() != 1) return;
  auto target = args.namedChild(0).text(src);
  if (!target.starts_with("&")) return;
  std::string var(target.substr(1));
  auto body = fn.text(src);
  bool isMap = false;
  for (auto pat : {"var " + var + " map[string]", var + " := map[string]", var + " := make(map[string]",
                   var + " = map[string]"})
    if (body.find(pat) != std::string_view::npos) isMap = true;
  if (!isMap) return;
  noteRaw(fn, node, "the request body is decoded into a map (" + var +
                        "): any fields of any type are accepted; decode into a struct and validate it",
      ctx);
}

}  // namespace agentlens::rules::request_body
