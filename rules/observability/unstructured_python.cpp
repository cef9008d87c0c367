// unstructured-log-message, Python: messages built with f-strings, `.format()`, `%` or `+`.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/observability/log_fields.hpp"
#include "rules/observability/unstructured_log_message.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::unstructured_log {
namespace {

using core::Lang;

/// f"Processing order {order_id}" -> "Processing order", extra={"order_id": order_id}
void fieldsFix(core::Finding& f, RuleContext& ctx, ts::Node first) {
  auto src = ctx.source();
  std::string msg;
  std::vector<std::string_view> values;
  bool ok = true;
  std::string_view quote;
  for (std::uint32_t i = 0; i < first.childCount(); ++i) {
    ts::Node c = first.child(i);
    auto t = c.type();
    if (t == "string_start") {
      quote = c.text(src);
      if (!quote.empty() && (quote[0] == 'f' || quote[0] == 'F')) quote.remove_prefix(1);
      if (quote.find_first_of("rRbB") != std::string_view::npos) ok = false;
    } else if (t == "string_content") {
      msg += std::string(c.text(src));
    } else if (t == "interpolation") {
      ts::Node e = c.namedChildCount() > 0 ? c.namedChild(0) : ts::Node();
      if (!e || c.namedChildCount() != 1 || !simpleExpr(e.text(src))) ok = false;
      else values.push_back(e.text(src));
    } else if (t == "escape_sequence") {
      msg += std::string(c.text(src));
    }
  }
  if (!ok || values.empty() || msg.find('{') != std::string::npos) return;
  std::string text = cleanMessage(msg);
  if (text.empty()) return;
  bool structlog = std::any_of(ctx.facts().imports.begin(), ctx.facts().imports.end(),
                               [](const core::Import& i) { return i.module == "structlog" || i.module == "loguru"; });
  std::string repl = std::string(quote) + text + std::string(quote);
  std::vector<std::string> keys;
  for (auto v : values) {
    std::string k = keyFor(v, false);
    if (std::find(keys.begin(), keys.end(), k) != keys.end()) return;
    keys.push_back(k);
  }
  if (structlog) {
    for (std::size_t i = 0; i < values.size(); ++i) repl += ", " + keys[i] + "=" + std::string(values[i]);
  } else {
    repl += ", extra={";
    for (std::size_t i = 0; i < values.size(); ++i)
      repl += (i ? ", \"" : "\"") + keys[i] + "\": " + std::string(values[i]);
    repl += "}";
  }
  core::Fix fix{.title = structlog ? "Pass the values as key/value fields" : "Pass the values in `extra`",
                .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  e.range = {first.startByte(), first.endByte()};
  e.text = repl;
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace

void python(ts::Node args, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node first = args.namedChild(0);
  std::string_view how;
  if (first.type() == "string" && isInterpolatedString(first, Lang::Python)) how = "an f-string";
  else if (first.type() == "call" && calleeName(first, src) == "format" &&
           calleeText(first, src).find('.') != std::string_view::npos &&
           first.field("function").field("object").type() == "string")
    how = "`.format()`";
  else if (first.type() == "binary_operator") {
    auto op = first.field("operator").text(src);
    ts::Node l = first.field("left");
    if ((op == "%" || op == "+") && (l.type() == "string" || first.field("right").type() == "string"))
      how = op == "%" ? "`%` formatting" : "string concatenation";
  }
  if (how.empty()) return;
  auto argText = args.text(src);
  if (argText.find("extra=") != std::string_view::npos) return;
  core::Finding& f = ctx.report(first, "log message built with " + std::string(how) +
                                           ": keep the message constant and pass the values as fields");
  f.severity = severityFor(ctx);
  if (how != "an f-string" || args.namedChildCount() != 1) return;
  fieldsFix(f, ctx, first);
}

}  // namespace agentlens::rules::unstructured_log
