// swallowed-exception, Go: a write through a context-taking API used as a bare statement
// (`h.Store.DeleteSession(r.Context(), id)`, `rdb.Expire(ctx, key, ttl)`): its error result is
// dropped without even a `_ =`, so a failed delete or write goes unnoticed.
#include <array>
#include <cctype>

#include "rules/common/syntax.hpp"
#include "rules/error_handling/swallowed_exception.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::swallowed {
namespace {

constexpr std::array<std::string_view, 17> kWriteVerbs = {"Delete", "Del",     "Save",   "Update",  "Insert", "Create",
                                                        "Set",    "Exec",    "Expire", "Put",     "Remove", "Publish",
                                                        "Send",   "Upsert",  "Store",  "Incr",    "Revoke"};

bool contextArg(std::string_view a) {
  return a == "ctx" || a == "r.Context()" || a == "req.Context()" || a == "c.Request.Context()" ||
         a == "context.Background()" || a == "context.TODO()";
}

bool writeVerb(std::string_view method) {
  for (auto v : kWriteVerbs)
    if (method.starts_with(v) && (method.size() == v.size() || std::isupper(static_cast<unsigned char>(method[v.size()]))))
      return true;
  return false;
}

}  // namespace

void goDropped(ts::Node stmt, RuleContext& ctx) {
  auto src = ctx.source();
  if (stmt.namedChildCount() != 1) return;
  ts::Node call = stmt.namedChild(0);
  if (call.type() != "call_expression") return;
  ts::Node fn = call.field("function");
  ts::Node args = call.field("arguments");
  if (!fn || fn.type() != "selector_expression" || !args || args.namedChildCount() == 0) return;
  if (!contextArg(args.namedChild(0).text(src))) return;
  auto method = fn.field("field").text(src);
  auto recv = fn.field("operand").text(src);
  if (!writeVerb(method) || recv.find("log") != std::string_view::npos || recv.find("span") != std::string_view::npos ||
      recv.find("metric") != std::string_view::npos || recv.find("cache") != std::string_view::npos)
    return;
  std::string what(call.text(src).substr(0, call.text(src).find('(')));
  auto& f = ctx.report(call, "`" + what + "(…)` is called as a statement: its error is dropped, so a failed " +
                                 std::string(method) + " goes unnoticed; check it (or assign it to `_` with a comment "
                                 "when it is best-effort)");
  f.confidence = core::Confidence::Medium;
}

}  // namespace agentlens::rules::swallowed
