// unstructured-log-message, JavaScript/TypeScript: template literals and concatenations.
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/observability/log_fields.hpp"
#include "rules/observability/unstructured_log_message.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::unstructured_log {

void js(ts::Node args, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node first = args.namedChild(0);
  bool tmpl = first.type() == "template_string" && isInterpolatedString(first, ctx.lang());
  bool concat = first.type() == "binary_expression" && first.field("operator").text(src) == "+" &&
                (first.field("left").type() == "string" || first.field("right").type() == "string" ||
                 first.field("left").type() == "template_string");
  if (!tmpl && !concat) return;
  core::Finding& f = ctx.report(first, std::string("log message built with ") +
                                           (tmpl ? "a template literal" : "string concatenation") +
                                           ": pass the values as an object of fields");
  f.severity = severityFor(ctx);
  if (!tmpl || args.namedChildCount() != 1) return;
  std::string msg;
  std::vector<std::string_view> values;
  for (std::uint32_t i = 0; i < first.namedChildCount(); ++i) {
    ts::Node c = first.namedChild(i);
    if (c.type() == "string_fragment") msg += std::string(c.text(src));
    else if (c.type() == "template_substitution") {
      ts::Node e = c.namedChildCount() == 1 ? c.namedChild(0) : ts::Node();
      if (!e || !simpleExpr(e.text(src))) return;
      values.push_back(e.text(src));
    } else if (c.type() == "escape_sequence") {
      return;
    }
  }
  std::string text = cleanMessage(msg);
  if (values.empty() || text.empty() || text.find('"') != std::string::npos) return;
  std::string obj = "{ ";
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string k = keyFor(values[i], true);
    obj += (i ? ", " : "") + (k == values[i] ? k : k + ": " + std::string(values[i]));
  }
  obj += " }";
  core::Fix fix{.title = "Pass the values as fields", .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  e.range = {first.startByte(), first.endByte()};
  e.text = obj + ", \"" + text + "\"";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace agentlens::rules::unstructured_log
