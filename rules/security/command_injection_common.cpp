// command-or-code-injection: shared helpers (see command_injection_common.hpp).
#include "rules/security/command_injection_common.hpp"

#include <cctype>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::cmdinj {

using core::Lang;

bool quoted(ts::Node n, std::string_view src) {
  std::string_view t = n.text(src);
  return t.find("shlex.quote(") != std::string_view::npos || t.find("pipes.quote(") != std::string_view::npos ||
         t.find("shellescape") != std::string_view::npos || t.find("shell-quote") != std::string_view::npos;
}

std::vector<std::string> argvWords(ts::Node str, std::string_view src, Lang lang) {
  std::vector<std::string> words;
  std::string cur;
  bool curIsHole = false;
  auto flush = [&] {
    if (cur.empty()) return;
    words.push_back(curIsHole ? cur : "\"" + cur + "\"");
    cur.clear();
    curIsHole = false;
  };
  for (std::uint32_t i = 0; i < str.namedChildCount(); ++i) {
    ts::Node c = str.namedChild(i);
    auto t = c.type();
    bool hole = t == "interpolation" || t == "template_substitution";
    if (hole) {
      if (!cur.empty() || c.namedChildCount() != 1) return {};
      cur = std::string(c.namedChild(0).text(src));
      curIsHole = true;
      continue;
    }
    if (t == "string_start" || t == "string_end") continue;
    if (t != "string_content" && t != "string_fragment") return {};
    for (char ch : c.text(src)) {
      if (ch == ' ') {
        flush();
        continue;
      }
      if (curIsHole) return {};  // a hole glued to text: not a whole word
      if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.' || ch == '/' ||
            ch == '=' || ch == ':' || ch == ',' || ch == '@' || ch == '+'))
        return {};
      cur += ch;
    }
  }
  flush();
  (void)lang;
  return words.size() >= 2 ? words : std::vector<std::string>{};
}

bool fromRequest(ts::Node expr, const RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node fn = enclosingFunction(ctx);
  bool handler = fn && ctx.facts().routeAt(fn.startByte()) != nullptr;
  auto tainted = sec::taintedNames(fn, src, ctx.lang(), handler);
  return sec::exprTainted(expr, src, ctx.lang(), tainted);
}

core::Finding& flag(RuleContext& ctx, ts::Node at, ts::Node expr, std::string what) {
  bool req = fromRequest(expr, ctx);
  bool code = what.find("eval") != std::string::npos || what.find("`exec` on") != std::string::npos ||
              what.find("Function") != std::string::npos || what.find("vm.") != std::string::npos;
  core::Finding& f = ctx.report(at, what + (req ? " built from request data: " : ": ") +
                                        (code ? "never evaluate strings; parse the data instead (JSON, a lookup table)"
                                              : "pass an argument list without a shell"));
  if (req) f.confidence = core::Confidence::High;
  return f;
}

}  // namespace agentlens::rules::cmdinj
