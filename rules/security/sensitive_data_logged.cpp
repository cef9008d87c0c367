// sensitive-data-logged: passwords, tokens, keys, cookies and whole request headers/bodies
// passed to log or print calls.
#include <algorithm>
#include <cctype>

#include "rules/common/secrets.hpp"
#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds log and print calls whose arguments carry credentials or personal data: variables,
attributes, keyword arguments and dict/object keys named like a password, secret, token, API
key, authorization header, cookie, SSN, card number or CVV; whole request objects
(`request.headers`, `request.json`, `req.body`, `req.headers`, `r.Header`); structured
key/value pairs (`slog.Info("login", "password", pw)`); and format strings that name a
secret right before a placeholder (`"token=%s"`).

Not flagged: logging only the presence or the name (`"token missing"`, `bool(token)`,
`token is None`, `len(token)`), masked or hashed values (`mask(t)`, `t[:4]`, `hash(t)`, also as
a field: `token=mask_token(t)`), words of a Go log message (zap's first argument, "login with
invalid password", is not a key), and LLM token counters (`max_tokens`, `token_count`, `tokens`).

## Why is this bad?
Logs are copied to log stores, dashboards, support tickets and third-party services, kept for
months and readable by far more people than the database. A password or session token in a log
line is a credential leak that nobody notices.

## Example
```python
logger.info("login attempt for %s with %s", email, password)
```

Use instead:
```python
logger.info("login attempt for %s", email)
```

## Fix safety
Replaces a directly logged secret value with `"[REDACTED]"`. Unsafe only in the sense that the
log line carries less information; program behaviour is unchanged. Whole request objects have
no automatic fix: log the fields you need, or configure the logger's redaction (pino `redact`).

## References
- OWASP Logging Cheat Sheet (data to exclude); CWE-532
- CodeQL py/clear-text-logging-sensitive-data, js/clear-text-logging, go/clear-text-logging
)md";

const RuleMeta kMeta{
    .id = "sensitive-data-logged",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::Medium,
    .languages = kAllCode,
    .summary = "Secret or personal data written to logs",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Presence,
};

std::vector<std::string> splitWords(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto u = static_cast<unsigned char>(name[i]);
    if (!std::isalnum(u)) {
      if (!cur.empty()) out.push_back(sec::lowerCopy(cur));
      cur.clear();
      continue;
    }
    if (std::isupper(u) && !cur.empty() && std::islower(static_cast<unsigned char>(cur.back()))) {
      out.push_back(sec::lowerCopy(cur));
      cur.clear();
    }
    cur += name[i];
  }
  if (!cur.empty()) out.push_back(sec::lowerCopy(cur));
  return out;
}

/// A name that holds sensitive data (not metadata about it, not an LLM token counter).
bool sensitiveName(std::string_view name) {
  auto w = splitWords(name);
  if (w.empty()) return false;
  const std::string& last = w.back();
  for (std::string_view m : {"count", "counts", "usage", "limit", "used", "id", "type", "url", "endpoint", "name",
                             "length", "len", "expires", "expiry", "ttl", "hash", "hashed", "present", "set",
                             "valid", "field", "header", "required", "enabled", "policy", "at", "prefix"})
    if (last == m) return false;
  if (w.front() == "has" || w.front() == "is" || w.front() == "num" || w.front() == "max" || w.front() == "total")
    return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string& t = w[i];
    if (t == "authorization" || t == "cookie" || t == "cookies" || t == "ssn" || t == "cvv" || t == "cvc" ||
        t == "cardnumber")
      return true;
    if (i + 1 < w.size() && t == "card" && w[i + 1] == "number") return true;
  }
  return secrets::isCredentialName(name);
}

bool requestObject(std::string_view t) {
  for (std::string_view r : {"request.headers", "req.headers", "req.body", "request.json", "request.get_json()",
                             "request.form", "r.Header", "request.cookies", "req.cookies", "request.data",
                             "request.body", "request.META", "r.Form", "r.PostForm"})
    if (t == r) return true;
  return false;
}

/// A format string naming a secret right before a placeholder: "password=%s", "token: {}".
bool secretBeforePlaceholder(std::string_view s) {
  std::string l = sec::lowerCopy(s);
  for (std::string_view w : {"password", "passwd", "secret", "token", "api_key", "apikey", "api key", "authorization"}) {
    for (std::size_t p = l.find(w); p != std::string::npos; p = l.find(w, p + 1)) {
      std::size_t i = p + w.size();
      if (i < l.size() && (std::isalnum(static_cast<unsigned char>(l[i])) || l[i] == '_')) continue;
      while (i < l.size() && (l[i] == ' ' || l[i] == '=' || l[i] == ':')) ++i;
      if (i < l.size() && (l[i] == '%' || l[i] == '{')) return true;
    }
  }
  return false;
}

class SensitiveDataLogged final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    if (!isLogCall(call, src, ctx.lang())) return;
    // A command-line tool printing a value to its user (a generated key, say) is its output.
    std::string_view callee = calleeText(call, src);
    bool stdoutPrint = callee == "print" || callee.starts_with("fmt.Print") || callee == "console.log";
    if (stdoutPrint && ctx.facts().role == core::FileRole::Script) return;
    ts::Node args = callArguments(call);
    if (!args) return;
    Hit hit = findHit(args, ctx);
    if (!hit.node) return;
    core::Finding& f = ctx.report(hit.node, hit.message);
    if (hit.fixable) {
      core::Fix fix{.title = "Redact the value", .applicability = core::Applicability::Unsafe};
      fix.edits.push_back(sec::replaceNode(hit.node, "\"[REDACTED]\""));
      f.fixes.push_back(std::move(fix));
    }
  }

 private:
  struct Hit {
    ts::Node node;
    std::string message;
    bool fixable = false;
  };

  static bool isLogCall(ts::Node call, std::string_view src, Lang lang) {
    std::string_view callee = calleeText(call, src);
    std::string_view name = calleeName(call, src);
    auto dot = callee.find_last_of('.');
    std::string obj = sec::lowerCopy(dot == std::string_view::npos ? "" : callee.substr(0, dot));
    bool logObj = obj.ends_with("log") || obj.ends_with("logger") || obj.ends_with("logging") ||
                  obj.ends_with("console") || obj == "slog" || obj.ends_with("sugar") || obj.ends_with("zap.l()") ||
                  obj.ends_with("logrus");
    if (lang == Lang::Python) {
      if (callee == "print") return true;
      static constexpr std::string_view kM[] = {"debug", "info", "warning", "warn", "error", "exception", "critical",
                                                "log", "msg", "fatal"};
      return logObj && std::find(std::begin(kM), std::end(kM), name) != std::end(kM);
    }
    if (lang == Lang::Go) {
      if (callee.starts_with("fmt.Print")) return true;
      std::string lname = sec::lowerCopy(name);
      return logObj && (lname.starts_with("print") || lname.starts_with("info") || lname.starts_with("error") ||
                        lname.starts_with("warn") || lname.starts_with("debug") || lname.starts_with("fatal") ||
                        lname.starts_with("panic") || lname == "log" || lname == "logattrs");
    }
    static constexpr std::string_view kM[] = {"log", "info", "warn", "error", "debug", "trace", "fatal"};
    return logObj && std::find(std::begin(kM), std::end(kM), name) != std::end(kM);
  }

  /// The value is only tested, measured, masked or hashed on its way to the log.
  static bool masked(ts::Node n, ts::Node stop, std::string_view src) {
    for (ts::Node p = n.parent(); p && p != stop; n = p, p = p.parent()) {
      auto t = p.type();
      if (t == "comparison_operator" || t == "not_operator" || t == "boolean_operator") return true;
      if (t == "binary_expression") {
        ts::Node op = p.child(1);
        std::string_view o = op ? op.text(src) : "";
        if (o == "==" || o == "===" || o == "!=" || o == "!==" || o == "&&" || o == "||" || o == "??") return true;
      }
      if (t == "unary_expression" && p.text(src).starts_with("!")) return true;
      if (t == "subscript" && p.text(src).find(':') != std::string_view::npos) return true;  // t[:4]
      if (t == "call" || t == "call_expression") {
        ts::Node fn = p.field("function");
        if (fn && (fn == n || (fn.startByte() <= n.startByte() && n.endByte() <= fn.endByte()))) {
          // n is (part of) the callee: `token.slice(0, 4)`, `len(x)`
          std::string l = sec::lowerCopy(calleeName(p, src));
          if (l == "slice" || l == "substring" || l == "substr" || l == "length" || l == "startswith" ||
              l == "endswith" || l == "hasprefix")
            return true;
          continue;
        }
        std::string l = sec::lowerCopy(calleeName(p, src));
        for (std::string_view m : {"bool", "len", "mask", "redact", "hash", "sha", "md5", "digest", "type",
                                   "isinstance", "fingerprint", "boolean", "hidden", "censor", "obfuscate"})
          if (l.find(m) != std::string::npos) return true;
      }
      if (t == "member_expression" || t == "attribute" || t == "selector_expression") {
        // x.length / len: checked by name of the outer access
        ts::Node prop = p.field(t == "attribute" ? "attribute" : (t == "member_expression" ? "property" : "field"));
        std::string_view pn = prop ? prop.text(src) : "";
        if (pn == "length" || pn == "size" || pn == "Len") return true;
      }
    }
    return false;
  }

  /// The value itself is a masking or hashing call: `token=mask_token(t)`, `hashOf(key)`.
  static bool maskingCall(ts::Node v, std::string_view src) {
    if (v.type() != "call" && v.type() != "call_expression") return false;
    std::string l = sec::lowerCopy(calleeName(v, src));
    for (std::string_view m : {"mask", "redact", "hash", "sha", "md5", "digest", "fingerprint", "censor", "obfuscate"})
      if (l.find(m) != std::string::npos) return true;
    return false;
  }

  static Hit findHit(ts::Node args, const RuleContext& ctx) {
    auto src = ctx.source();
    Lang lang = ctx.lang();
    Hit hit;
    // Structured key/value pairs: ("password", pw) in Go/JS argument lists.
    for (std::uint32_t i = 0; i + 1 < args.namedChildCount() && lang == Lang::Go; ++i) {
      auto k = stringLiteralValue(args.namedChild(i), src, lang);
      ts::Node v = args.namedChild(i + 1);
      // A key is one word (`"password"`); a phrase is the log message ("login with invalid password").
      if (k && k->find(' ') != std::string_view::npos) continue;
      if (k && sensitiveName(*k) && !sec::isConstant(v, src, lang) && !masked(v, args, src) && !maskingCall(v, src)) {
        return {v, "`" + std::string(*k) + "` is written to the log: log that it is present, never its value", true};
      }
    }
    ts::walk(args, [&](ts::Node n) {
      if (hit.node) return false;
      auto t = n.type();
      if (t == "keyword_argument" || t == "pair") {
        ts::Node k = n.field(t == "pair" ? "key" : "name");
        ts::Node v = n.field("value");
        std::string_view kt = k ? k.text(src) : "";
        if (auto lit = stringLiteralValue(k, src, lang)) kt = *lit;
        if (v && sensitiveName(kt) && !sec::isConstant(v, src, lang) && !masked(v, args, src) &&
            !maskingCall(v, src)) {
          hit = {v, "`" + std::string(kt) + "` is written to the log: log that it is present, never its value",
                 true};
          return false;
        }
        return v ? true : true;
      }
      if (t == "string" || t == "template_string" || t == "interpreted_string_literal") {
        std::string_view text = n.text(src);
        if (secretBeforePlaceholder(text) && (n.parent() == args || isInterpolatedString(n, lang) ||
                                              n.parent().type() == "binary_operator")) {
          // Only when a value actually follows: the call has more arguments, or the string interpolates.
          bool plainValue = isInterpolatedString(n, lang) || n.parent().type() == "binary_operator";
          for (ts::Node v = n.nextNamedSibling(); v && !plainValue; v = v.nextNamedSibling()) {
            if (v.type() == "comment" || sec::isConstant(v, src, lang)) continue;
            // A plainly named value is judged by its name ("Valid token: %s", is_valid): only
            // opaque values (calls, subscripts, one-letter names) borrow the message's word.
            auto vt = v.type();
            bool named = vt == "identifier" || vt == "attribute" || vt == "member_expression" ||
                         vt == "selector_expression";
            if (named && v.text(src).size() > 2) continue;
            // Re-use masked() from a child: a masking wrapper around the value is one level up.
            ts::Node inner = v.type() == "call" || v.type() == "call_expression" ? callArguments(v) : v.namedChild(0);
            if (inner && inner.namedChildCount() && (v.type() == "call" || v.type() == "call_expression"))
              inner = inner.namedChild(0);
            if (!inner || !masked(inner, args, src)) plainValue = true;
          }
          if (plainValue) {
            hit = {n, "the log message prints a secret into its placeholder: drop the value or log a masked form",
                   false};
            return false;
          }
        }
        return true;  // interpolations inside are checked as expressions
      }
      bool access = t == "attribute" || t == "member_expression" || t == "selector_expression" ||
                    t == "subscript" || t == "subscript_expression" || t == "index_expression";
      if (access || t == "identifier") {
        // Only the outermost name of an access chain decides: token.length is not the token.
        ts::Node p = n.parent();
        bool inner = p && (p.type() == "attribute" || p.type() == "member_expression" ||
                           p.type() == "selector_expression") && p.namedChild(0) == n;
        bool callee = p && (p.type() == "call" || p.type() == "call_expression") && p.field("function") == n;
        if (callee) return false;
        if (p && p.type() == "keyword_argument" && p.field("name") == n) return false;  // judged with its value
        if (inner) return true;
        std::string_view text = n.text(src);
        if (requestObject(text)) {
          if (!masked(n, args, src))
            hit = {n, "`" + std::string(text) + "` is logged whole: it carries credentials and personal data; log "
                                                "the fields you need",
                   false};
          return false;
        }
        std::string_view last;
        if (t == "identifier") last = text;
        else if (t == "attribute") last = n.field("attribute").text(src);
        else if (t == "member_expression") last = n.field("property").text(src);
        else if (t == "selector_expression") last = n.field("field").text(src);
        else {
          ts::Node idx = n.field(t == "subscript" ? "subscript" : "index");
          if (!idx && n.namedChildCount() >= 2) idx = n.namedChild(1);
          auto v = idx ? stringLiteralValue(idx, src, lang) : std::nullopt;
          if (v) last = *v;
        }
        if (!last.empty() && sensitiveName(last) && !masked(n, args, src)) {
          hit = {n, "`" + std::string(text) + "` is written to the log: log that it is present, never its value",
                 n.parent() == args || n.parent().type() == "argument_list"};
          return false;
        }
        return t != "identifier";
      }
      return true;
    });
    return hit;
  }
};

}  // namespace

const Rule& sensitiveDataLogged() {
  static const SensitiveDataLogged rule;
  return rule;
}

}  // namespace agentlens::rules
