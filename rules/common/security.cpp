// Helpers shared by the security rules (see security.hpp).
#include "rules/common/security.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "rules/common/syntax.hpp"

namespace agentlens::rules::sec {

using core::Lang;

std::string lowerCopy(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

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

bool mentionsRequestSource(std::string_view t, Lang lang) {
  static constexpr std::string_view kPy[] = {
      "request.args",  "request.json",         "request.form",        "request.get_json", "request.values",
      "request.data",  "request.files",        "request.GET",         "request.POST",     "request.body",
      "request.query_params", "request.path_params", "request.headers", "request.cookies", "request.match_info",
      "request.rel_url"};
  static constexpr std::string_view kJs[] = {
      "req.query", "req.body", "req.params", "req.headers", "req.cookies", "request.json()", "searchParams",
      "request.body", "ctx.query", "ctx.request.body", "ctx.params", "request.query", "request.params",
      "c.req.query", "c.req.param", "c.req.json", "formData()"};
  static constexpr std::string_view kGo[] = {
      "URL.Query()", ".FormValue(", ".PostFormValue(", ".PathValue(", "r.Form", "r.PostForm", "r.Body",
      "r.Header.Get(", "c.Param(", "c.Query(", "c.PostForm(", "c.DefaultQuery(", "c.GetQuery(", "mux.Vars(",
      "chi.URLParam(", "c.QueryParam(", "c.Params(", "c.BodyParser(", "ShouldBind"};
  auto any = [&](auto& list) {
    for (auto p : list)
      if (t.find(p) != std::string_view::npos) return true;
    return false;
  };
  if (lang == Lang::Python) return any(kPy);
  if (lang == Lang::Go) return any(kGo);
  return any(kJs);
}

namespace {

bool isIdentType(std::string_view t) {
  return t == "identifier" || t == "shorthand_property_identifier_pattern" || t == "shorthand_property_identifier";
}

void collectBound(ts::Node left, std::string_view src, std::vector<std::string>& out) {
  ts::walk(left, [&](ts::Node n) {
    if (isIdentType(n.type())) out.emplace_back(n.text(src));
    // JS `{ a: b }` patterns bind b, not a; keep it simple: both are added (harmless).
    return true;
  });
}

/// Python: a handler decorated with a route registration.
bool routeDecorated(ts::Node fn, std::string_view src) {
  ts::Node p = fn.parent();
  if (!p || p.type() != "decorated_definition") return false;
  for (std::uint32_t i = 0; i < p.namedChildCount(); ++i) {
    ts::Node d = p.namedChild(i);
    if (d.type() != "decorator") continue;
    std::string_view t = d.text(src);
    for (std::string_view m : {".route(", ".get(", ".post(", ".put(", ".patch(", ".delete(", ".api_route(",
                               ".websocket("})
      if (t.find(m) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> taintedNames(ts::Node fn, std::string_view src, Lang lang, bool routeHandler) {
  std::vector<std::string> out;
  if (!fn) return out;
  if (lang == Lang::Python && fn.type() == "function_definition" && (routeHandler || routeDecorated(fn, src))) {
    ts::Node params = fn.field("parameters");
    for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
      ts::Node p = params.namedChild(i);
      std::string_view pt = p.text(src);
      if (pt.find("Depends(") != std::string_view::npos || pt.find("Security(") != std::string_view::npos) continue;
      ts::Node id = p.type() == "identifier" ? p : p.namedChild(0);
      if (!id || id.type() != "identifier") continue;
      std::string_view name = id.text(src);
      if (name == "self" || name == "request" || name == "response" || name == "db" || name == "session" ||
          name == "background_tasks")
        continue;
      out.emplace_back(name);
    }
  }
  ts::Node body = fn.field("body");
  if (!body) return out;
  ts::walk(body, [&](ts::Node n) {
    auto t = n.type();
    ts::Node left, right;
    if (t == "assignment" || t == "augmented_assignment" || t == "assignment_expression" ||
        t == "short_var_declaration" || t == "assignment_statement") {
      left = n.field("left");
      right = n.field("right");
    } else if (t == "variable_declarator") {
      left = n.field("name");
      right = n.field("value");
    } else if (t == "for_statement" && lang == Lang::Python) {
      left = n.field("left");
      right = n.field("right");
    }
    if (left && right && exprTainted(right, src, lang, out)) collectBound(left, src, out);
    return !isFunctionNode(n, lang) || n == fn;
  });
  return out;
}

bool exprTainted(ts::Node expr, std::string_view src, Lang lang, const std::vector<std::string>& tainted) {
  if (!expr) return false;
  if (mentionsRequestSource(expr.text(src), lang)) return true;
  if (tainted.empty()) return false;
  return ts::anyDescendant(expr, [&](ts::Node n) {
    if (n.type() != "identifier") return false;
    // `obj.attr`: only the object part names a local.
    ts::Node p = n.parent();
    if (p && (p.type() == "attribute" || p.type() == "member_expression" || p.type() == "selector_expression") &&
        p.namedChild(0) != n)
      return false;
    auto name = n.text(src);
    return std::find(tainted.begin(), tainted.end(), name) != tainted.end();
  });
}

ts::Node localAssignment(ts::Node scope, std::string_view name, std::uint32_t before, std::string_view src,
                         Lang lang) {
  ts::Node found;
  ts::walk(scope, [&](ts::Node n) {
    if (n.startByte() >= before) return false;
    auto t = n.type();
    ts::Node left, right;
    if (t == "assignment" || t == "assignment_expression" || t == "short_var_declaration" ||
        t == "assignment_statement") {
      left = n.field("left");
      right = n.field("right");
    } else if (t == "variable_declarator") {
      left = n.field("name");
      right = n.field("value");
    } else if (t == "var_spec") {
      left = n.field("name");
      right = n.field("value");
    }
    if (left && right) {
      if (left.type() == "expression_list" && left.namedChildCount() == 1) left = left.namedChild(0);
      if (right.type() == "expression_list" && right.namedChildCount() == 1) right = right.namedChild(0);
      if (left.text(src) == name) found = right;
    }
    (void)lang;
    return true;
  });
  return found;
}

}  // namespace agentlens::rules::sec

namespace agentlens::rules::sec {

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

namespace agentlens::rules::sec {

namespace {
// True when ancestor `a` marks what is inside it as development-only: an `if` on a debug /
// development / testing condition (not negated), or a class named like DevelopmentConfig.
bool isDevelopmentGuard(ts::Node a, std::string_view src) {
  auto t = a.type();
  if (t == "if_statement") {
    ts::Node c = a.field("condition");
    std::string l = lowerCopy(c ? c.text(src) : "");
    // `if not DEBUG` / `!== "development"` guard the production path: not development-only.
    bool negated = l.starts_with("not ") || l.find("!=") != std::string::npos || l.starts_with("!");
    if (negated) return false;
    for (std::string_view w : {"debug", "development", "\"dev\"", "'dev'", "\"local\"", "'local'", "testing"})
      if (l.find(w) != std::string::npos) return true;
  } else if (t == "class_definition" || t == "class_declaration") {
    ts::Node n = a.field("name");
    std::string_view name = n ? n.text(src) : "";
    // Whole words only: DevelopmentConfig, TestSettings, local_settings — not DeviceController.
    std::string word;
    auto isDevWord = [](const std::string& w) {
      return w == "dev" || w == "development" || w == "test" || w == "testing" || w == "tests" || w == "local";
    };
    for (std::size_t i = 0; i <= name.size(); ++i) {
      char c = i < name.size() ? name[i] : '_';
      bool boundary = c == '_' || (std::isupper(static_cast<unsigned char>(c)) && !word.empty());
      if (boundary) {
        if (isDevWord(word)) return true;
        word.clear();
      }
      if (c != '_') word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return false;
}
}  // namespace

bool inDevelopmentOnlyCode(const RuleContext& ctx) {
  auto src = ctx.source();
  auto anc = ctx.ancestors();
  const std::uint64_t gen = NodeMemoScope::generation();
  if (gen == 0) {
    for (ts::Node a : anc)
      if (isDevelopmentGuard(a, src)) return true;
    return false;
  }
  // The answer is an OR over the ancestor chain. The traversal is pre-order, so consecutive calls
  // share a prefix of it: keep, per depth, the ancestor's id and the OR up to it, and evaluate
  // only the ancestors below the shared prefix.
  struct Level {
    const void* id;
    bool any;
  };
  thread_local std::vector<Level> memo;
  thread_local std::uint64_t memoGen = 0;
  if (memoGen != gen) {
    memo.clear();
    memoGen = gen;
  }
  std::size_t i = 0;
  while (i < memo.size() && i < anc.size() && memo[i].id == anc[i].raw().id) ++i;
  memo.resize(i);
  bool any = i ? memo[i - 1].any : false;
  for (; i < anc.size(); ++i) {
    any = any || isDevelopmentGuard(anc[i], src);
    memo.push_back({anc[i].raw().id, any});
  }
  return any;
}

}  // namespace agentlens::rules::sec
