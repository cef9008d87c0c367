// sensitive-data-logged: the sensitive arguments of a log call (see sensitive_hits.hpp).
#include "rules/security/sensitive_hits.hpp"

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"
#include "rules/security/sensitive_names.hpp"

namespace agentlens::rules::sensitive {
namespace {

using core::Lang;

/// One scan of a log call's arguments and its first hit.
struct Scan {
  ts::Node args;
  std::string_view src;
  Lang lang;
  ts::Node at;
  Hit hit;
};

bool found(Scan& s, ts::Node at, std::string message, bool fixable) {
  s.at = at;
  s.hit = {std::move(message), fixable};
  return true;
}

/// The value is only tested, measured, masked or hashed on its way to the log.
bool masked(ts::Node n, ts::Node stop, std::string_view src) {
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
            l == "endswith" || l == "hasprefix" || l == "redacted" || l == "hostname" || l == "host")
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
bool maskingCall(ts::Node v, std::string_view src) {
  if (v.type() != "call" && v.type() != "call_expression") return false;
  std::string l = sec::lowerCopy(calleeName(v, src));
  for (std::string_view m : {"mask", "redact", "hash", "sha", "md5", "digest", "fingerprint", "censor", "obfuscate"})
    if (l.find(m) != std::string::npos) return true;
  return false;
}

/// Structured key/value pairs: ("password", pw) in Go argument lists.
bool goKeyValue(Scan& s) {
  ts::Node args = s.args;
  std::string_view src = s.src;
  Lang lang = s.lang;
  for (std::uint32_t i = 0; i + 1 < args.namedChildCount() && lang == Lang::Go; ++i) {
    auto k = stringLiteralValue(args.namedChild(i), src, lang);
    ts::Node v = args.namedChild(i + 1);
    // A key is one word (`"password"`); a phrase is the log message ("login with invalid password").
    if (k && k->find(' ') != std::string_view::npos) continue;
    if (k && sensitiveName(*k) && !sec::isConstant(v, src, lang) && !masked(v, args, src) && !maskingCall(v, src)) {
      return found(s, v, "`" + std::string(*k) + "` is written to the log: log that it is present, never its value",
                      true);
    }
  }
  return false;
}

/// `password=pw` (Python keyword) or `{ password: pw }` (JS pair).
bool onPair(ts::Node n, std::string_view t, Scan& s) {
  ts::Node args = s.args;
  std::string_view src = s.src;
  Lang lang = s.lang;
  ts::Node k = n.field(t == "pair" ? "key" : "name");
  ts::Node v = n.field("value");
  std::string_view kt = k ? k.text(src) : "";
  if (auto lit = stringLiteralValue(k, src, lang)) kt = *lit;
  if (v && sensitiveName(kt) && !sec::isConstant(v, src, lang) && !masked(v, args, src) &&
      !maskingCall(v, src)) {
    found(s, v, "`" + std::string(kt) + "` is written to the log: log that it is present, never its value",
             true);
    return false;
  }
  return v ? true : true;
}

/// A message string that names a secret before a placeholder filled with a value.
bool onString(ts::Node n, Scan& s) {
  ts::Node args = s.args;
  std::string_view src = s.src;
  Lang lang = s.lang;
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
      found(s, n, "the log message prints a secret into its placeholder: drop the value or log a masked form",
               false);
      return false;
    }
  }
  return true;  // interpolations inside are checked as expressions
}

/// `res.headers`, `response.headers`: what a server sent back, not the credentials sent.
bool responseHeaders(ts::Node n, std::string_view t, std::string_view src) {
  if (t != "member_expression" && t != "attribute" && t != "selector_expression") return false;
  std::string obj = sec::lowerCopy(n.namedChild(0) ? n.namedChild(0).text(src) : "");
  return obj.starts_with("res") || obj.ends_with("response") || obj.ends_with("resp") || obj.ends_with("res");
}

/// A name, attribute or subscript: judged by its outermost name, or a whole request object.
bool onAccess(ts::Node n, std::string_view t, Scan& s) {
  ts::Node args = s.args;
  std::string_view src = s.src;
  Lang lang = s.lang;
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
      found(s, n, "`" + std::string(text) + "` is logged whole: it carries credentials and personal data; log "
                                            "the fields you need",
               false);
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
  if (!last.empty() && connectionStringName(last) && !masked(n, args, src)) {
    found(s, n, "`" + std::string(text) + "` is written to the log: a connection string carries the database "
                "password; log the host and database name, never the URL",
          n.parent() == args || n.parent().type() == "argument_list");
    return false;
  }
  bool indexed = p && (p.type() == "subscript" || p.type() == "subscript_expression" ||
                       p.type() == "index_expression") && p.namedChild(0) == n;  // headers["Content-Type"]
  if (!last.empty() && headersName(last) && !indexed && !responseHeaders(n, t, src) && !masked(n, args, src) &&
      setsAuthorizationHeader(src)) {
    found(s, n, "`" + std::string(text) + "` is logged whole: this code puts an Authorization header in it; log "
                "the fields you need",
          false);
    return false;
  }
  if (!last.empty() && sensitiveName(last) && !masked(n, args, src)) {
    found(s, n, "`" + std::string(text) + "` is written to the log: log that it is present, never its value",
             n.parent() == args || n.parent().type() == "argument_list");
    return false;
  }
  return t != "identifier";
}

}  // namespace

bool findSensitiveArgument(ts::Node args, const RuleContext& ctx, ts::Node& at, Hit& hit) {
  Scan s{args, ctx.source(), ctx.lang(), {}, {}};
  if (s.lang == Lang::Go && goKeyValue(s)) {
    at = s.at;
    hit = std::move(s.hit);
    return true;
  }
  ts::walk(args, [&](ts::Node n) {
    if (s.at) return false;
    auto t = n.type();
    if (t == "keyword_argument" || t == "pair") return onPair(n, t, s);
    if (t == "string" || t == "template_string" || t == "interpreted_string_literal") return onString(n, s);
    bool access = t == "attribute" || t == "member_expression" || t == "selector_expression" ||
                  t == "subscript" || t == "subscript_expression" || t == "index_expression";
    if (access || t == "identifier") return onAccess(n, t, s);
    return true;
  });
  if (!s.at) return false;
  at = s.at;
  hit = std::move(s.hit);
  return true;
}

}  // namespace agentlens::rules::sensitive
