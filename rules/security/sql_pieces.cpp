// sql-built-from-strings: splitting a query into text and pieces (see sql_pieces.hpp).
#include "rules/security/sql_pieces.hpp"

#include <algorithm>
#include <cctype>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::sqlrule {

using core::Lang;

bool looksLikeSql(std::string_view t) {
  // Keywords split across lines or tabs ("SELECT\n  id\nFROM t") read as if on one line.
  std::string l = sec::lowerCopy(t);
  for (char& c : l)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  auto has = [&](std::string_view w) { return l.find(w) != std::string::npos; };
  return (has("select ") && has(" from")) || has("insert into") || (has("update ") && has(" set ")) ||
         has("delete from") || has(" where ") || has("replace into") || (has("select ") && has("count("));
}

namespace {

/// A Python f-string: its literal text and `{…}` holes.
/// Nullopt when `q` is not this shape; else whether it splits.
std::optional<bool> fString(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                            [[maybe_unused]] ts::Node scope) {
  auto t = q.type();
  if (lang == Lang::Python && t == "string" && isInterpolatedString(q, lang)) {
    how = "an f-string";
    for (std::uint32_t i = 0; i < q.namedChildCount(); ++i) {
      ts::Node c = q.namedChild(i);
      auto ct = c.type();
      if (ct == "interpolation") {
        ts::Node e = c.field("expression");
        if (!e || c.namedChildCount() != 1) out.fixable = false;
        out.holes.push_back(e ? e : c);
        out.text.emplace_back();
      } else if (ct == "string_content" || ct == "escape_sequence") {
        out.text.back() += c.text(src);
      }
    }
    return true;
  }
  return std::nullopt;
}

/// A JS template literal: its text and `${…}` holes.
/// Nullopt when `q` is not this shape; else whether it splits.
std::optional<bool> templateLiteral(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                                    [[maybe_unused]] ts::Node scope) {
  auto t = q.type();
  if (core::isJsFamily(lang) && t == "template_string" && isInterpolatedString(q, lang)) {
    how = "a template literal";
    for (std::uint32_t i = 0; i < q.namedChildCount(); ++i) {
      ts::Node c = q.namedChild(i);
      if (c.type() == "template_substitution") {
        out.holes.push_back(c.namedChildCount() ? c.namedChild(0) : c);
        out.text.emplace_back();
      } else {
        out.text.back() += c.text(src);
      }
    }
    return true;
  }
  return std::nullopt;
}

/// Python `"… %s" % x` (also through a local format string).
/// Nullopt when `q` is not this shape; else whether it splits.
std::optional<bool> percentFormat(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                                  [[maybe_unused]] ts::Node scope) {
  auto t = q.type();
  if (lang == Lang::Python && t == "binary_operator") {
    ts::Node op = q.child(1);
    ts::Node l = sec::unwrap(q.field("left")), r = sec::unwrap(q.field("right"));
    if (l && l.type() == "identifier" && op && op.text(src) == "%" && scope) {  // fmt = "… %s"; fmt % x
      ts::Node rhs = sec::localAssignment(scope, l.text(src), q.startByte(), src, lang);
      if (rhs && sec::unwrap(rhs).type() == "string" && !isInterpolatedString(sec::unwrap(rhs), lang)) l = sec::unwrap(rhs);
    }
    if (op && op.text(src) == "%" && l.type() == "string") {
      how = "the % operator";
      out.text[0] = std::string(l.text(src));
      out.fixable = false;
      if (r.type() == "tuple") {
        for (std::uint32_t i = 0; i < r.namedChildCount(); ++i) out.holes.push_back(r.namedChild(i));
      } else {
        out.holes.push_back(r);
      }
      return true;
    }
  }
  return std::nullopt;
}

/// `"… {id}".replace("{id}", x)` (Python) / `"SELECT … ".concat(x)` (JS).
/// Nullopt when `q` is not this shape; else whether it splits.
std::optional<bool> replaceOrConcat(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                                    [[maybe_unused]] ts::Node scope) {
  auto t = q.type();
  if (t == "call" || t == "call_expression") {  // "… {id}".replace("{id}", x) / "SELECT … ".concat(x)
    ts::Node fnode = q.field("function");
    bool member = fnode && (fnode.type() == "attribute" || fnode.type() == "member_expression");
    std::string_view method = member ? fnode.field(fnode.type() == "attribute" ? "attribute" : "property").text(src) : "";
    ts::Node obj = member ? sec::unwrap(fnode.field("object")) : ts::Node();
    auto base = obj ? stringLiteralValue(obj, src, lang) : std::nullopt;
    ts::Node a = callArguments(q);
    if (base && a && ((method == "replace" && lang == Lang::Python && a.namedChildCount() == 2) ||
                      (method == "concat" && core::isJsFamily(lang) && a.namedChildCount() >= 1))) {
      how = method == "replace" ? "str.replace()" : "String.concat()";
      out.fixable = false;
      out.text[0] = std::string(*base);
      for (std::uint32_t i = method == "replace" ? 1 : 0; i < a.namedChildCount(); ++i) {
        out.holes.push_back(a.namedChild(i));
        out.text.emplace_back();
      }
      return true;
    }
  }
  return std::nullopt;
}

/// Python `"…{}".format(x)`.
/// Nullopt when `q` is not this shape; else whether it splits.
std::optional<bool> strFormat(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                              [[maybe_unused]] ts::Node scope) {
  auto t = q.type();
  if (lang == Lang::Python && t == "call") {
    ts::Node fnode = q.field("function");
    if (fnode && fnode.type() == "attribute" && fnode.field("attribute").text(src) == "format" &&
        sec::unwrap(fnode.field("object")).type() == "string") {
      how = "str.format()";
      out.text[0] = std::string(fnode.field("object").text(src));
      out.fixable = false;
      ts::Node a = callArguments(q);
      for (std::uint32_t i = 0; a && i < a.namedChildCount(); ++i) {
        ts::Node x = a.namedChild(i);
        out.holes.push_back(x.type() == "keyword_argument" ? x.field("value") : x);
      }
      return !out.holes.empty();
    }
  }
  return std::nullopt;
}

/// Go strings.Builder writes.
/// Nullopt when `q` is not this shape; else whether it splits.
std::optional<bool> goBuilder(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                              [[maybe_unused]] ts::Node scope) {
  auto t = q.type();
  if (lang == Lang::Go && t == "call_expression" && scope && builderString(q, src, out, scope)) {
    how = "strings.Builder";
    return !out.holes.empty();
  }
  return std::nullopt;
}

/// Go `fmt.Sprintf("… %s", x)`: text between verbs, one hole per verb.
/// Nullopt when `q` is not this shape; else whether it splits.
std::optional<bool> goSprintf(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                              [[maybe_unused]] ts::Node scope) {
  auto t = q.type();
  if (lang == Lang::Go && t == "call_expression" && calleeText(q, src) == "fmt.Sprintf") {
    how = "fmt.Sprintf";
    ts::Node a = callArguments(q);
    ts::Node fmtArg = a ? a.namedChild(0) : ts::Node();
    auto fmtText = fmtArg ? stringLiteralValue(fmtArg, src, lang) : std::nullopt;
    if (!fmtText) return false;
    if (fmtArg.type() != "interpreted_string_literal") out.fixable = false;
    std::string_view f = *fmtText;
    std::uint32_t argi = 1;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f[i] != '%') {
        out.text.back() += f[i];
        continue;
      }
      if (i + 1 < f.size() && f[i + 1] == '%') {
        out.text.back() += "%";
        ++i;
        continue;
      }
      char verb = i + 1 < f.size() ? f[i + 1] : '\0';
      if (verb != 's' && verb != 'd' && verb != 'v' && verb != 'q') out.fixable = false;
      if (verb == 'q') {  // %q adds its own quotes: treat it as a quoted value
        out.text.back() += "'";
      }
      ts::Node h = a.namedChild(argi++);
      if (!h) return false;
      out.holes.push_back(h);
      out.numeric.resize(out.holes.size(), false);
      out.numeric.back() = verb == 'd';
      out.text.emplace_back(verb == 'q' ? "'" : "");
      ++i;
    }
    if (a.namedChildCount() != argi) out.fixable = false;
    return !out.holes.empty();
  }
  return std::nullopt;
}

/// Node `util.format("… %s", x)`.
/// Nullopt when `q` is not this shape; else whether it splits.
std::optional<bool> utilFormat(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                               [[maybe_unused]] ts::Node scope) {
  auto t = q.type();
  if (core::isJsFamily(lang) && t == "call_expression" &&
      (calleeText(q, src) == "util.format" || calleeText(q, src) == "format")) {  // util.format("… %s", x)
    ts::Node a = callArguments(q);
    auto f = a && a.namedChildCount() ? stringLiteralValue(a.namedChild(0), src, lang) : std::nullopt;
    if (!f || a.namedChildCount() < 2) return false;
    how = "util.format";
    out.fixable = false;
    out.text[0] = std::string(*f);
    for (std::uint32_t i = 1; i < a.namedChildCount(); ++i) {
      out.holes.push_back(a.namedChild(i));
      out.text.emplace_back();
    }
    return true;
  }
  return std::nullopt;
}

/// `a + b + c` with at least one string literal and one non-literal piece.
/// Nullopt when `q` is not this shape; else whether it splits.
std::optional<bool> concatenation(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how,
                                  [[maybe_unused]] ts::Node scope) {
  auto t = q.type();
  bool concat = (lang == Lang::Python && t == "binary_operator") || (lang != Lang::Python && t == "binary_expression");
  if (concat) {
    // Flatten a + b + c; needs at least one string literal and one non-literal piece.
    std::vector<ts::Node> parts;
    std::vector<ts::Node> stack{q};
    while (!stack.empty()) {
      ts::Node n = sec::unwrap(stack.back());
      stack.pop_back();
      bool plus = (n.type() == "binary_operator" || n.type() == "binary_expression") && n.child(1) &&
                  n.child(1).text(src) == "+";
      if (plus) {
        stack.push_back(n.field("right"));
        stack.push_back(n.field("left"));
      } else {
        parts.push_back(n);
      }
    }
    if (parts.size() < 2) return false;
    bool anyString = false;
    for (ts::Node p : parts) {
      if (auto v = stringLiteralValue(p, src, lang)) {
        anyString = true;
        out.text.back() += *v;
      } else {
        out.holes.push_back(p);
        out.text.emplace_back();
      }
    }
    how = "string concatenation";
    out.fixable = false;
    return anyString && !out.holes.empty();
  }
  return std::nullopt;
}

}  // namespace

bool split(ts::Node q, std::string_view src, Lang lang, Pieces& out, std::string& how, ts::Node scope) {
  out.text.assign(1, "");
  for (auto shape : {fString, templateLiteral, percentFormat, replaceOrConcat,
                     strFormat, goBuilder, goSprintf, utilFormat, concatenation})
    if (auto r = shape(q, src, lang, out, how, scope)) return *r;
  return false;
}

}  // namespace agentlens::rules::sqlrule
