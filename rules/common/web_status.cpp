// Request-path helpers: HTTP statuses as literals or named constants, and the first 5xx response
// of a block.
#include <algorithm>
#include <array>
#include <cctype>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"

namespace agentlens::rules {

using core::Lang;

std::optional<int> statusValue(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '(')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == ')')) t.remove_suffix(1);
  if (t.size() == 3 && std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return (t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0');
  // status.HTTP_404_NOT_FOUND / HTTP_500_INTERNAL_SERVER_ERROR
  if (auto p = t.find("HTTP_"); p != std::string_view::npos && p + 8 <= t.size()) {
    auto d = t.substr(p + 5, 3);
    if (std::all_of(d.begin(), d.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
  }
  struct Named {
    std::string_view name;
    int code;
  };
  static constexpr std::array<Named, 22> kNamed = {{
      {"StatusBadRequest", 400}, {"StatusUnauthorized", 401}, {"StatusForbidden", 403}, {"StatusNotFound", 404},
      {"StatusMethodNotAllowed", 405}, {"StatusConflict", 409}, {"StatusGone", 410},
      {"StatusRequestEntityTooLarge", 413}, {"StatusUnprocessableEntity", 422}, {"StatusTooManyRequests", 429},
      {"StatusInternalServerError", 500}, {"StatusBadGateway", 502}, {"StatusServiceUnavailable", 503},
      {"StatusGatewayTimeout", 504}, {"BAD_REQUEST", 400}, {"UNAUTHORIZED", 401}, {"FORBIDDEN", 403},
      {"NOT_FOUND", 404}, {"CONFLICT", 409}, {"UNPROCESSABLE_ENTITY", 422}, {"INTERNAL_SERVER_ERROR", 500},
      {"SERVICE_UNAVAILABLE", 503},
  }};
  auto dot = t.find_last_of('.');
  auto last = dot == std::string_view::npos ? t : t.substr(dot + 1);
  for (const auto& n : kNamed)
    if (last == n.name) return n.code;
  return std::nullopt;
}

bool mentions4xx(std::string_view t) {
  for (std::size_t i = 0; i + 3 <= t.size(); ++i) {
    bool boundL = i == 0 || !std::isalnum(static_cast<unsigned char>(t[i - 1]));
    bool boundR = i + 3 == t.size() || !std::isalnum(static_cast<unsigned char>(t[i + 3]));
    if (boundL && boundR && t[i] == '4' && std::isdigit(static_cast<unsigned char>(t[i + 1])) &&
        std::isdigit(static_cast<unsigned char>(t[i + 2])))
      return true;
  }
  for (auto n : {"HTTP_4", "StatusBadRequest", "StatusUnauthorized", "StatusForbidden", "StatusNotFound",
                 "StatusConflict", "StatusUnprocessableEntity", "StatusTooManyRequests", "BAD_REQUEST", "NOT_FOUND",
                 "UNPROCESSABLE_ENTITY", "abort(4", "BadRequest", "NotFound", "Forbidden", "Unauthorized"})
    if (t.find(n) != std::string_view::npos) return true;
  return false;
}

namespace {
std::optional<int> firstArgStatus(ts::Node call, std::string_view src) {
  ts::Node args = call.field("arguments");
  if (!args || args.namedChildCount() == 0) return std::nullopt;
  return statusValue(args.namedChild(0).text(src));
}
std::optional<int> kwStatus(ts::Node call, std::string_view src) {
  ts::Node args = call.field("arguments");
  for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() == "keyword_argument") {
      auto n = a.field("name").text(src);
      if (n == "status_code" || n == "status") return statusValue(a.field("value").text(src));
    }
  }
  return std::nullopt;
}
}  // namespace

ts::Node find5xxResponse(ts::Node block, std::string_view src, core::Lang lang) {
  ts::Node found;
  auto is5xx = [](std::optional<int> s) { return s && *s >= 500 && *s < 600; };
  walkSameFunction(block, lang, [&](ts::Node n) {
    if (found) return;
    auto t = n.type();
    if (lang == Lang::Python) {
      if (t == "return_statement" && n.namedChildCount() == 1 && n.namedChild(0).type() == "expression_list") {
        ts::Node v = n.namedChild(0);
        if (v.namedChildCount() >= 2 && is5xx(statusValue(v.namedChild(1).text(src)))) found = n;
      } else if (t == "call") {
        auto name = calleeName(n, src);
        if ((name == "abort" || name == "HTTPException") && (is5xx(firstArgStatus(n, src)) || is5xx(kwStatus(n, src))))
          found = n;
        else if (name.ends_with("Response") && is5xx(kwStatus(n, src)))
          found = n;
      }
    } else if (lang == Lang::Go) {
      if (t != "call_expression") return;
      auto callee = calleeText(n, src);
      auto name = calleeName(n, src);
      ts::Node args = n.field("arguments");
      if (!args) return;
      if (callee == "http.Error" && args.namedChildCount() == 3 && is5xx(statusValue(args.namedChild(2).text(src))))
        found = n;
      else if ((name == "WriteHeader" || name == "JSON" || name == "String" || name == "AbortWithStatus" ||
                name == "AbortWithStatusJSON" || name == "Status" || name == "IndentedJSON" || name == "NoContent") &&
               is5xx(firstArgStatus(n, src)))
        found = n;
    } else {
      if (t != "call_expression") return;
      auto name = calleeName(n, src);
      if ((name == "status" || name == "sendStatus") && is5xx(firstArgStatus(n, src))) found = n;
      else if (name == "json" || name == "Response") {
        ts::Node args = n.field("arguments");
        if (args && args.namedChildCount() >= 2) {
          auto opt = args.namedChild(1).text(src);
          auto p = opt.find("status");
          if (p != std::string_view::npos) {
            auto rest = opt.substr(p + 6);
            auto d = rest.find_first_of("0123456789");
            if (d != std::string_view::npos && d < 4 && is5xx(statusValue(rest.substr(d, 3)))) found = n;
          }
        }
      }
    }
  });
  return found;
}

}  // namespace agentlens::rules
