#include "rules/error_handling/poll_loop.hpp"

#include <regex>
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"

namespace agentlens::rules::pollloop {
namespace {

/// `!result`, `not done`, `result is None`, `true`/`True`: the loop ends only on the job's state.
bool stateCondition(std::string_view cond) {
  std::string c(cond);
  static const std::regex re(R"(^\(?\s*(true|True|1|!\s*[\w.]+|not\s+[\w.]+|[\w.]+\s+is\s+None)\s*\)?$)");
  return std::regex_match(c, re);
}

/// Anything that bounds the loop: an attempt counter, a clock, a deadline, an abort signal.
bool bounded(std::string_view text) {
  std::string s(text);
  static const std::regex re(
      R"(\b(attempts?|tries|retries|retry|count|counter|iterations?|max\w*|MAX\w*|deadline|elapsed|started|Date\.now|performance\.now|time\.time|time\.monotonic|signal|aborted)\b)");
  return std::regex_search(s, re);
}

}  // namespace

void check(ts::Node loop, RuleContext& ctx, bool (*outbound)(std::string_view, core::Lang),
           bool (*sleep)(std::string_view)) {
  auto src = ctx.source();
  if (loop.type() != "while_statement") return;
  ts::Node cond = loop.field("condition");
  ts::Node body = loop.field("body");
  if (!cond || !body || !stateCondition(cond.text(src)) || bounded(loop.text(src))) return;
  if (!enclosingHandler(ctx)) return;  // a request waits on this loop
  bool calls = false, sleeps = false;
  ts::walk(body, [&](ts::Node n) {
    if (n.type() == "call" || n.type() == "call_expression") {
      auto c = calleeText(n, src);
      if (outbound(c, ctx.lang())) calls = true;
      if (sleep(c)) sleeps = true;
    }
    return true;
  });
  if (!calls || !sleeps) return;
  ctx.report(cond, "poll loop around an outbound call has no attempt limit or deadline: a job that never reaches a "
                   "final state keeps this request polling until the platform kills it; cap the attempts or add a "
                   "deadline");
}

}  // namespace agentlens::rules::pollloop
