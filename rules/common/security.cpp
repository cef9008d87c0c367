// Helpers shared by the security rules (see security.hpp): argument and option lookup, literal
// and constant tests, environment reads, module constants and small edits. Request-data taint is
// in security_taint.cpp, development-only code in security_dev_only.cpp.
#include "rules/common/security.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::sec {

using core::Lang;

std::string lowerCopy(std::string_view s) { return core::text::asciiLower(s); }

bool icontains(std::string_view hay, std::string_view needle) {
  return lowerCopy(hay).find(lowerCopy(needle)) != std::string::npos;
}

ts::Node unwrap(ts::Node n) {
  while (n && (n.type() == "parenthesized_expression" || n.type() == "literal_element") && n.namedChildCount() == 1)
    n = n.namedChild(0);
  return n;
}

ts::Node keywordArg(ts::Node args, std::string_view name, std::string_view src) {
  if (!args) return ts::Node();
  for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() == "keyword_argument" && a.field("name").text(src) == name) return a.field("value");
  }
  return ts::Node();
}

namespace {
bool isPositional(ts::Node a) {
  auto t = a.type();
  return t != "keyword_argument" && t != "comment" && t != "dictionary_splat" && t != "list_splat";
}
}  // namespace

ts::Node positionalArg(ts::Node args, std::uint32_t i) {
  if (!args) return ts::Node();
  std::uint32_t k = 0;
  for (std::uint32_t j = 0; j < args.namedChildCount(); ++j) {
    ts::Node a = args.namedChild(j);
    if (!isPositional(a)) continue;
    if (k++ == i) return a;
  }
  return ts::Node();
}

std::uint32_t positionalCount(ts::Node args) {
  std::uint32_t k = 0;
  if (!args) return 0;
  for (std::uint32_t j = 0; j < args.namedChildCount(); ++j)
    if (isPositional(args.namedChild(j))) ++k;
  return k;
}

namespace {
std::string_view keyText(ts::Node k, std::string_view src) {
  std::string_view t = k.text(src);
  if (t.size() >= 2 && (t.front() == '"' || t.front() == '\'' || t.front() == '`') && t.back() == t.front())
    return t.substr(1, t.size() - 2);
  return t;
}
}  // namespace

ts::Node objectProp(ts::Node object, std::string_view key, std::string_view src) {
  if (!object) return ts::Node();
  for (std::uint32_t i = 0; i < object.namedChildCount(); ++i) {
    ts::Node p = object.namedChild(i);
    if (p.type() == "pair" && keyText(p.field("key"), src) == key) return p.field("value");
    if (p.type() == "shorthand_property_identifier" && p.text(src) == key) return p;
  }
  return ts::Node();
}

ts::Node goField(ts::Node lv, std::string_view key, std::string_view src) {
  if (!lv) return ts::Node();
  for (std::uint32_t i = 0; i < lv.namedChildCount(); ++i) {
    ts::Node e = lv.namedChild(i);
    if (e.type() != "keyed_element" || e.namedChildCount() != 2) continue;
    if (keyText(unwrap(e.namedChild(0)), src) == key) return unwrap(e.namedChild(1));
  }
  return ts::Node();
}

ts::Node optionValue(ts::Node c, std::string_view key, std::string_view src, Lang lang) {
  if (!c) return ts::Node();
  if (lang == Lang::Go) return goField(c, key, src);
  if (lang == Lang::Python && c.type() == "argument_list") return keywordArg(c, key, src);
  if (lang == Lang::Python) {
    for (std::uint32_t i = 0; i < c.namedChildCount(); ++i) {
      ts::Node p = c.namedChild(i);
      if (p.type() == "pair" && keyText(p.field("key"), src) == key) return p.field("value");
    }
    return ts::Node();
  }
  return objectProp(c, key, src);
}

bool isTrue(ts::Node n) {
  n = unwrap(n);
  return n && (n.type() == "true");
}
bool isFalse(ts::Node n) {
  n = unwrap(n);
  return n && (n.type() == "false");
}

bool isConstantName(std::string_view name) {
  bool letter = false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (std::islower(u)) return false;
    if (std::isupper(u)) letter = true;
    else if (!std::isdigit(u) && c != '_') return false;
  }
  return letter;
}

bool isConstant(ts::Node root, std::string_view src, Lang lang) {
  // A conjunction over the operands, walked with an explicit stack: `1 + 1 + … + 1` or
  // `[[[…]]]` nested 100,000 deep must not overflow the call stack.
  std::vector<ts::Node> pending{root};
  while (!pending.empty()) {
    ts::Node n = unwrap(pending.back());
    pending.pop_back();
    if (!n) return false;
    auto t = n.type();
    if (stringLiteralValue(n, src, lang)) continue;
    if (t == "integer" || t == "float" || t == "number" || t == "int_literal" || t == "float_literal" ||
        t == "true" || t == "false" || t == "none" || t == "null" || t == "undefined" || t == "nil")
      continue;
    if (t == "concatenated_string") {
      for (std::uint32_t i = 0; i < n.namedChildCount(); ++i) pending.push_back(n.namedChild(i));
      continue;
    }
    if (t == "binary_operator" || t == "binary_expression") {
      pending.push_back(n.field("right"));
      pending.push_back(n.field("left"));
      continue;
    }
    if (t == "list" || t == "tuple" || t == "array") {
      for (std::uint32_t i = 0; i < n.namedChildCount(); ++i)
        if (n.namedChild(i).type() != "comment") pending.push_back(n.namedChild(i));
      continue;
    }
    return false;
  }
  return true;
}

bool readsEnv(ts::Node n, std::string_view src) {
  std::string_view t = n.text(src);
  for (std::string_view p : {"os.environ", "os.getenv", "process.env", "os.Getenv", "os.LookupEnv", "getenv(",
                             "Getenv(", "env(", "Env(", "config(", "import.meta.env", "settings."})
    if (t.find(p) != std::string_view::npos) return true;
  return false;
}

std::vector<std::string> moduleConstants(ts::Node root, std::string_view src, core::Lang lang) {
  std::vector<std::string> out;
  if (!root) return out;
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto t = n.type();
    if (lang == core::Lang::Python && t == "expression_statement" && n.namedChildCount() == 1) {
      ts::Node a = n.namedChild(0);
      if (a.type() == "assignment" && a.field("left").type() == "identifier" &&
          isConstant(a.field("right"), src, lang))
        out.emplace_back(a.field("left").text(src));
    } else if (core::isJsFamily(lang) && t == "lexical_declaration" && n.child(0).text(src) == "const") {
      for (std::uint32_t k = 0; k < n.namedChildCount(); ++k) {
        ts::Node d = n.namedChild(k);
        if (d.type() == "variable_declarator" && d.field("name").type() == "identifier" &&
            isConstant(d.field("value"), src, lang))
          out.emplace_back(d.field("name").text(src));
      }
    } else if (lang == core::Lang::Go && t == "const_declaration") {
      ts::walk(n, [&](ts::Node s) {
        if (s.type() == "const_spec")
          for (std::uint32_t k = 0; k < s.namedChildCount(); ++k)
            if (s.namedChild(k).type() == "identifier") out.emplace_back(s.namedChild(k).text(src));
        return s.type() != "const_spec";
      });
    }
  }
  return out;
}

}  // namespace agentlens::rules::sec

namespace agentlens::rules::sec {

core::TextEdit removeListItem(ts::Node item) {
  core::TextEdit e;
  ts::Node prev = item.prevNamedSibling(), next = item.nextNamedSibling();
  while (prev && prev.type() == "comment") prev = prev.prevNamedSibling();
  while (next && next.type() == "comment") next = next.nextNamedSibling();
  if (prev) e.range = {prev.endByte(), item.endByte()};
  else if (next) e.range = {item.startByte(), next.startByte()};
  else e.range = {item.startByte(), item.endByte()};
  return e;
}

core::TextEdit replaceNode(ts::Node n, std::string text) {
  core::TextEdit e;
  e.range = {n.startByte(), n.endByte()};
  e.text = std::move(text);
  return e;
}

}  // namespace agentlens::rules::sec
