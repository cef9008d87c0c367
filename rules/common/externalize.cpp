// "Externalize to environment variable": name derivation, per-language lookups and helpers, and
// the .env.example entry. See externalize.hpp for the idioms.
#include "rules/common/externalize.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/urls.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

// ---------------------------------------------------------------- small text helpers

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool endsWithAny(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  for (auto x : suffixes)
    // s is x, or ends with "_" + x (compared in place: no temporary string; the concatenation
    // also drew a false -Wrestrict from g++ 12 at -O3).
    if (s == x || (s.size() > x.size() && s.ends_with(x) && s[s.size() - x.size() - 1] == '_')) return true;
  return false;
}

bool isOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

/// A valid variable name: [A-Z0-9_], not starting with a digit.
std::string sanitize(std::string name) {
  if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0]))) name = "ENV_" + name;
  return name;
}

bool isStringNode(ts::Node n, Lang lang) {
  auto t = n.type();
  if (lang == Lang::Go) return t == "interpreted_string_literal" || t == "raw_string_literal";
  if (core::isJsFamily(lang)) return t == "string" || t == "template_string";
  return t == "string";
}

bool isNumberNode(ts::Node n, Lang lang) {
  auto t = n.type();
  if (lang == Lang::Go) return t == "int_literal" || t == "float_literal";
  if (core::isJsFamily(lang)) return t == "number";
  return t == "integer" || t == "float";
}

bool isFloatText(std::string_view s) {
  if (s.starts_with("0x") || s.starts_with("0X")) return false;
  return s.find_first_of(".eE") != std::string_view::npos;
}

bool isDecimalInt(std::string_view s) {
  if (s.empty()) return false;
  if (s.size() > 1 && s[0] == '0' && std::isalpha(static_cast<unsigned char>(s[1]))) return false;  // 0x, 0o, 0b
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '_'; });
}

/// Double-quoted string literal (no escapes needed for the values we write: names and digits).
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// A short service name from a URL: the docker-compose service (`http://payments:9000`), the
/// first label of a cluster-internal name, the registrable name of a public host
/// (`api.mailgun.net` → MAILGUN), or the first path segment of a localhost URL.
std::string serviceLabel(std::string_view value) {
  UrlParts u = parseUrl(value);
  if (u.host.empty()) return "";
  if (isLocalOrIp(u.host)) {
    std::string_view p = u.path;
    while (!p.empty() && p.front() == '/') p.remove_prefix(1);
    std::string_view seg = p.substr(0, p.find('/'));
    bool word = seg.size() >= 3 && std::all_of(seg.begin(), seg.end(), [](char c) {
                  return std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                });
    if (word && !isOneOf(lower(seg), {"api", "rest", "graphql", "internal"})) return screamingSnake(seg);
    return "";
  }
  std::vector<std::string_view> labels;
  std::string_view h = u.host;
  for (std::size_t pos = 0;;) {
    auto dot = h.find('.', pos);
    labels.push_back(h.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos));
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  if (labels.size() == 1) return screamingSnake(labels[0]);
  for (auto l : labels)  // cluster-internal names: the service is the first label
    if (isOneOf(l, {"local", "internal", "svc", "lan", "cluster", "localhost", "corp", "intra"}))
      return screamingSnake(labels[0]);
  labels.pop_back();  // the TLD
  if (labels.size() > 1 && isOneOf(labels.back(), {"co", "com", "org", "net", "gov", "ac"})) labels.pop_back();
  return screamingSnake(labels.back());
}

// ---------------------------------------------------------------- the literal's context

struct Context {
  std::string rawName;       ///< binding / key / keyword / field name as written ("" if none)
  std::string callee;        ///< call or composite-literal type the value is passed to ("" if none)
  std::string durationUnit;  ///< Go: SECONDS / MS / MINUTES when the literal multiplies a time unit
  ts::Node goConst;          ///< Go: the const_declaration holding the literal
};

std::string calleeOf(ts::Node call, std::string_view src) {
  if (!call) return "";
  auto t = call.type();
  if (t == "new_expression") return std::string(call.field("constructor").text(src));
  if (t == "composite_literal") return std::string(call.field("type").text(src));
  if (t == "call" || t == "call_expression") return std::string(calleeText(call, src));
  return "";
}

/// The name a binding target spells: identifier, attribute/property, or a string subscript key.
std::string targetName(ts::Node n, std::string_view src, Lang lang) {
  if (!n) return "";
  auto t = n.type();
  if (t == "identifier" || t == "property_identifier" || t == "field_identifier" ||
      t == "shorthand_property_identifier" || t == "private_property_identifier" || t == "type_identifier")
    return std::string(n.text(src));
  if (t == "attribute") return std::string(n.field("attribute").text(src));
  if (t == "member_expression") return std::string(n.field("property").text(src));
  if (t == "selector_expression") return std::string(n.field("field").text(src));
  if (t == "subscript" || t == "subscript_expression") {
    ts::Node idx = n.field(lang == Lang::Python ? "subscript" : "index");
    if (idx)
      if (auto v = stringLiteralValue(idx, src, lang)) return std::string(*v);
    return "";
  }
  if (t == "literal_element" && n.namedChildCount() == 1) return targetName(n.namedChild(0), src, lang);
  if (t == "expression_list" && n.namedChildCount() == 1) return targetName(n.namedChild(0), src, lang);
  if (auto v = stringLiteralValue(n, src, lang)) return std::string(*v);  // {"api_url": "..."}
  return "";
}

std::string goDurationUnit(std::string_view sel) {
  if (sel == "time.Second") return "SECONDS";
  if (sel == "time.Millisecond") return "MS";
  if (sel == "time.Minute") return "MINUTES";
  if (sel == "time.Hour") return "HOURS";
  return "";
}

Context contextOf(const core::ParsedFile& file, ts::Node literal) {
  Context c;
  auto src = file.source();
  Lang lang = file.lang;
  ts::Node cur = literal;
  ts::Node p = cur.parent();
  // Climb through wrappers that do not change what the value is.
  while (p) {
    auto t = p.type();
    if (t == "parenthesized_expression" || (lang == Lang::Go && (t == "expression_list" || t == "literal_element"))) {
      cur = p;
      p = p.parent();
      continue;
    }
    if (lang == Lang::Go && t == "binary_expression" && p.field("operator").text(src) == "*") {
      ts::Node other = p.field("left") == cur ? p.field("right") : p.field("left");
      std::string unit = goDurationUnit(other.text(src));
      if (!unit.empty()) {
        c.durationUnit = unit;
        cur = p;
        p = p.parent();
        continue;
      }
    }
    break;
  }
  if (!p) return c;
  auto t = p.type();
  // The enclosing call of an argument list (positional or keyword/object argument).
  auto callOfArgs = [&](ts::Node args) -> ts::Node {
    if (!args) return ts::Node();
    auto at = args.type();
    if (at == "argument_list" || at == "arguments") return args.parent();
    return ts::Node();
  };
  if (t == "assignment" || t == "assignment_expression" || t == "assignment_pattern" || t == "augmented_assignment") {
    if (p.field("right") == cur) c.rawName = targetName(p.field("left"), src, lang);
  } else if (t == "keyword_argument") {
    c.rawName = std::string(p.field("name").text(src));
    c.callee = calleeOf(callOfArgs(p.parent()), src);
  } else if (t == "default_parameter" || t == "typed_default_parameter" || t == "variable_declarator" ||
             t == "public_field_definition" || t == "field_definition") {
    c.rawName = targetName(p.field("name"), src, lang);
    if (c.rawName.empty()) c.rawName = targetName(p.field("property"), src, lang);
  } else if (t == "pair") {
    c.rawName = targetName(p.field("key"), src, lang);
    ts::Node obj = p.parent();  // dictionary / object, possibly nested one level ({pool: {max: 5}})
    ts::Node up = obj ? obj.parent() : ts::Node();
    if (up && up.type() == "pair" && up.parent()) up = up.parent().parent();
    c.callee = calleeOf(callOfArgs(up), src);
  } else if (t == "keyed_element") {
    if (p.namedChildCount() == 2) c.rawName = targetName(p.namedChild(0), src, lang);
    ts::Node lv = p.parent();  // literal_value
    if (lv && lv.parent()) c.callee = calleeOf(lv.parent(), src);
  } else if (t == "const_spec" || t == "var_spec") {
    c.rawName = targetName(p.field("name"), src, lang);
    if (t == "const_spec") c.goConst = p.parent();
  } else if (t == "short_var_declaration" || t == "assignment_statement") {
    ts::Node left = p.field("left");
    if (left && left.namedChildCount() == 1) c.rawName = targetName(left.namedChild(0), src, lang);
  } else if (t == "argument_list" || t == "arguments") {
    c.callee = calleeOf(p.parent(), src);
  }
  return c;
}

// ---------------------------------------------------------------- names

std::string lastSegment(std::string_view callee) {
  auto dot = callee.find_last_of('.');
  return std::string(dot == std::string_view::npos ? callee : callee.substr(dot + 1));
}

enum class Domain { None, Http, Db };

std::vector<std::string> tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string snake = screamingSnake(s);
  std::size_t pos = 0;
  while (pos <= snake.size()) {
    auto us = snake.find('_', pos);
    std::string t = snake.substr(pos, us == std::string::npos ? std::string::npos : us - pos);
    if (!t.empty()) out.push_back(t);
    if (us == std::string::npos) break;
    pos = us + 1;
  }
  return out;
}

/// What a tunable configures, from the words of its callee (or composite type) and its name.
Domain domainOf(std::string_view callee, std::string_view name) {
  auto ct = tokens(callee);
  auto has = [&](const std::vector<std::string>& ts, std::initializer_list<std::string_view> words) {
    return std::any_of(ts.begin(), ts.end(), [&](const std::string& t) { return isOneOf(t, words); });
  };
  if (has(ct, {"SERVER", "LISTEN", "SERVE"})) return Domain::None;
  if (has(ct, {"REQUESTS", "HTTPX", "AIOHTTP", "FETCH", "AXIOS", "URLOPEN", "GOT", "KY", "HTTP", "HTTPS", "SESSION"}))
    return Domain::Http;
  if (has(ct, {"ENGINE", "POOL", "SQL", "DB", "CONNECT", "SEQUELIZE", "MONGO", "MONGOOSE", "MONGODB", "PRISMA",
               "REDIS", "KNEX", "GORM", "PGX", "PGXPOOL", "POSTGRES", "PSYCOPG2", "MYSQL", "DATABASE", "SQLX"}))
    return Domain::Db;
  if (has(tokens(name), {"POOL", "CONNS", "CONNECTIONS"})) return Domain::Db;
  return Domain::None;
}

std::string connectionName(std::string n, std::string_view value) {
  static constexpr std::array kGeneric{"SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_DATABASE_URL", "DATABASE_URI",
                                       "DATABASE", "DB", "DB_URL", "DB_URI", "DSN", "DB_DSN", "DATABASE_DSN",
                                       "CONNECTION_STRING", "CONN_STR", "CONN_STRING", "CONNECTION", "CONN",
                                       "DB_CONNECTION", "DB_CONNECTION_STRING", "URL", "URI", "DATABASE_URL",
                                       "CONNECTION_URL", "CONNECTION_URI", "HOST", "ADDR", "ADDRESS", "OPTIONS"};
  std::string scheme = parseUrl(value).scheme;
  std::string byScheme = "DATABASE_URL";
  if (scheme.starts_with("redis")) byScheme = "REDIS_URL";
  else if (scheme.starts_with("mongodb")) byScheme = "MONGODB_URI";
  else if (scheme.starts_with("amqp")) byScheme = "AMQP_URL";
  if (n.empty() || std::find(kGeneric.begin(), kGeneric.end(), n) != kGeneric.end()) return byScheme;
  if (endsWithAny(n, {"URL", "URI", "DSN"})) return n;
  if (endsWithAny(n, {"CONNECTION_STRING", "CONN_STR", "CONNECTION"})) return n;
  return n + "_URL";
}

std::string endpointName(std::string n, std::string_view value, std::string_view callee) {
  bool generic = n.empty() || isOneOf(n, {"URL", "URI", "BASE_URL", "BASE_URI", "BASE", "ENDPOINT", "HOST", "ADDR",
                                          "ADDRESS", "TARGET", "SERVER", "SERVER_URL", "REMOTE", "PREFIX_URL"});
  if (generic) {
    std::string label = serviceLabel(value);
    if (label.empty() && !callee.empty()) {  // redis.Redis(host="10.0.3.12") → REDIS_HOST
      std::string first = screamingSnake(callee.substr(0, callee.find_first_of(".(")));
      if (!isOneOf(first, {"REQUESTS", "HTTPX", "AXIOS", "FETCH", "HTTP", "GOT", "KY", "URLLIB", "AIOHTTP", "CLIENT",
                           "SESSION", "SELF", "THIS", "GRPC", "NEW"}))
        label = first;
    }
    if (label.empty()) return n.empty() ? "SERVICE_URL" : "SERVICE_" + n;
    n = label + "_" + (n.empty() ? "URL" : n);
  }
  if (!endsWithAny(n, {"URL", "URI", "ENDPOINT", "HOST", "ADDR", "ADDRESS", "DSN"})) n += "_URL";
  return n;
}

std::string tunableName(std::string n, const Context& c, Lang lang) {
  if (n.empty()) n = screamingSnake(lastSegment(c.callee));
  if (n.starts_with("SET_")) n = n.substr(4);  // SetMaxOpenConns → MAX_OPEN_CONNS
  if (n.starts_with("WITH_")) n = n.substr(5);
  if (n.empty()) n = "LIMIT";
  switch (domainOf(c.callee, c.rawName)) {
    case Domain::Http:
      if (n == "TIMEOUT") n = "REQUEST_TIMEOUT";
      else if (!n.starts_with("HTTP_") && !n.starts_with("REQUEST_")) n = "HTTP_" + n;
      break;
    case Domain::Db:
      if (n == "MAX" || n == "MIN") n = "POOL_" + n;
      if (!n.starts_with("DB_") && !n.starts_with("DATABASE_")) n = "DB_" + n;
      break;
    case Domain::None:
      break;
  }
  if (!c.durationUnit.empty() && !n.ends_with("_" + c.durationUnit)) n += "_" + c.durationUnit;
  // JavaScript timeouts are milliseconds by convention: say so in the name.
  if (core::isJsFamily(lang) && n.ends_with("TIMEOUT")) n += "_MS";
  return n;
}

std::string literalValue(const core::ParsedFile& file, ts::Node literal) {
  if (auto v = stringLiteralValue(literal, file.source(), file.lang)) return std::string(*v);
  return std::string(literal.text(file.source()));
}

// ---------------------------------------------------------------- helpers inserted once per file

constexpr std::string_view kJsHelper =
    "function requiredEnv(name) {\n"
    "  const value = process.env[name];\n"
    "  if (!value) throw new Error(`Missing required environment variable ${name}`);\n"
    "  return value;\n"
    "}\n";
constexpr std::string_view kTsHelper =
    "function requiredEnv(name: string): string {\n"
    "  const value = process.env[name];\n"
    "  if (!value) throw new Error(`Missing required environment variable ${name}`);\n"
    "  return value;\n"
    "}\n";
constexpr std::string_view kGoMustEnv =
    "// mustEnv returns a required environment variable and stops the program when it is unset.\n"
    "func mustEnv(name string) string {\n"
    "\tv := os.Getenv(name)\n"
    "\tif v == \"\" {\n"
    "\t\tpanic(\"missing required environment variable \" + name)\n"
    "\t}\n"
    "\treturn v\n"
    "}\n";
constexpr std::string_view kGoEnvOr =
    "// envOr returns an environment variable, or def when it is unset.\n"
    "func envOr(name, def string) string {\n"
    "\tif v := os.Getenv(name); v != \"\" {\n"
    "\t\treturn v\n"
    "\t}\n"
    "\treturn def\n"
    "}\n";
constexpr std::string_view kGoEnvInt =
    "// envInt returns an integer environment variable, or def when it is unset; a malformed value\n"
    "// stops the program.\n"
    "func envInt(name string, def int) int {\n"
    "\tv := os.Getenv(name)\n"
    "\tif v == \"\" {\n"
    "\t\treturn def\n"
    "\t}\n"
    "\tn, err := strconv.Atoi(v)\n"
    "\tif err != nil {\n"
    "\t\tpanic(\"environment variable \" + name + \" must be an integer: \" + err.Error())\n"
    "\t}\n"
    "\treturn n\n"
    "}\n";

core::TextEdit insertAt(std::uint32_t at, std::string text) {
  core::TextEdit e;
  e.range = {at, at};
  e.text = std::move(text);
  return e;
}

std::uint32_t afterLine(std::string_view src, std::uint32_t offset) {
  while (offset < src.size() && src[offset] != '\n') ++offset;
  return offset < src.size() ? offset + 1 : offset;
}

/// True when a top-level declaration (function, binding or import) of `name` exists.
bool declaresTopLevel(const core::ParsedFile& file, std::string_view name) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto t = n.type();
    if (t == "export_statement" && n.field("declaration")) {
      n = n.field("declaration");
      t = n.type();
    }
    if (t == "function_declaration" && n.field("name").text(src) == name) return true;
    if (t == "lexical_declaration" || t == "variable_declaration" || t == "import_statement") {
      bool found = false;
      ts::walk(n, [&](ts::Node c) {
        if (found) return false;
        auto ct = c.type();
        if (ct == "statement_block" || ct == "arguments" || ct == "arrow_function" || ct == "function_expression")
          return false;
        if ((ct == "identifier" || ct == "shorthand_property_identifier_pattern") && c.text(src) == name) found = true;
        return !found;
      });
      if (found) return true;
    }
  }
  return false;
}

bool isRequireDeclaration(ts::Node n, std::string_view src) {
  auto t = n.type();
  if (t != "lexical_declaration" && t != "variable_declaration") return false;
  return ts::anyDescendant(n, [&](ts::Node c) {
    return c.type() == "call_expression" && (calleeText(c, src) == "require" || calleeText(c, src) == "import");
  });
}

/// A leading comment that belongs to the file, not to the statement below it: followed by a blank
/// line, another comment or an import.
bool isBanner(ts::Node comment, std::string_view src) {
  ts::Node next = comment.nextNamedSibling();
  if (!next) return true;
  if (next.type() == "comment" || next.type() == "import_statement" || isRequireDeclaration(next, src)) return true;
  std::string_view gap = src.substr(comment.endByte(), next.startByte() - comment.endByte());
  return gap.find("\n\n") != std::string_view::npos || gap.find("\n\r\n") != std::string_view::npos;
}

/// JS/TS: the helper goes after the top-of-file imports/requires (or directives and the leading
/// comment banner when there are none).
core::TextEdit jsHelperEdit(const core::ParsedFile& file) {
  auto src = file.source();
  ts::Node root = file.tree.root();
  std::uint32_t at = 0;
  bool sawImport = false;
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    auto t = n.type();
    bool directive = t == "expression_statement" && n.namedChildCount() == 1 && n.namedChild(0).type() == "string";
    if (t == "import_statement" || isRequireDeclaration(n, src)) {
      at = afterLine(src, n.endByte());
      sawImport = true;
      continue;
    }
    if (t == "hash_bang_line" || directive || (t == "comment" && !sawImport && isBanner(n, src))) {
      at = afterLine(src, n.endByte());
      continue;
    }
    if (t == "comment") continue;
    break;
  }
  std::string_view helper = file.lang == Lang::JavaScript ? kJsHelper : kTsHelper;
  std::string lead = (at > 0 && at == src.size() && src.back() != '\n') ? "\n" : "";
  if (at == 0) return insertAt(0, std::string(helper) + "\n");
  return insertAt(at, lead + "\n" + std::string(helper));
}

/// Go: `import` edits for every missing path, merged so that they never overlap.
std::vector<core::TextEdit> goImports(const core::ParsedFile& file, const std::vector<std::string_view>& paths) {
  std::vector<std::string_view> missing;
  for (auto p : paths)
    if (!goEnsureImport(file, p).empty()) missing.push_back(p);
  if (missing.empty()) return {};
  if (missing.size() == 1) return goEnsureImport(file, missing[0]);
  auto src = file.source();
  ts::Node root = file.tree.root();
  ts::Node pkg, lastDecl;
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node n = root.namedChild(i);
    if (n.type() == "package_clause") pkg = n;
    if (n.type() == "import_declaration") lastDecl = n;
  }
  bool hasList = false;
  for (std::uint32_t k = 0; lastDecl && k < lastDecl.namedChildCount(); ++k)
    if (lastDecl.namedChild(k).type() == "import_spec_list") hasList = true;
  if (hasList) {  // every edit is an insertion into the list
    std::vector<core::TextEdit> edits;
    for (auto p : missing)
      for (auto& e : goEnsureImport(file, p)) edits.push_back(std::move(e));
    mergeInsertions(edits);
    return edits;
  }
  std::vector<std::string> specs;
  for (auto p : missing) specs.push_back(quoted(p));
  if (lastDecl) specs.emplace_back(lastDecl.namedChild(0).text(src));
  std::sort(specs.begin(), specs.end(), [](const std::string& a, const std::string& b) {
    auto key = [](const std::string& s) { return s.substr(s.find('"')); };
    return key(a) < key(b);
  });
  std::string block = "import (\n";
  for (auto& s : specs) block += "\t" + s + "\n";
  block += ")";
  if (lastDecl) {
    core::TextEdit e;
    e.range = {lastDecl.startByte(), lastDecl.endByte()};
    e.text = block;
    return {e};
  }
  return {insertAt(pkg ? pkg.endByte() : 0, "\n\n" + block)};
}

/// Go: the helper function appended at the end of the file.
core::TextEdit goHelperEdit(const core::ParsedFile& file, std::string_view helper) {
  auto src = file.source();
  std::string lead = src.empty() || src.back() == '\n' ? "\n" : "\n\n";
  return insertAt(static_cast<std::uint32_t>(src.size()), lead + std::string(helper));
}

/// JS: a replacement that is a binary expression needs parentheses unless its parent takes a
/// whole expression.
bool jsNeedsParens(ts::Node literal) {
  ts::Node p = literal.parent();
  if (!p) return false;
  return !isOneOf(p.type(), {"arguments", "pair", "variable_declarator", "assignment_expression", "array",
                             "return_statement", "expression_statement", "parenthesized_expression",
                             "template_substitution", "assignment_pattern", "public_field_definition",
                             "jsx_expression", "field_definition", "spread_element"});
}

bool goNeedsParens(ts::Node literal) {
  ts::Node p = literal.parent();
  if (!p) return false;
  return !isOneOf(p.type(), {"argument_list", "literal_element", "expression_list", "keyed_element",
                             "return_statement", "parenthesized_expression", "var_spec", "const_spec"});
}

std::string parens(std::string s, bool need) { return need ? "(" + s + ")" : s; }

bool requiredKind(EnvValueKind kind, bool keepDefault) {
  switch (kind) {
    case EnvValueKind::Secret:
    case EnvValueKind::Required:
    case EnvValueKind::ConnectionString:
      return true;
    case EnvValueKind::Endpoint:
      return !keepDefault;
    case EnvValueKind::Port:
    case EnvValueKind::Tunable:
      return false;
  }
  return true;
}

/// A port written as a string: "8080", ":8080", "0.0.0.0:8080" → (prefix incl. ':', digits).
std::optional<std::pair<std::string, std::string>> splitPort(std::string_view v) {
  auto colon = v.rfind(':');
  std::string_view digits = colon == std::string_view::npos ? v : v.substr(colon + 1);
  if (!isDecimalInt(digits)) return std::nullopt;
  std::string prefix = colon == std::string_view::npos ? "" : std::string(v.substr(0, colon + 1));
  return std::make_pair(prefix, std::string(digits));
}

}  // namespace

// ---------------------------------------------------------------- public API

std::string deriveEnvName(const core::ParsedFile& file, ts::Node literal, EnvValueKind kind) {
  Context c = contextOf(file, literal);
  std::string n = screamingSnake(c.rawName);
  std::string value = literalValue(file, literal);
  switch (kind) {
    case EnvValueKind::Secret:
      if (n.empty()) n = "SECRET";
      break;
    case EnvValueKind::Required:
      if (n.empty()) n = c.callee.empty() ? "CONFIG_VALUE" : screamingSnake(lastSegment(c.callee));
      break;
    case EnvValueKind::ConnectionString:
      n = connectionName(n, value);
      break;
    case EnvValueKind::Endpoint:
      n = endpointName(n, value, c.callee);
      break;
    case EnvValueKind::Port:
      if (n.find("PORT") == std::string::npos) n = "PORT";
      break;
    case EnvValueKind::Tunable:
      n = tunableName(n, c, file.lang);
      break;
  }
  return sanitize(n);
}

std::string envExampleValue(std::string_view value, EnvValueKind kind) {
  std::string out;
  switch (kind) {
    case EnvValueKind::Secret:
    case EnvValueKind::Required:
      return "";
    case EnvValueKind::Port:
      if (auto sp = splitPort(value)) out = sp->second;  // ":8080" → 8080: the variable holds the number
      else out = std::string(value);
      break;
    case EnvValueKind::Tunable:
      out = std::string(value);
      break;
    case EnvValueKind::Endpoint: {
      UrlParts u = parseUrl(value);
      if (u.scheme.empty()) {
        out = std::string(value.substr(0, value.find_first_of("?#")));
        auto at = out.find('@');
        if (at != std::string::npos) out = out.substr(at + 1);
      } else {
        out = u.scheme + "://" + u.host + (u.port.empty() ? "" : ":" + u.port) + u.path;
      }
      break;
    }
    case EnvValueKind::ConnectionString: {
      if (value.find("://") != std::string_view::npos) {
        UrlParts u = parseUrl(value);
        out = u.scheme + "://" + (u.userinfo.empty() ? "" : "user:password@") + u.host +
              (u.port.empty() ? "" : ":" + u.port) + u.path;
      } else if (value.find('=') != std::string_view::npos) {
        // key=value DSN (libpq "host=… password=…", ADO "Server=…;Password=…"): redact secrets.
        std::string v(value);
        const char* seps = v.find(';') != std::string::npos ? ";" : " ";
        std::size_t pos = 0;
        while (pos < v.size()) {
          auto eq = v.find('=', pos);
          if (eq == std::string::npos) break;
          std::size_t ks = v.find_last_of(seps, eq);
          ks = ks == std::string::npos ? 0 : ks + 1;
          std::string key = lower(std::string_view(v).substr(ks, eq - ks));
          while (!key.empty() && key.front() == ' ') key.erase(0, 1);
          std::size_t ve = v.find_first_of(seps, eq + 1);
          if (ve == std::string::npos) ve = v.size();
          if (key.find("password") != std::string::npos || key == "pwd" || key == "user" || key == "user id" ||
              key == "uid" || key == "username") {
            std::string repl = key.find("p") == 0 ? "password" : "user";
            v.replace(eq + 1, ve - eq - 1, repl);
            ve = eq + 1 + repl.size();
          }
          pos = ve + 1;
        }
        out = v;
      } else if (auto at = value.rfind('@'); at != std::string_view::npos) {
        out = "user:password@" + std::string(value.substr(at + 1));  // Go mysql: user:pw@tcp(host)/db
      } else {
        out = std::string(value);
      }
      auto q = out.find('?');
      if (q != std::string::npos && value.find("://") != std::string_view::npos) out = out.substr(0, q);
      break;
    }
  }
  if (out.find_first_of(" #\"'") != std::string::npos) {
    std::string q = "\"";
    for (char ch : out) {
      if (ch == '"' || ch == '\\') q += '\\';
      q += ch;
    }
    out = q + "\"";
  }
  return out;
}

std::optional<core::Fix> externalizeFix(const core::ParsedFile& file, ts::Node literal, EnvValueKind kind,
                                        const ExternalizeOptions& opts) {
  if (!file.tree.valid() || !literal) return std::nullopt;
  Lang lang = file.lang;
  auto src = file.source();
  bool isString = isStringNode(literal, lang);
  bool isNumber = isNumberNode(literal, lang);
  if (!isString && !isNumber) return std::nullopt;
  if (isString && !stringLiteralValue(literal, src, lang)) return std::nullopt;  // interpolated
  std::string value = literalValue(file, literal);
  std::string name = opts.name.empty() ? deriveEnvName(file, literal, kind) : opts.name;
  std::string_view written = literal.text(src);
  bool required = requiredKind(kind, opts.keepDefault);

  core::Fix fix;
  fix.title = "Externalize to environment variable " + name + " (and list it in .env.example)";
  fix.applicability = core::Applicability::Unsafe;
  std::vector<core::TextEdit> edits;
  std::string replacement;
  std::optional<core::TextEdit> helper;

  if (lang == Lang::Python) {
    edits = pythonEnsureImport(file, "os");
    std::string get = "os.environ.get(" + quoted(name) + ", ";
    if (required) {
      replacement = "os.environ[" + quoted(name) + "]";
    } else if (isNumber) {
      if (!isDecimalInt(value) && !isFloatText(value)) return std::nullopt;
      replacement = std::string(isFloatText(value) ? "float(" : "int(") + get + quoted(value) + "))";
    } else if (kind == EnvValueKind::Port) {
      auto sp = splitPort(value);
      if (!sp) return std::nullopt;
      if (sp->first.empty()) replacement = get + quoted(sp->second) + ")";
      else replacement = "f\"" + sp->first + "{os.environ.get('" + name + "', '" + sp->second + "')}\"";
    } else {
      replacement = get + std::string(written) + ")";
    }
  } else if (core::isJsFamily(lang)) {
    if (required) {
      replacement = "requiredEnv(" + quoted(name) + ")";
      if (!declaresTopLevel(file, "requiredEnv")) helper = jsHelperEdit(file);
    } else if (isNumber) {
      replacement = parens("Number(process.env." + name + ") || " + std::string(written), jsNeedsParens(literal));
    } else if (kind == EnvValueKind::Port) {
      auto sp = splitPort(value);
      if (!sp) return std::nullopt;
      if (sp->first.empty()) replacement = parens("process.env." + name + " || " + std::string(written), jsNeedsParens(literal));
      else replacement = "`" + sp->first + "${process.env." + name + " || " + quoted(sp->second) + "}`";
    } else {
      replacement = parens("process.env." + name + " || " + std::string(written), jsNeedsParens(literal));
    }
  } else if (lang == Lang::Go) {
    // A const cannot hold a call: a lone `const x = …` becomes a var; groups get no fix.
    Context c = contextOf(file, literal);
    for (ts::Node a = literal.parent(); a; a = a.parent()) {
      if (a.type() == "const_declaration") {
        bool group = false;
        std::uint32_t specs = 0;
        for (std::uint32_t i = 0; i < a.childCount(); ++i) {
          if (a.child(i).type() == "(") group = true;
          if (a.child(i).type() == "const_spec") ++specs;
        }
        if (group || specs != 1) return std::nullopt;
        core::TextEdit kw;
        kw.range = {a.child(0).startByte(), a.child(0).endByte()};
        kw.text = "var";
        edits.push_back(kw);
        break;
      }
      if (isFunctionNode(a, lang)) break;
    }
    std::vector<std::string_view> imports{"os"};
    std::string_view helperName, helperText;
    if (required) {
      replacement = "mustEnv(" + quoted(name) + ")";
      helperName = "mustEnv";
      helperText = kGoMustEnv;
    } else if (isNumber) {
      if (!isDecimalInt(value)) return std::nullopt;  // floats and hex: no integer helper fits
      replacement = "envInt(" + quoted(name) + ", " + std::string(written) + ")";
      if (!c.durationUnit.empty()) replacement = "time.Duration(" + replacement + ")";
      helperName = "envInt";
      helperText = kGoEnvInt;
      imports.push_back("strconv");
    } else if (kind == EnvValueKind::Port) {
      auto sp = splitPort(value);
      if (!sp) return std::nullopt;
      replacement = "envOr(" + quoted(name) + ", " + quoted(sp->second) + ")";
      if (!sp->first.empty()) replacement = parens(quoted(sp->first) + " + " + replacement, goNeedsParens(literal));
      helperName = "envOr";
      helperText = kGoEnvOr;
    } else {
      replacement = "envOr(" + quoted(name) + ", " + std::string(written) + ")";
      helperName = "envOr";
      helperText = kGoEnvOr;
    }
    for (auto& e : goImports(file, imports)) edits.push_back(std::move(e));
    if (!declaresTopLevel(file, helperName)) helper = goHelperEdit(file, helperText);
  } else {
    return std::nullopt;
  }

  core::TextEdit replace;
  replace.range = {literal.startByte(), literal.endByte()};
  replace.text = replacement;
  edits.push_back(std::move(replace));
  if (helper) edits.push_back(std::move(*helper));
  std::stable_sort(edits.begin(), edits.end(), [](const core::TextEdit& a, const core::TextEdit& b) {
    return a.range.start < b.range.start;
  });
  mergeInsertions(edits);

  core::TextEdit example;
  example.kind = core::TextEdit::Kind::AppendLineIfMissing;
  example.path = ".env.example";
  example.key = name + "=";
  example.text = name + "=" + envExampleValue(value, kind);
  edits.push_back(std::move(example));
  fix.edits = std::move(edits);
  return fix;
}

std::optional<core::Fix> requiredEnvFix(const core::ParsedFile& file, ts::Node expr, const std::string& name) {
  if (!file.tree.valid() || !expr || name.empty()) return std::nullopt;
  core::Fix fix;
  fix.title = "Require " + name + " from the environment at start-up (and list it in .env.example)";
  fix.applicability = core::Applicability::Unsafe;
  std::vector<core::TextEdit> edits;
  std::optional<core::TextEdit> helper;
  std::string replacement;
  if (file.lang == Lang::Python) {
    edits = pythonEnsureImport(file, "os");
    replacement = "os.environ[" + quoted(name) + "]";
  } else if (core::isJsFamily(file.lang)) {
    replacement = "requiredEnv(" + quoted(name) + ")";
    if (!declaresTopLevel(file, "requiredEnv")) helper = jsHelperEdit(file);
  } else if (file.lang == Lang::Go) {
    edits = goImports(file, {"os"});
    replacement = "mustEnv(" + quoted(name) + ")";
    if (!declaresTopLevel(file, "mustEnv")) helper = goHelperEdit(file, kGoMustEnv);
  } else {
    return std::nullopt;
  }
  core::TextEdit replace;
  replace.range = {expr.startByte(), expr.endByte()};
  replace.text = replacement;
  edits.push_back(std::move(replace));
  if (helper) edits.push_back(std::move(*helper));
  std::stable_sort(edits.begin(), edits.end(), [](const core::TextEdit& a, const core::TextEdit& b) {
    return a.range.start < b.range.start;
  });
  mergeInsertions(edits);
  core::TextEdit example;
  example.kind = core::TextEdit::Kind::AppendLineIfMissing;
  example.path = ".env.example";
  example.key = name + "=";
  example.text = name + "=";
  edits.push_back(std::move(example));
  fix.edits = std::move(edits);
  return fix;
}

}  // namespace agentlens::rules
