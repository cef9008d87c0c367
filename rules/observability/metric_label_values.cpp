#include "rules/observability/metric_label_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <vector>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::metrics {
namespace {

using core::Lang;

/// The expression's text without whitespace, with `?.`/`!.` read as `.` and a leading `await`.
std::string normalized(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if ((c == '?' || c == '!') && i + 1 < text.size() && text[i + 1] == '.') continue;
    out += c;
  }
  if (out.starts_with("await") && out.size() > 5 && !std::isalnum(static_cast<unsigned char>(out[5]))) out.erase(0, 5);
  return out;
}

struct Patterns {
  std::regex path, input;
};

const Patterns& patterns(Lang lang) {
  static const Patterns js{
      std::regex(R"(^(req|request|ctx|ctx\.request|ctx\.req|c\.req|context\.req)\.(raw\.)?)"
                 R"((originalUrl|url|path|pathname|nextUrl|href)(?!\w))"),
      std::regex(R"(^(req|request|ctx|ctx\.request|c\.req)\.)"
                 R"((query|params|body|headers|cookies|ip|ips|hostname|get|header|param|queries|socket)(?!\w))")};
  static const Patterns py{
      std::regex(R"(^(self\.)?(request|req)\.(path|url|full_path|base_url|path_info|get_full_path|)"
                 R"(build_absolute_uri|raw_path|uri|rel_url|host_url)(?!\w))"),
      std::regex(R"(^(self\.)?(request|req)\.(args|query_params|path_params|form|json|get_json|values|GET|POST|)"
                 R"(headers|cookies|view_args|remote_addr|client|META|data|query_string|match_info|query|)"
                 R"(arguments|remote_ip|body)(?!\w))")};
  static const Patterns go{
      std::regex(R"(^\w+\.(Request\(\)\.|Request\.)?)"
                 R"((URL\.(Path|RawPath|String|RawQuery|Query|RequestURI|EscapedPath|Redacted)|RequestURI)(?!\w))"),
      std::regex(R"(^(\w+\.(Request\(\)\.|Request\.)?(Param|Params|Query|DefaultQuery|QueryParam|PostForm|)"
                 R"(DefaultPostForm|FormValue|PostFormValue|PathValue|GetHeader|ClientIP|RealIP|IP|UserAgent|)"
                 R"(Cookie|Referer)\(|(r|req|request|\w+\.Request(\(\))?)\.(RemoteAddr|Host|Form|Header)(?!\w)|)"
                 R"((chi\.URLParam|chi\.URLParamFromCtx|mux\.Vars)\())")};
  if (lang == Lang::Python) return py;
  if (lang == Lang::Go) return go;
  return js;
}

std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      flush();
      continue;
    }
    bool upper = std::isupper(static_cast<unsigned char>(c));
    bool prevLower = i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]));
    if (upper && prevLower) flush();
    cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  flush();
  return out;
}

bool idOwner(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kOwners{
      "user",     "customer", "account",  "member",   "session",  "request", "req",     "trace",
      "correlation", "order", "device",   "visitor",  "player",   "conversation", "message", "transaction",
      "payment",  "cart",     "profile",  "subscriber", "patient", "student", "owner",  "chat"};
  return std::find(kOwners.begin(), kOwners.end(), w) != kOwners.end();
}

/// A value named as an identifier of a person or a request: `user.id`, `userId`, `email`, `clientIp`.
std::optional<Unbounded> byName(std::string_view last, std::string_view prev) {
  auto w = words(last);
  if (w.empty()) return std::nullopt;
  const std::string& back = w.back();
  if (back == "id" || back == "ids" || back == "uuid" || back == "guid") {
    std::string owner;
    if (w.size() > 1) owner = w[w.size() - 2];
    else if (auto pw = words(prev); !pw.empty()) owner = pw.back();
    if (owner == "users") owner = "user";
    if (owner == "req") owner = "request";
    if (idOwner(owner)) return Unbounded{"a " + owner + " id", false, false};
    return std::nullopt;
  }
  if (std::find(w.begin(), w.end(), "email") != w.end()) return Unbounded{"an email address", false, false};
  if (back == "ip" || (w.size() >= 2 && w[w.size() - 2] == "remote" && back == "addr") ||
      (w.size() >= 2 && w[w.size() - 2] == "ip" && back == "address"))
    return Unbounded{"a client IP address", false, false};
  if ((w.size() == 2 && w[0] == "user" && w[1] == "name") || last == "username")
    return Unbounded{"a user name", false, false};
  return std::nullopt;
}

/// The last two segments of a dotted/subscripted name: `req.user.id` -> (id, user),
/// `user["email"]` -> (email, user). Calls end the name (`getUserId()` -> getUserId).
std::pair<std::string, std::string> lastSegments(std::string t) {
  while (t.ends_with("()")) t.resize(t.size() - 2);
  std::string flat;
  for (char c : t) flat += (c == '[' || c == ']') ? '.' : (c == '"' || c == '\'' || c == '`') ? '\0' : c;
  flat.erase(std::remove(flat.begin(), flat.end(), '\0'), flat.end());
  std::vector<std::string> segs;
  std::string cur;
  for (char c : flat) {
    if (c == '.') {
      if (!cur.empty()) segs.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) segs.push_back(cur);
  if (segs.empty()) return {};
  return {segs.back(), segs.size() > 1 ? segs[segs.size() - 2] : ""};
}

bool composite(std::string_view t) {
  static constexpr std::array<std::string_view, 17> kTypes{
      "binary_expression", "ternary_expression", "template_string", "template_substitution", "binary_operator",
      "boolean_operator",  "conditional_expression", "string", "interpolation", "concatenated_string",
      "parenthesized_expression", "await_expression", "as_expression", "non_null_expression",
      "satisfies_expression", "string_content", "formatted_string"};
  return std::find(kTypes.begin(), kTypes.end(), t) != kTypes.end();
}

/// Calls that pass their argument's value through: `String(x)`, `str(x)`, `fmt.Sprint(x)`, …
bool passThrough(std::string_view callee) {
  static constexpr std::array<std::string_view, 20> kCalls{
      "String", "str", "encodeURIComponent", "decodeURIComponent", "fmt.Sprint", "fmt.Sprintf", "strconv.Itoa",
      "strconv.FormatInt", "strconv.FormatUint", "strconv.Quote", "strings.ToLower", "strings.ToUpper",
      "strings.TrimSpace", "strings.TrimSuffix", "strings.TrimPrefix", "strings.TrimRight", "strings.TrimLeft",
      "string", "url.PathEscape", "unquote"};
  return std::find(kCalls.begin(), kCalls.end(), callee) != kCalls.end();
}

bool passThroughMethod(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMethods{"toString", "toLowerCase", "toUpperCase", "trim",
                                                             "lower",    "upper",       "strip",       "rstrip",
                                                             "lstrip",   "slice",       "substring",   "split"};
  return std::find(kMethods.begin(), kMethods.end(), name) != kMethods.end();
}

/// What kind of request input `t` reads, for the message.
std::string inputKind(std::string_view t) {
  std::string l = sec::lowerCopy(t);
  auto has = [&](std::string_view m) { return l.find(m) != std::string::npos; };
  if (has("header") || has("useragent") || has("referer") || has("cookie")) return "a request header";
  if (has("query") || has("args")) return "a query parameter";
  if (has("param") || has("view_args") || has("pathvalue") || has("mux.vars") || has("match_info"))
    return "a path parameter";
  if (has("remote") || has("clientip") || has("realip") || has(".ip") || has("client")) return "the client IP address";
  return "request input";
}

struct Judge {
  ts::Node scope;
  std::string_view src;
  Lang lang;
  bool fiber;
  std::optional<std::vector<std::string>> tainted;

  std::optional<Unbounded> leaf(std::string_view text) {
    std::string t = normalized(text);
    if (routeTemplate(t)) return std::nullopt;
    const Patterns& p = patterns(lang);
    static const std::regex kFiberPath(R"(^\w+\.(Path|OriginalURL|BaseURL)\(\))");
    bool fiberPath = fiber && std::regex_search(t, kFiberPath);
    if (fiberPath || std::regex_search(t, p.path)) {
      std::string l = sec::lowerCopy(t);
      bool url = l.find("path") == std::string::npos;
      return Unbounded{url ? "the raw request URL" : "the raw request path", true, true};
    }
    if (std::regex_search(t, p.input)) return Unbounded{inputKind(t), true, false};
    auto [last, prev] = lastSegments(t);
    return byName(last, prev);
  }

  std::optional<Unbounded> identifier(ts::Node n, int depth) {
    std::string_view name = n.text(src);
    if (sec::isConstantName(name)) return std::nullopt;
    if (ts::Node rhs = sec::localAssignment(scope, name, n.startByte(), src, lang); rhs && depth < 3)
      return judge(rhs, depth + 1);
    if (!tainted) tainted = sec::taintedNames(scope, src, lang, false);
    if (std::find(tainted->begin(), tainted->end(), name) != tainted->end())
      return Unbounded{"request input", true, false};
    return byName(name, "");
  }

  std::optional<Unbounded> call(ts::Node n, int depth) {
    std::string_view callee = calleeText(n, src);
    if (passThrough(callee)) {
      ts::Node args = callArguments(n);
      for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i)
        if (auto u = judge(args.namedChild(i), depth)) return u;
      return std::nullopt;
    }
    if (auto u = leaf(n.text(src))) return u;
    ts::Node fn = n.field("function");
    ts::Node obj = fn ? (fn.field("object") ? fn.field("object") : fn.field("operand")) : ts::Node();
    if (obj && passThroughMethod(calleeName(n, src))) return judge(obj, depth);
    return std::nullopt;
  }

  std::optional<Unbounded> judge(ts::Node v, int depth) {
    ts::Node n = sec::unwrap(v);
    if (!n || sec::isConstant(n, src, lang)) return std::nullopt;
    auto t = n.type();
    if (t == "identifier" || t == "shorthand_property_identifier") return identifier(n, depth);
    if (t == "call" || t == "call_expression") return call(n, depth);
    if (t == "ternary_expression" || t == "conditional_expression") {
      // Only the branches: the condition picks a value, it is not one.
      ts::Node cond = t == "ternary_expression" ? n.field("condition") : n.namedChild(1);
      for (std::uint32_t i = 0; i < n.namedChildCount(); ++i)
        if (n.namedChild(i).startByte() != cond.startByte())
          if (auto u = judge(n.namedChild(i), depth)) return u;
      return std::nullopt;
    }
    if (composite(t)) {
      for (std::uint32_t i = 0; i < n.namedChildCount(); ++i)
        if (auto u = judge(n.namedChild(i), depth)) return u;
      return std::nullopt;
    }
    if (t == "subscript" || t == "subscript_expression" || t == "index_expression") {
      if (auto u = leaf(n.text(src))) return u;
      ts::Node obj = n.field("value") ? n.field("value") : n.field("object") ? n.field("object") : n.field("operand");
      if (obj && obj.type() == "identifier" && !sec::isConstantName(obj.text(src))) {
        ts::Node rhs = sec::localAssignment(scope, obj.text(src), n.startByte(), src, lang);
        if (rhs && depth < 3) return judge(rhs, depth + 1);
      }
      return std::nullopt;
    }
    return leaf(n.text(src));
  }
};

}  // namespace

bool routeTemplate(std::string_view text) {
  std::string t = sec::lowerCopy(normalized(text));
  for (std::string_view m : {"route", "fullpath()", "url_rule", "resolver_match", "pathtemplate", "pattern",
                             "matchedpath", "matched_path"})
    if (t.find(m) != std::string::npos) return true;
  return false;
}

std::optional<Unbounded> unboundedValue(ts::Node v, ts::Node scope, std::string_view src, Lang lang, bool fiber) {
  Judge j{scope, src, lang, fiber, std::nullopt};
  return j.judge(v, 0);
}

std::optional<Unbounded> unboundedKey(std::string_view key) {
  std::string k = sec::lowerCopy(key);
  for (std::string_view m : {"url.full", "http.url", "http.target", "url.path", "url.query"})
    if (k == m) return Unbounded{"the raw request URL", false, true};
  auto [last, prev] = lastSegments(std::string(key));
  return byName(last, prev);
}

}  // namespace agentlens::rules::metrics
