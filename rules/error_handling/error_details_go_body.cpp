// error-details-in-response (Go): an error-body constructor (`func NewError(err error) Error`)
// that copies the raw `err.Error()` text into the JSON body it builds for responses. Handlers
// answer with `c.JSON(status, NewError(err))`, so every database or driver message reaches the
// client; the leak is reported once, in the constructor.
#include "rules/common/syntax.hpp"
#include "rules/error_handling/error_details.hpp"

namespace agentlens::rules::errdetails {
namespace {

/// Parameter names of type `error`.
std::vector<std::string> errorParams(ts::Node fn, std::string_view src) {
  std::vector<std::string> out;
  ts::Node params = fn.field("parameters");
  for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    if (p.type() != "parameter_declaration" || !p.field("type") || p.field("type").text(src) != "error") continue;
    for (std::uint32_t k = 0; k < p.namedChildCount(); ++k)
      if (p.namedChild(k).type() == "identifier") out.emplace_back(p.namedChild(k).text(src));
  }
  return out;
}

/// A struct type of this file with `json:"…"` tags named `type`, or a map/gin.H body.
bool responseBodyType(std::string_view type, ts::Node root, std::string_view src) {
  if (type.starts_with("*")) type.remove_prefix(1);
  if (type.starts_with("map[string]") || type == "gin.H" || type == "echo.Map" || type == "fiber.Map") return true;
  bool found = false;
  ts::walk(root, [&](ts::Node n) {
    if (found) return false;
    if (n.type() == "type_spec" && n.field("name") && n.field("name").text(src) == type) {
      ts::Node t = n.field("type");
      found = t && t.type() == "struct_type" && t.text(src).find("json:\"") != std::string_view::npos;
      return false;
    }
    return n.type() == "source_file" || n.type() == "type_declaration";
  });
  return found;
}

/// Names that stand for the error: the parameters, and `v` of `switch v := err.(type)`.
std::vector<std::string> errorNames(ts::Node fn, std::string_view src) {
  auto names = errorParams(fn, src);
  ts::walk(fn.field("body"), [&](ts::Node n) {
    if (n.type() != "type_switch_statement") return true;
    ts::Node alias = n.field("alias");
    ts::Node value = n.field("value");
    if (!alias || !value) return true;
    for (const auto& p : errorParams(fn, src))
      if (value.text(src) == p) names.emplace_back(alias.text(src));
    return true;
  });
  return names;
}

/// Inside a `case *echo.HTTPError:` / validation case: that message is meant for the client.
bool userFacingCase(ts::Node n, ts::Node stop, std::string_view src) {
  for (ts::Node a = n.parent(); a && a != stop; a = a.parent()) {
    if (a.type() != "type_case") continue;
    auto head = a.text(src).substr(0, a.text(src).find(':'));
    return head.find("HTTPError") != std::string_view::npos || head.find("Validation") != std::string_view::npos;
  }
  return false;
}

}  // namespace

void goErrorBody(ts::Node fn, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node result = fn.field("result");
  if (!result || result.type() == "parameter_list" || !fn.field("body")) return;
  auto type = result.text(src);
  if (type == "error" || !responseBodyType(type, ctx.file().tree.root(), src)) return;
  auto names = errorNames(fn, src);
  if (names.empty()) return;
  ts::Node exposure;
  ts::walk(fn.field("body"), [&](ts::Node n) {
    if (exposure || n.type() == "func_literal") return false;
    if (n.type() != "call_expression" || n.field("arguments").namedChildCount() != 0) return true;
    ts::Node f = n.field("function");
    if (f.type() != "selector_expression" || f.field("field").text(src) != "Error") return true;
    auto recv = f.field("operand").text(src);
    for (const auto& e : names)
      if (recv == e && !userFacingCase(n, fn, src)) exposure = n;
    return !exposure;
  });
  if (!exposure) return;
  std::string name(functionName(fn, src));
  auto& f = ctx.report(exposure, "`" + name + "` copies the raw `" + std::string(exposure.text(src)) +
                                     "` into the error body it builds for responses: database and driver messages "
                                     "(tables, constraints) reach clients; map known errors to messages and send a "
                                     "generic one otherwise");
  f.confidence = core::Confidence::Medium;
}

}  // namespace agentlens::rules::errdetails
