// Value safety of interpolated SQL pieces (see sql_value_safety.hpp).
#include "rules/security/sql_value_safety.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::sqlsafe {
namespace {

using core::Lang;

struct Walker {
  ts::Node scope;
  std::string_view src;
  Lang lang;
  std::vector<std::string> visiting;  // names being resolved (self-references are safe)
  int depth = 0;

  bool safe(ts::Node e);
  bool call(ts::Node c);
  bool name(std::string_view n);
  bool sprintf(ts::Node args);
};

bool lowerHasAny(std::string_view s, std::initializer_list<std::string_view> words) {
  std::string l = sec::lowerCopy(s);
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return l.find(w) != std::string::npos; });
}

/// The last identifier of a callee text ("strings.Join" -> "Join").
std::string_view lastName(std::string_view callee) {
  auto dot = callee.find_last_of('.');
  return dot == std::string_view::npos ? callee : callee.substr(dot + 1);
}

/// An UPPER_CASE map of fixed values (`SORT_COLUMNS`, `settings.ALLOWED`), not Django's request
/// dictionaries (`request.GET`, `request.POST`, `request.META`), which are upper case too.
bool fixedMap(std::string_view text) {
  std::string_view last = lastName(text);
  if (!sec::isConstantName(last)) return false;
  bool requestDict = last == "GET" || last == "POST" || last == "COOKIES" || last == "META" || last == "FILES" ||
                     last == "REQUEST";
  return !(requestDict && text.size() > last.size());
}

bool Walker::sprintf(ts::Node args) {
  ts::Node fmtArg = args ? args.namedChild(0) : ts::Node();
  auto f = fmtArg ? stringLiteralValue(fmtArg, src, lang) : std::nullopt;
  if (!f) return false;
  std::uint32_t argi = 1;
  for (std::size_t i = 0; i + 1 < f->size(); ++i) {
    if ((*f)[i] != '%') continue;
    char verb = (*f)[i + 1];
    ++i;
    if (verb == '%') continue;
    ts::Node a = args.namedChild(argi++);
    if (!a) return false;
    if (verb != 'd' && !safe(a)) return false;  // %d prints an integer: never SQL
  }
  return true;
}

bool Walker::call(ts::Node c) {
  std::string_view callee = calleeText(c, src);
  std::string_view last = lastName(callee);
  ts::Node args = callArguments(c);
  static constexpr std::string_view kNumeric[] = {"int", "len", "float", "abs", "Number", "parseInt", "parseFloat",
                                                  "Itoa", "FormatInt", "FormatUint", "FormatFloat"};
  if (std::find(std::begin(kNumeric), std::end(kNumeric), last) != std::end(kNumeric) &&
      (callee == last || callee.starts_with("strconv.") || callee.starts_with("Number.") ||
       callee.starts_with("Math.")))
    return true;
  if (callee == "fmt.Sprintf") return sprintf(args);
  // Paging clauses (LIMIT/OFFSET from integers) and placeholder lists from helpers.
  if (lowerHasAny(last, {"limitoffset", "limit_offset", "placeholder", "pagination"})) return true;
  auto argsSafe = [&](std::uint32_t from) {
    for (std::uint32_t i = from; args && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "comment") continue;
      if (!safe(a)) return false;
    }
    return true;
  };
  static constexpr std::string_view kCombine[] = {"join", "Join", "Repeat", "repeat", "TrimSuffix", "TrimRight",
                                                  "rstrip", "strip", "Trim", "concat", "append"};
  bool combine = std::find(std::begin(kCombine), std::end(kCombine), last) != std::end(kCombine);
  ts::Node fnode = c.field("function");
  ts::Node object;
  if (fnode && (fnode.type() == "attribute" || fnode.type() == "member_expression"))
    object = fnode.field(fnode.type() == "attribute" ? "object" : "object");
  if (combine) {
    if (object && !(lang == Lang::Go) && !safe(object)) return false;
    return argsSafe(0);
  }
  // ids.map(() => "?") : the mapped value is a constant.
  if (last == "map" && args && args.namedChildCount() == 1) {
    ts::Node f = args.namedChild(0);
    if (f.type() == "arrow_function" || f.type() == "function_expression") {
      ts::Node body = f.field("body");
      return body && body.type() != "statement_block" && sec::isConstant(body, src, lang);
    }
  }
  // ALLOWED.get(key, default): a lookup in a fixed map.
  if (last == "get" && object && fixedMap(object.text(src))) return argsSafe(1);
  return false;
}

bool Walker::name(std::string_view n) {
  if (sec::isConstantName(lastName(n))) return true;
  if (std::find(visiting.begin(), visiting.end(), n) != visiting.end()) return true;
  if (!scope) return false;
  visiting.emplace_back(n);
  bool any = false, ok = true;
  ts::walk(scope, [&](ts::Node x) {
    if (!ok) return false;
    auto t = x.type();
    ts::Node left, right;
    if (t == "assignment" || t == "assignment_expression" || t == "short_var_declaration" ||
        t == "assignment_statement" || t == "augmented_assignment" || t == "augmented_assignment_expression") {
      left = x.field("left");
      right = x.field("right");
    } else if (t == "variable_declarator" || t == "var_spec") {
      left = x.field("name");
      right = x.field("value");
    } else if (t == "call" || t == "call_expression") {
      // clauses.append("x = ?") / clauses.push("x = ?")
      std::string_view callee = calleeText(x, src);
      auto last = lastName(callee);
      if (callee.size() > last.size() && callee.substr(0, callee.size() - last.size() - 1) == n &&
          (last == "append" || last == "push" || last == "extend" || last == "unshift" || last == "insert")) {
        ts::Node a = callArguments(x);
        for (std::uint32_t i = last == "insert" ? 1 : 0; a && i < a.namedChildCount(); ++i)
          if (!safe(a.namedChild(i))) ok = false;
      }
      return true;
    } else if (t == "parameters" || t == "formal_parameters" || t == "parameter_list") {
      for (std::uint32_t i = 0; i < x.namedChildCount(); ++i) {
        ts::Node p = x.namedChild(i);
        ts::Node pn = p.field("name") ? p.field("name") : p;
        if (pn.text(src) == n) ok = false;  // a parameter: anything may come in
      }
      return true;
    }
    if (!left) return true;
    if (left.type() == "expression_list" || left.type() == "pattern_list" || left.type() == "tuple_pattern") {
      for (std::uint32_t i = 0; i < left.namedChildCount(); ++i) {
        if (left.namedChild(i).text(src) != n) continue;
        any = true;
        if (!right) continue;  // `var x string`: the zero value
        ts::Node r = right;
        if (right.type() == "expression_list") r = right.namedChild(i);
        else if (left.namedChildCount() > 1) r = ts::Node();
        if (!r || !safe(r)) ok = false;
      }
    } else if (left.text(src) == n) {
      any = true;
      if (right) {
        ts::Node r = right.type() == "expression_list" && right.namedChildCount() == 1 ? right.namedChild(0) : right;
        if (!safe(r)) ok = false;
      }
    }
    return true;
  });
  visiting.pop_back();
  return any && ok;
}

bool Walker::safe(ts::Node e) {
  e = sec::unwrap(e);
  if (!e || ++depth > 200) return false;
  if (sec::isConstant(e, src, lang)) return true;
  auto t = e.type();
  if (t == "identifier") return name(e.text(src));
  if (t == "call" || t == "call_expression") return call(e);
  if (t == "attribute" || t == "member_expression" || t == "selector_expression") {
    ts::Node prop = e.field(t == "attribute" ? "attribute" : t == "member_expression" ? "property" : "field");
    if (prop && prop.text(src) == "length") return true;  // JS arr.length
    // An entry of an UPPER_CASE map (`SORT.newest`): as fixed as a subscript of it.
    ts::Node obj = e.field(t == "attribute" ? "object" : t == "member_expression" ? "object" : "operand");
    if (obj && obj.type() == "identifier" && fixedMap(obj.text(src))) return true;
    return fixedMap(e.text(src));
  }
  if (t == "subscript" || t == "subscript_expression" || t == "index_expression") {
    ts::Node obj = e.field(t == "subscript" ? "value" : t == "subscript_expression" ? "object" : "operand");
    return obj && fixedMap(obj.text(src));  // SORT_COLUMNS[key]
  }
  if (t == "list_comprehension" || t == "generator_expression") return safe(e.field("body"));
  if (t == "conditional_expression") {
    for (std::uint32_t i = 0; i < e.namedChildCount(); i += 2)
      if (!safe(e.namedChild(i))) return false;
    return true;
  }
  if (t == "ternary_expression") return safe(e.field("consequence")) && safe(e.field("alternative"));
  if (t == "boolean_operator") return safe(e.field("left")) && safe(e.field("right"));  // SORT.get(k) or "id"
  if (t == "binary_operator" || t == "binary_expression") {
    ts::Node op = e.child(1);
    std::string_view o = op ? op.text(src) : "";
    ts::Node l = e.field("left"), r = e.field("right");
    if (o == "*") return sec::isConstant(l, src, lang) || sec::isConstant(r, src, lang);  // ["?"] * n
    if (o == "+") return safe(l) && safe(r);
    // A fallback between safe values: `SORT[key] ?? SORT.newest`, `SORT[key] || "id"`.
    if (o == "??" || o == "||" || o == "&&") return safe(l) && safe(r);
    return o == "-" || o == "/" || o == "//";  // arithmetic yields a number
  }
  if (t == "composite_literal") {
    ts::Node body = e.field("body");
    for (std::uint32_t i = 0; body && i < body.namedChildCount(); ++i) {
      ts::Node el = body.namedChild(i);
      if (el.type() == "comment") continue;
      ts::Node v = el.type() == "literal_element" && el.namedChildCount() ? el.namedChild(0) : el;
      if (!safe(v)) return false;
    }
    return true;
  }
  if (t == "list" || t == "array" || t == "tuple" || t == "expression_list") {
    for (std::uint32_t i = 0; i < e.namedChildCount(); ++i)
      if (!safe(e.namedChild(i))) return false;
    return true;
  }
  if ((t == "string" || t == "template_string") && isInterpolatedString(e, lang)) {
    for (std::uint32_t i = 0; i < e.namedChildCount(); ++i) {
      ts::Node c = e.namedChild(i);
      if (c.type() == "interpolation" && !safe(c.field("expression"))) return false;
      if (c.type() == "template_substitution" && !(c.namedChildCount() && safe(c.namedChild(0)))) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

bool valueSafe(ts::Node expr, ts::Node scope, std::string_view src, core::Lang lang) {
  Walker w{scope, src, lang, {}, 0};
  return w.safe(expr);
}

}  // namespace agentlens::rules::sqlsafe
