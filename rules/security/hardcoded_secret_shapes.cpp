// hardcoded-secret shapes (see hardcoded_secret_shapes.hpp).
#include "rules/security/hardcoded_secret_shapes.hpp"

#include <algorithm>
#include <cctype>

#include "rules/common/syntax.hpp"

namespace agentlens::rules::secretshapes {

ts::Node byteSliceLiteral(ts::Node value, std::string_view src) {
  if (!value) return ts::Node();
  auto t = value.type();
  if ((t != "call_expression" && t != "type_conversion_expression") || !value.text(src).starts_with("[]byte("))
    return ts::Node();
  ts::Node found;
  ts::walk(value, [&](ts::Node n) {
    if (found) return false;
    if (n.type() == "interpreted_string_literal" || n.type() == "raw_string_literal") found = n;
    return !found;
  });
  return found;
}

namespace {
bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
}  // namespace

bool usedAsSigningKey(std::string_view name, std::string_view src) {
  if (name.size() < 3) return false;
  static constexpr std::string_view kSinks[] = {"[]byte(", "SignedString(", "jwt.sign(", "jwt.encode(", "jwt.verify(",
                                                "jwt.decode(", "secret:", "secret_key=", "secret=", "SECRET_KEY =",
                                                "secret_key =", "SigningKey:", "NewHMAC(", "hmac.New("};
  for (auto pos = src.find(name); pos != std::string_view::npos; pos = src.find(name, pos + 1)) {
    bool whole = (pos == 0 || (!identChar(src[pos - 1]) || src[pos - 1] == '.')) &&
                 (pos + name.size() >= src.size() || !identChar(src[pos + name.size()]));
    if (!whole) continue;
    auto lineStart = src.rfind('\n', pos);
    std::string_view before = src.substr(lineStart == std::string_view::npos ? 0 : lineStart + 1,
                                         pos - (lineStart == std::string_view::npos ? 0 : lineStart + 1));
    for (auto s : kSinks)
      if (before.find(s) != std::string_view::npos) return true;
  }
  return false;
}

bool literalComparison(ts::Node cmp, std::string_view src, core::Lang lang, ts::Node& nameSide, ts::Node& literal) {
  ts::Node l, r;
  std::string_view op;
  if (cmp.type() == "comparison_operator") {
    if (cmp.namedChildCount() != 2) return false;
    l = cmp.namedChild(0);
    r = cmp.namedChild(1);
    op = cmp.child(1) ? cmp.child(1).text(src) : "";
  } else if (cmp.type() == "binary_expression") {
    l = cmp.field("left");
    r = cmp.field("right");
    op = cmp.child(1) ? cmp.child(1).text(src) : "";
  }
  if (!l || !r || (op != "==" && op != "===" && op != "!=" && op != "!==")) return false;
  if (stringLiteralValue(r, src, lang)) {
    nameSide = l;
    literal = r;
  } else if (stringLiteralValue(l, src, lang)) {
    nameSide = r;
    literal = l;
  } else {
    return false;
  }
  auto t = nameSide.type();
  return t == "identifier" || t == "attribute" || t == "member_expression" || t == "selector_expression" ||
         t == "subscript" || t == "subscript_expression";
}

ts::Node hashedLiteralPassword(ts::Node call, std::string_view src, core::Lang lang) {
  std::string_view callee = calleeText(call, src);
  auto dot = callee.find_last_of('.');
  std::string_view name = dot == std::string_view::npos ? callee : callee.substr(dot + 1);
  static constexpr std::string_view kHashers[] = {"generate_password_hash", "make_password", "hashpw",
                                                  "GenerateFromPassword", "hashPassword", "hash_password"};
  static constexpr std::string_view kCalls[] = {"bcrypt.hash", "bcrypt.hashSync", "argon2.hash", "pwd_context.hash"};
  bool hasher = std::find(std::begin(kHashers), std::end(kHashers), name) != std::end(kHashers) ||
                std::find(std::begin(kCalls), std::end(kCalls), callee) != std::end(kCalls);
  if (!hasher) return ts::Node();
  ts::Node args = callArguments(call);
  ts::Node first = args && args.namedChildCount() ? args.namedChild(0) : ts::Node();
  if (!first) return ts::Node();
  if (ts::Node lit = byteSliceLiteral(first, src)) return lit;
  if (first.type() == "call" && first.text(src).ends_with(".encode()")) {  // "…".encode()
    ts::Node fn = first.field("function");
    ts::Node obj = fn ? fn.field("object") : ts::Node();
    if (obj && stringLiteralValue(obj, src, lang)) return obj;
  }
  return stringLiteralValue(first, src, lang) ? first : ts::Node();
}

/// Inside `if os.environ.get("GITHUB_WORKFLOW"):` (or `CI`, `GITHUB_ACTIONS`): settings for the
/// CI job's throwaway service containers, whose credentials the workflow file declares too.
bool inCiOnlyBranch(const RuleContext& ctx) {
  auto src = ctx.source();
  for (ts::Node a : ctx.ancestors()) {
    if (a.type() != "if_statement") continue;
    ts::Node c = a.field("condition");
    std::string_view cond = c ? c.text(src) : "";
    if (cond.starts_with("not ") || cond.starts_with("!") || cond.find("!=") != std::string_view::npos) continue;
    for (std::string_view w : {"GITHUB_WORKFLOW", "GITHUB_ACTIONS", "\"CI\"", "'CI'", "env.CI"})
      if (cond.find(w) != std::string_view::npos) return true;
  }
  return false;
}

bool inSessionCall(const RuleContext& ctx) {
  auto src = ctx.source();
  for (auto it = ctx.ancestors().rbegin(); it != ctx.ancestors().rend(); ++it) {
    if (it->type() == "call_expression") {
      auto c = calleeText(*it, src);
      return c == "session" || c == "expressSession" || c == "cookieSession" || c == "expressjwt" ||
             c == "jwt" || c.ends_with("Session");
    }
  }
  return false;
}

bool createsPrivilegedAccount(const RuleContext& ctx, std::string_view name) {
  std::string n;
  for (char ch : name) n += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (std::string_view w : {"admin", "root", "superuser"})
    if (n.find(w) != std::string::npos) return true;
  ts::Node fn = ctx.nearestAncestor({"function_definition", "function_declaration", "method_definition",
                                     "arrow_function", "function_expression", "method_declaration", "func_literal"});
  std::string_view body = fn ? fn.text(ctx.source()) : ctx.source();
  std::string squashed;  // lower case, no blanks: `isAdmin: true` -> `isadmin:true`
  for (char ch : body)
    if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') squashed += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static constexpr std::string_view kMarkers[] = {
      "isadmin:true", "is_admin=true", "isadmin=true", "is_admin:true", "is_superuser=true", "issuperuser:true",
      "create_superuser", "createsuperuser", "is_staff=true", "role:'admin'", "role:\"admin\"", "role='admin'",
      "role=\"admin\"", "role:role.admin", "role=role.admin", "role:\"superadmin\"", "role:'superadmin'"};
  for (std::string_view m : kMarkers)
    if (squashed.find(m) != std::string::npos) return true;
  return false;
}

std::pair<ts::Node, ts::Node> bindingParts(ts::Node node) {
  ts::Node nameNode, valueNode;
  auto type = node.type();
  if (type == "assignment" || type == "assignment_expression") {
    nameNode = node.field("left");
    valueNode = node.field("right");
  } else if (type == "keyword_argument" || type == "default_parameter" || type == "typed_default_parameter") {
    nameNode = node.field("name");
    valueNode = node.field("value");
  } else if (type == "pair") {
    nameNode = node.field("key");
    valueNode = node.field("value");
  } else if (type == "variable_declarator" || type == "public_field_definition") {
    nameNode = node.field("name");
    valueNode = node.field("value");
  } else if (type == "assignment_pattern") {
    nameNode = node.field("left");
    valueNode = node.field("right");
  } else if (type == "const_spec" || type == "var_spec") {
    nameNode = node.field("name");
    ts::Node v = node.field("value");
    if (v && v.namedChildCount() == 1) valueNode = v.namedChild(0);
  } else if (type == "short_var_declaration" || type == "assignment_statement") {
    ts::Node l = node.field("left"), r = node.field("right");
    if (l && r && l.namedChildCount() == 1 && r.namedChildCount() == 1) {
      nameNode = l.namedChild(0);
      valueNode = r.namedChild(0);
    }
  } else if (type == "keyed_element") {
    if (node.namedChildCount() == 2) {
      nameNode = node.namedChild(0);
      valueNode = node.namedChild(1);
      if (nameNode.namedChildCount() == 1) nameNode = nameNode.namedChild(0);
      if (valueNode.namedChildCount() == 1) valueNode = valueNode.namedChild(0);
    }
  }
  return {nameNode, valueNode};
}

}  // namespace agentlens::rules::secretshapes
