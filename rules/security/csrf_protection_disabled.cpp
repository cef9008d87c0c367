// csrf-protection-disabled: CSRF protection switched off (Django csrf_exempt / middleware removed,
// Flask-WTF disabled or exempted) or absent from an Express app with cookie sessions.
#include <algorithm>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds CSRF protection switched off: Django `@csrf_exempt` views and a `MIDDLEWARE` list that
has `SessionMiddleware` but not `CsrfViewMiddleware`; a DRF `SessionAuthentication` subclass whose
`enforce_csrf` does nothing; Flask-WTF `WTF_CSRF_ENABLED = False` and
`@csrf.exempt`; and Express apps that use cookie sessions (`express-session`, `cookie-session`)
and register state-changing routes (`post/put/patch/delete`) with no CSRF middleware (`csurf`,
`csrf-csrf`, `csrf-sync`, `lusca`) and no `sameSite` on the session cookie.

Not flagged: webhook endpoints (exempt by design: the name or path says `webhook`, or the view
verifies a signature), test settings, and Express sessions whose cookie sets `sameSite`.

## Why is this bad?
With cookie-based sessions the browser attaches the session to requests that other sites
trigger: a hidden form on any page can post to `/transfer` as the signed-in user.

## Example
```python
@csrf_exempt
def update_profile(request): ...
```

Use instead:
```python
def update_profile(request): ...  # the form sends {% csrf_token %}
```

## Fix safety
Removes `@csrf_exempt` / `@csrf.exempt`, sets `WTF_CSRF_ENABLED = True`, or adds
`sameSite: "lax"` to the Express session cookie. Unsafe: clients that post without a token
(scripts, other front ends) are refused until they send one.

## References
- OWASP Cross-Site Request Forgery Prevention Cheat Sheet; CWE-352
- semgrep python/django/security/audit/csrf-exempt, python/flask/security/audit/wtf-csrf-disabled
)md";

const RuleMeta kMeta{
    .id = "csrf-protection-disabled",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx},
    .summary = "CSRF protection disabled for cookie-authenticated requests",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

struct State final : RuleState {
  ts::Node sessionCall;      // express-session / cookie-session call
  ts::Node sessionOptions;   // its options object
  bool sameSite = false;
  bool mutatingRoute = false;
};

bool webhookish(std::string_view t) {
  std::string l = sec::lowerCopy(t);
  return l.find("webhook") != std::string::npos || l.find("construct_event") != std::string::npos ||
         l.find("hmac.compare_digest") != std::string::npos || l.find("verify_signature") != std::string::npos;
}

class CsrfProtectionDisabled final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::unique_ptr<RuleState> makeState() const override { return std::make_unique<State>(); }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"decorator", "assignment", "function_definition"};
    return {"call_expression"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || sec::inDevelopmentOnlyCode(ctx)) return;
    if (ctx.lang() == Lang::Python) python(node, ctx);
    else js(node, ctx);
  }

  void finish(RuleContext& ctx) const override {
    if (ctx.lang() == Lang::Python) return;
    auto& st = ctx.state<State>();
    if (!st.sessionCall || !st.mutatingRoute || st.sameSite) return;
    const auto& f = ctx.facts();
    for (std::string_view m : {"csurf", "csrf-csrf", "csrf-sync", "lusca", "tiny-csrf", "@fastify/csrf-protection"})
      if (f.imports_(m)) return;
    auto src = ctx.source();
    core::Finding& fd = ctx.report(st.sessionCall, "cookie sessions with state-changing routes and no CSRF protection: "
                                                   "set `sameSite: \"lax\"` on the session cookie or add CSRF middleware");
    if (!st.sessionOptions) return;
    core::Fix fix{.title = "Add sameSite: \"lax\" to the session cookie", .applicability = core::Applicability::Unsafe};
    ts::Node cookie = sec::objectProp(st.sessionOptions, "cookie", src);
    core::TextEdit e;
    if (cookie && cookie.type() == "object" && cookie.namedChildCount()) {
      ts::Node last = cookie.namedChild(cookie.namedChildCount() - 1);
      e.range = {last.endByte(), last.endByte()};
      e.text = ", sameSite: \"lax\"";
    } else if (!cookie) {
      e.range = {st.sessionOptions.startByte() + 1, st.sessionOptions.startByte() + 1};
      e.text = " cookie: { sameSite: \"lax\" },";
    } else {
      return;
    }
    fix.edits.push_back(e);
    fd.fixes.push_back(std::move(fix));
  }

 private:
  /// DRF: `class X(SessionAuthentication): def enforce_csrf(self, request): return` turns the
  /// CSRF check off for every view that authenticates with the session cookie.
  static void drfEnforceCsrf(ts::Node fn, RuleContext& ctx) {
    auto src = ctx.source();
    if (fn.field("name").text(src) != "enforce_csrf") return;
    ts::Node cls = ctx.nearestAncestor({"class_definition"});
    ts::Node bases = cls ? cls.field("superclasses") : ts::Node();
    if (!bases || bases.text(src).find("SessionAuthentication") == std::string_view::npos) return;
    ts::Node body = fn.field("body");
    for (std::uint32_t i = 0; body && i < body.namedChildCount(); ++i) {
      ts::Node st = body.namedChild(i);
      auto t = st.type();
      if (t == "pass_statement" || t == "comment") continue;
      if (t == "expression_statement" && st.namedChildCount() == 1 && st.namedChild(0).type() == "string") continue;
      if (t == "return_statement" && (st.namedChildCount() == 0 || st.namedChild(0).text(src) == "None")) continue;
      return;  // it checks something
    }
    ctx.report(fn.field("name"), "`enforce_csrf` that does nothing turns off CSRF checks for every view using this "
                                 "session authentication: keep DRF's check, or use token authentication for APIs");
  }

  static void python(ts::Node node, RuleContext& ctx) {
    auto src = ctx.source();
    if (node.type() == "function_definition") {
      drfEnforceCsrf(node, ctx);
      return;
    }
    if (node.type() == "decorator") {
      ts::Node expr = node.namedChild(0);
      if (!expr) return;
      std::string t = "@" + std::string(expr.text(src));
      bool django = t == "@csrf_exempt" || t.ends_with(".csrf_exempt");
      bool wtf = t.ends_with(".exempt") && t.find("csrf") != std::string_view::npos;
      if (!django && !wtf) return;
      ts::Node def = ctx.ancestors().empty() ? ts::Node() : ctx.ancestors().back();
      if (def && webhookish(def.text(src))) return;
      core::Finding& f = ctx.report(node, "`" + t +
                                              "` turns off CSRF protection for this view: any site can submit it "
                                              "with the user's session; send a CSRF token instead");
      core::Fix fix{.title = "Remove " + t, .applicability = core::Applicability::Unsafe};
      core::TextEdit e;
      std::uint32_t start = lineStartOf(src, node.startByte());
      std::uint32_t end = node.endByte();
      while (end < src.size() && src[end] != '\n') ++end;
      if (end < src.size()) ++end;
      e.range = {start, end};
      fix.edits.push_back(e);
      f.fixes.push_back(std::move(fix));
      return;
    }
    ts::Node left = node.field("left"), right = node.field("right");
    if (!left || !right) return;
    std::string_view l = left.text(src);
    bool wtfFlag = l == "WTF_CSRF_ENABLED" || (l.find("config[") != std::string_view::npos &&
                                               l.find("WTF_CSRF_ENABLED") != std::string_view::npos);
    if (wtfFlag && sec::isFalse(right)) {
      std::string_view p = ctx.file().path;
      if (p.find("test") != std::string_view::npos) return;
      core::Finding& f = ctx.report(node, "`WTF_CSRF_ENABLED = False` turns off CSRF protection for every form");
      core::Fix fix{.title = "Set WTF_CSRF_ENABLED = True", .applicability = core::Applicability::Unsafe};
      fix.edits.push_back(sec::replaceNode(right, "True"));
      f.fixes.push_back(std::move(fix));
      return;
    }
    if (l == "MIDDLEWARE" && (right.type() == "list" || right.type() == "tuple")) {
      std::string_view t = right.text(src);
      if (t.find("SessionMiddleware") != std::string_view::npos &&
          t.find("django.middleware.csrf.CsrfViewMiddleware") == std::string_view::npos)
        ctx.report(left, "MIDDLEWARE has sessions but not CsrfViewMiddleware: no view is protected against CSRF");
    }
  }

  static void js(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto& st = ctx.state<State>();
    std::string_view callee = calleeText(call, src);
    std::string_view name = calleeName(call, src);
    ts::Node args = callArguments(call);
    if (!args || args.type() != "arguments") return;
    bool sessionMw = (callee == "session" && ctx.facts().imports_("express-session")) ||
                     (callee == "cookieSession" && ctx.facts().imports_("cookie-session"));
    if (sessionMw) {
      st.sessionCall = call;
      ts::Node opts = sec::unwrap(sec::positionalArg(args, 0));
      if (opts && opts.type() == "object") {
        st.sessionOptions = opts;
        ts::Node cookie = callee == "session" ? sec::objectProp(opts, "cookie", src) : opts;
        ts::Node ss = cookie && cookie.type() == "object" ? sec::objectProp(cookie, "sameSite", src) : ts::Node();
        if (ss && !sec::isFalse(ss)) {
          auto v = stringLiteralValue(ss, src, ctx.lang());
          st.sameSite = !v || sec::lowerCopy(*v) != "none";
        }
        if (!cookie || cookie.type() != "object") st.sameSite = st.sameSite || (cookie && cookie.type() != "object");
      }
      return;
    }
    if (name == "post" || name == "put" || name == "patch" || name == "delete") {
      ts::Node first = sec::positionalArg(args, 0);
      if (first && stringLiteralValue(first, src, ctx.lang()) && !webhookish(first.text(src))) st.mutatingRoute = true;
    }
  }
};

}  // namespace

const Rule& csrfProtectionDisabled() {
  static const CsrfProtectionDisabled rule;
  return rule;
}

}  // namespace agentlens::rules
