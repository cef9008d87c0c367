#include "rules/configuration/listen_port_shapes.hpp"

#include <algorithm>
#include <cctype>

#include "rules/common/syntax.hpp"
#include "rules/common/urls.hpp"

namespace agentlens::rules {

bool isListenPortLiteral(ts::Node n, std::string_view src, core::Lang lang) {
  auto t = n.type();
  std::string_view digits;
  if (t == "integer" || t == "number" || t == "int_literal") {
    digits = n.text(src);
  } else if (auto v = stringLiteralValue(n, src, lang)) {
    auto colon = v->rfind(':');
    digits = colon == std::string_view::npos ? *v : v->substr(colon + 1);
    if (colon != std::string_view::npos) {
      std::string_view host = v->substr(0, colon);
      if (isLoopback(host) && host != "0.0.0.0") return false;  // a local-only admin/pprof listener
    } else if (lang == core::Lang::Go) {
      return false;  // Go addresses need the colon: "8080" alone is not an address
    }
  } else {
    return false;
  }
  if (digits.empty() || digits.size() > 5) return false;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return false;
  return digits != "0";
}

bool inMainGuard(ts::Node node, std::string_view src) {
  for (ts::Node p = node.parent(); p; p = p.parent()) {
    if (p.type() != "if_statement") continue;
    auto cond = p.field("condition").text(src);
    if (cond.find("__name__") != std::string_view::npos && cond.find("__main__") != std::string_view::npos) return true;
  }
  return false;
}

bool opsOnlyMux(ts::Node fn, std::string_view src) {
  if (!fn) return false;
  auto body = fn.text(src);
  int paths = 0;
  for (std::string_view verb : {"Handle(\"", "HandleFunc(\""})
    for (auto at = body.find(verb); at != std::string_view::npos; at = body.find(verb, at + 1)) {
      auto path = body.substr(at + verb.size());
      if (auto sp = path.find(' '); sp != std::string_view::npos && sp < path.find('"')) path = path.substr(sp + 1);
      if (!(path.starts_with("/metrics") || path.starts_with("/debug") || path.starts_with("/health") ||
            path.starts_with("/ready") || path.starts_with("/live")))
        return false;
      ++paths;
    }
  return paths > 0;
}

}  // namespace agentlens::rules
