// command-or-code-injection: shell commands and code evaluated from non-literal strings
// (subprocess with shell=True, os.system, eval/exec, child_process.exec, new Function, vm, sh -c).
#include <algorithm>
#include <cctype>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/command_injection_common.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;
using cmdinj::argvWords;
using cmdinj::flag;
using cmdinj::fromRequest;
using cmdinj::quoted;

constexpr std::string_view kDocs = R"md(## What it does
Finds commands run through a shell, and code evaluated, when the string is not a literal:
Python `subprocess.*(…, shell=True)`, `os.system`, `os.popen` (also through
`getattr(os, "system")`), `eval`, `exec`; JavaScript
`child_process.exec/execSync`, `spawn(…, {shell: true})`, `eval`, `new Function(…)`,
`vm.runIn*Context`; Go `exec.Command("sh", "-c", …)` and `exec.Command(<variable>)`. An argv
list without a shell (`subprocess.run(["git", x])`, `execFile`, `exec.Command("git", args...)`)
is reported only when request data reaches it, at medium severity.

Not flagged: literal commands, values wrapped in `shlex.quote`, files under `scripts/` and tests,
and a console-script entry point (`[project.scripts]` in pyproject.toml) that reads nothing from
outside (no arguments, environment or prompt): its commands are made of the tool's own values.
The same tool building its command from `sys.argv` is flagged.

## Why is this bad?
A shell re-parses the string: a `;`, `|`, `$(…)` or backtick in an interpolated value runs a
second command with the service's privileges. `eval` and `new Function` run any code they are
given. An argv list passes each value as one argument and never re-parses it.

## Example
```python
subprocess.run(f"convert {path} out.png", shell=True)
```

Use instead:
```python
subprocess.run(["convert", path, "out.png"])
```

## Fix safety
Offered when the command is an f-string or template literal whose literal parts are plain
words (no quotes or shell operators) and each interpolation is a whole word: the string becomes
an argv list and `shell=True` is dropped (Python), or `exec` becomes `execFile` (JavaScript).
Unsafe: shell features (globbing, `~`, variables) no longer apply.

## References
- OWASP OS Command Injection Defense Cheat Sheet; CWE-78, CWE-95
- Bandit B602–B605, B307; Ruff S602–S607, S307; gosec G204; eslint-plugin-security detect-child-process
)md";

const RuleMeta kMeta{
    .id = "command-or-code-injection",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Shell command or code evaluated from a non-literal string",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
    .gate = true,
};

class CommandOrCodeInjection final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    if (lang == Lang::Go) return {"call_expression"};
    return {"call_expression", "new_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    auto role = ctx.facts().role;
    if (role == core::FileRole::Test || role == core::FileRole::Generated || role == core::FileRole::Script) return;
    switch (ctx.lang()) {
      case Lang::Python: cmdinj::python(node, ctx); break;
      case Lang::Go: go(node, ctx); break;
      default: js(node, ctx); break;
    }
  }

 private:
  static void js(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    Lang lang = ctx.lang();
    ts::Node args = node.type() == "new_expression" ? node.field("arguments") : callArguments(node);
    if (!args || args.type() != "arguments") return;
    ts::Node cmd = sec::unwrap(sec::positionalArg(args, 0));
    if (node.type() == "new_expression") {
      ts::Node ctor = node.field("constructor");
      if (!ctor || ctor.text(src) != "Function") return;
      // new Function(a, b, body): any non-literal piece
      for (std::uint32_t i = 0; i < sec::positionalCount(args); ++i) {
        ts::Node a = sec::positionalArg(args, i);
        if (!sec::isConstant(a, src, lang)) {
          flag(ctx, node, a, "`new Function` on a non-literal string");
          return;
        }
      }
      return;
    }
    if (!cmd) return;
    std::string_view callee = calleeText(node, src);
    std::string_view name = calleeName(node, src);
    bool constant = sec::isConstant(cmd, src, lang);
    if (callee == "eval") {
      if (!constant) flag(ctx, node, cmd, "`eval` on a non-literal string");
      return;
    }
    if (callee.starts_with("vm.") && name.starts_with("runIn")) {
      if (!constant) flag(ctx, node, cmd, "`" + std::string(callee) + "` on a non-literal string");
      return;
    }
    bool cp = ctx.facts().imports_("child_process") || ctx.facts().imports_("node:child_process");
    if (!cp) return;
    bool bare = callee == name;
    bool viaModule = !bare && (callee.starts_with("child_process.") || callee.starts_with("cp.") ||
                               callee.starts_with("childProcess."));
    if (!bare && !viaModule) return;
    if (name == "exec" || name == "execSync") {
      if (constant || quoted(cmd, src)) return;
      core::Finding& f = flag(ctx, node, cmd, "`" + std::string(name) + "` runs a shell on a non-literal command");
      if (viaModule && cmd.type() == "template_string") {
        auto words = argvWords(cmd, src, lang);
        if (words.empty() || words[0].front() != '"') return;
        std::string list = "[";
        for (std::size_t i = 1; i < words.size(); ++i) list += (i > 1 ? ", " : "") + words[i];
        list += "]";
        core::Fix fix{.title = "Use " + std::string(name == "exec" ? "execFile" : "execFileSync") +
                               " with an argument list",
                      .applicability = core::Applicability::Unsafe};
        ts::Node prop = node.field("function").field("property");
        core::TextEdit e1;
        e1.range = {prop.startByte(), prop.endByte()};
        e1.text = name == "exec" ? "execFile" : "execFileSync";
        core::TextEdit e2;
        e2.range = {cmd.startByte(), cmd.endByte()};
        e2.text = words[0] + ", " + list;
        fix.edits = {e1, e2};
        f.fixes.push_back(std::move(fix));
      }
      return;
    }
    if (name == "spawn" || name == "spawnSync" || name == "execFile" || name == "execFileSync") {
      ts::Node opts;
      for (std::uint32_t i = 1; i < sec::positionalCount(args); ++i) {
        ts::Node a = sec::positionalArg(args, i);
        if (a.type() == "object") opts = a;
      }
      if (opts && sec::isTrue(sec::objectProp(opts, "shell", src))) {
        if (!constant) flag(ctx, node, cmd, "`" + std::string(name) + "` with `shell: true` and a non-literal command");
        return;
      }
      ts::Node argv = sec::positionalArg(args, 1);
      if (argv && argv.type() == "array" && !sec::isConstant(argv, src, lang) && fromRequest(argv, ctx)) {
        core::Finding& f = ctx.report(node, "command arguments come from request data: validate them against an "
                                            "allowlist (a leading `-` becomes an option)");
        f.severity = core::Severity::Medium;
      }
    }
  }

  static void go(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    std::string_view callee = calleeText(call, src);
    std::uint32_t shift = callee == "exec.CommandContext" ? 1 : 0;
    if (callee != "exec.Command" && !shift) return;
    ts::Node args = callArguments(call);
    ts::Node name = sec::positionalArg(args, shift);
    if (!name) return;
    auto prog = stringLiteralValue(name, src, Lang::Go);
    if (!prog) {
      if (name.type() == "identifier" && sec::isConstantName(name.text(src))) return;
      core::Finding& f = flag(ctx, call, name, "`" + std::string(callee) + "` runs a program named by a variable");
      f.severity = core::Severity::Medium;
      return;
    }
    bool shellProg = *prog == "sh" || *prog == "bash" || *prog == "/bin/sh" || *prog == "/bin/bash" || *prog == "zsh" ||
                     *prog == "cmd" || *prog == "powershell";
    if (shellProg) {
      ts::Node flagArg = sec::positionalArg(args, shift + 1);
      ts::Node script = sec::positionalArg(args, shift + 2);
      auto fl = flagArg ? stringLiteralValue(flagArg, src, Lang::Go) : std::nullopt;
      if (fl && (*fl == "-c" || *fl == "/c" || *fl == "-Command") && script && !sec::isConstant(script, src, Lang::Go))
        flag(ctx, call, script, "`" + std::string(*prog) + " -c` with a non-literal script");
      return;
    }
    // argv form: only with request data.
    for (std::uint32_t i = shift + 1; i < sec::positionalCount(args); ++i) {
      ts::Node a = sec::positionalArg(args, i);
      if (!sec::isConstant(a, src, Lang::Go) && fromRequest(a, ctx)) {
        core::Finding& f = ctx.report(call, "command arguments come from request data: validate them against an "
                                            "allowlist (a leading `-` becomes an option)");
        f.severity = core::Severity::Medium;
        return;
      }
    }
  }
};

}  // namespace

const Rule& commandOrCodeInjection() {
  static const CommandOrCodeInjection rule;
  return rule;
}

}  // namespace agentlens::rules
