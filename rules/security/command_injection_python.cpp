// command-or-code-injection: the Python detector (see command_injection_common.hpp).
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/command_injection_common.hpp"

namespace agentlens::rules::cmdinj {

using core::Lang;

void python(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  std::string_view callee = calleeText(call, src);
  // getattr(os, "system")(cmd) is os.system(cmd) spelled to dodge a grep.
  if (ts::Node fn = call.field("function"); fn && fn.type() == "call" && calleeText(fn, src) == "getattr") {
    ts::Node ga = callArguments(fn);
    auto attr = ga ? stringLiteralValue(sec::positionalArg(ga, 1), src, Lang::Python) : std::nullopt;
    ts::Node obj = ga ? sec::positionalArg(ga, 0) : ts::Node();
    if (obj && obj.text(src) == "os" && attr && (*attr == "system" || *attr == "popen"))
      callee = *attr == "system" ? "os.system" : "os.popen";
  }
  ts::Node args = callArguments(call);
  if (!args || args.type() != "argument_list") return;
  ts::Node first = sec::positionalArg(args, 0);
  if (!first) return;
  ts::Node cmd = sec::unwrap(first);
  bool constant = sec::isConstant(cmd, src, Lang::Python);
  if (callee == "eval" || callee == "exec") {
    if (constant) return;
    flag(ctx, call, cmd, "`" + std::string(callee) + "` on a non-literal string");
    return;
  }
  if (callee == "os.system" || callee == "os.popen" || callee == "subprocess.getoutput" ||
      callee == "subprocess.getstatusoutput") {
    if (constant || quoted(cmd, src)) return;
    flag(ctx, call, cmd, "`" + std::string(callee) + "` runs a shell on a non-literal command");
    return;
  }
  static constexpr std::string_view kSub[] = {"subprocess.run", "subprocess.call", "subprocess.check_call",
                                              "subprocess.check_output", "subprocess.Popen"};
  if (std::find(std::begin(kSub), std::end(kSub), callee) == std::end(kSub)) return;
  ts::Node shell = sec::keywordArg(args, "shell", src);
  if (sec::isTrue(shell)) {
    if (constant || quoted(cmd, src)) return;
    core::Finding& f = flag(ctx, call, cmd, "`" + std::string(callee) + "(…, shell=True)` with a non-literal command");
    if (cmd.type() == "string" && isInterpolatedString(cmd, Lang::Python)) {
      auto words = argvWords(cmd, src, Lang::Python);
      if (words.empty()) return;
      std::string list = "[";
      for (std::size_t i = 0; i < words.size(); ++i) list += (i ? ", " : "") + words[i];
      list += "]";
      core::Fix fix{.title = "Pass an argument list without a shell", .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      e.range = {cmd.startByte(), cmd.endByte()};
      e.text = list;
      fix.edits.push_back(e);
      // Drop `, shell=True` (from the end of the previous argument).
      ts::Node kw = shell.parent();
      ts::Node prev = kw.prevNamedSibling();
      core::TextEdit drop;
      drop.range = {prev ? prev.endByte() : kw.startByte(), kw.endByte()};
      if (prev && prev == first) {
        e.range = {cmd.startByte(), cmd.endByte()};
        fix.edits.clear();
        core::TextEdit both;
        both.range = {first.startByte(), kw.endByte()};
        both.text = list;
        fix.edits.push_back(both);
      } else {
        fix.edits.push_back(drop);
      }
      f.fixes.push_back(std::move(fix));
    }
    return;
  }
  // argv list without a shell: only with request data.
  if (cmd.type() == "list" && !constant && fromRequest(cmd, ctx)) {
    core::Finding& f = ctx.report(call, "command arguments come from request data: validate them against an "
                                        "allowlist (a leading `-` becomes an option)");
    f.severity = core::Severity::Medium;
  }
}

}  // namespace agentlens::rules::cmdinj
