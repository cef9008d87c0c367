// outbound-call-without-timeout, Go: `http.Client{}` without `Timeout`, `http.Get/Post/Head/PostForm`
// (the default client has no timeout), and `http.DefaultClient.Do(req)` whose request context has
// no deadline.
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/error_handling/outbound_timeout.hpp"

namespace agentlens::rules::outbound_timeout {
namespace {

/// The call assigned to `name` by a `name, … := call(…)` / `name = call(…)` inside `fn`, or null.
ts::Node goAssignedCall(ts::Node fn, std::string_view name, std::string_view src) {
  ts::Node found;
  ts::walk(fn.field("body"), [&](ts::Node n) {
    if (found) return false;
    auto t = n.type();
    if (t == "func_literal") return false;
    if (t != "short_var_declaration" && t != "assignment_statement" && t != "var_spec") return true;
    ts::Node left = t == "var_spec" ? n : n.field("left");
    ts::Node right = n.field(t == "var_spec" ? "value" : "right");
    if (!left || !right) return false;
    bool binds = false;
    for (std::uint32_t i = 0; i < left.namedChildCount(); ++i)
      if (left.namedChild(i).type() == "identifier" && left.namedChild(i).text(src) == name) binds = true;
    if (binds && right.namedChildCount() >= 1 && right.namedChild(0).type() == "call_expression")
      found = right.namedChild(0);
    return false;
  });
  return found;
}

/// Replaces `operand` (`http` in http.Get, `http.DefaultClient`) with a package-level
/// `httpClient` that has a 10 second timeout, declaring it when the file has none.
void goClientFix(core::Finding& f, RuleContext& ctx, ts::Node operand) {
  auto src = ctx.source();
  // httpClient.Get(...) plus a package-level client when none exists.
  core::Fix fix{.title = "Use a package-level http.Client with a 10 second timeout",
                .applicability = core::Applicability::Unsafe};
  bool hasClient = src.find("httpClient = &http.Client{") != std::string_view::npos ||
                   src.find("httpClient = http.Client{") != std::string_view::npos;
  if (!hasClient) {
    fix.edits = goEnsureImport(ctx.file(), "time");
    // After the import declarations (or the package clause).
    ts::Node root = ctx.file().tree.root();
    std::uint32_t at = 0;
    for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
      auto t = root.namedChild(i).type();
      if (t == "package_clause" || t == "import_declaration") at = root.namedChild(i).endByte();
    }
    core::TextEdit decl;
    decl.range = {at, at};
    decl.text = "\n\nvar httpClient = &http.Client{Timeout: 10 * time.Second}";
    fix.edits.push_back(decl);
    mergeInsertions(fix.edits);
  }
  core::TextEdit e;
  e.range = {operand.startByte(), operand.endByte()};
  e.text = "httpClient";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

/// Go: `http.DefaultClient.Do(req)` where `req` comes from `http.NewRequest` (no context) or
/// `http.NewRequestWithContext` with a context that has no deadline. Silent when the request's
/// context comes from `context.WithTimeout/WithDeadline`, from a parameter (the caller owns the
/// deadline), or when the file sets `http.DefaultClient.Timeout`.
void goDefaultClientDo(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node args = call.field("arguments");
  if (!args || args.namedChildCount() != 1 || args.namedChild(0).type() != "identifier") return;
  ctx.countSite();
  if (src.find("http.DefaultClient.Timeout") != std::string_view::npos) return;
  std::string_view reqName = args.namedChild(0).text(src);
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  ts::Node newReq = goAssignedCall(fn, reqName, src);
  if (!newReq) return;  // a parameter or built elsewhere: cannot see its context
  auto ctor = calleeText(newReq, src);
  std::string why;
  auto confidence = core::Confidence::High;
  if (ctor == "http.NewRequest") {
    why = "the request has no context";
  } else if (ctor == "http.NewRequestWithContext") {
    ts::Node reqArgs = newReq.field("arguments");
    if (!reqArgs || reqArgs.namedChildCount() == 0) return;
    ts::Node c = reqArgs.namedChild(0);
    auto ctext = c.text(src);
    if (ctext == "context.Background()" || ctext == "context.TODO()") {
      why = "its context (`" + std::string(ctext) + "`) has no deadline";
    } else if (c.type() == "identifier") {
      ts::Node made = goAssignedCall(fn, ctext, src);
      if (!made) return;  // a parameter: the caller decides the deadline
      auto maker = calleeText(made, src);
      if (maker == "context.WithTimeout" || maker == "context.WithDeadline" || maker == "context.WithTimeoutCause" ||
          maker == "context.WithDeadlineCause")
        return;
      if (maker != "context.Background" && maker != "context.TODO" && !maker.ends_with(".Context")) return;
      why = "its context (`" + std::string(ctext) + "`) has no deadline";
      if (maker.ends_with(".Context")) confidence = core::Confidence::Medium;
    } else if (ctext.ends_with(".Context()")) {
      // The inbound request's context ends when the client goes away, not after a bound.
      why = "its context (`" + std::string(ctext) + "`) has no deadline of its own";
      confidence = core::Confidence::Medium;
    } else {
      return;
    }
  } else {
    return;
  }
  core::Finding& f = ctx.report(call, "`http.DefaultClient.Do(" + std::string(reqName) +
                                          ")` can wait forever: the default client has no timeout and " + why +
                                          "; use a client with `Timeout` or `context.WithTimeout`");
  f.confidence = confidence;
  soften(f, ctx);
  ts::Node sel = call.field("function");
  goClientFix(f, ctx, sel.field("operand"));
}

/// `http.Client{…}` without a `Timeout` field (and without a transport that bounds the headers).
void goClientLiteral(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  auto type = node.field("type").text(src);
  if (type != "http.Client") return;
  ctx.countSite();
  ts::Node body = node.field("body");
  auto text = body.text(src);
  if (text.find("Timeout") != std::string_view::npos) return;
  if (text.find("Transport") != std::string_view::npos &&
      src.find("ResponseHeaderTimeout") != std::string_view::npos)
    return;
  core::Finding& f = ctx.report(node, "`http.Client` without `Timeout` waits forever on a stuck server");
  soften(f, ctx);
  core::Fix fix{.title = "Add Timeout: 10 * time.Second", .applicability = core::Applicability::Unsafe};
  fix.edits = goEnsureImport(ctx.file(), "time");
  core::TextEdit e;
  e.range = {body.startByte() + 1, body.startByte() + 1};
  e.text = body.namedChildCount() ? "Timeout: 10 * time.Second, " : "Timeout: 10 * time.Second";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

}  // namespace

void go(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  if (node.type() == "composite_literal") {
    goClientLiteral(node, ctx);
    return;
  }
  auto callee = calleeText(node, src);
  if (callee == "http.DefaultClient.Do") {
    goDefaultClientDo(node, ctx);
    return;
  }
  if (callee != "http.Get" && callee != "http.Post" && callee != "http.Head" && callee != "http.PostForm") return;
  ctx.countSite();
  core::Finding& f = ctx.report(node, "`" + std::string(callee) + "` uses http.DefaultClient, which has no timeout: "
                                                                   "use a client with `Timeout`");
  soften(f, ctx);
  ts::Node fn = node.field("function");
  goClientFix(f, ctx, fn.field("operand"));
}

}  // namespace agentlens::rules::outbound_timeout
