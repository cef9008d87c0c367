// unbounded-query: text helpers and the Python query-variable lookup (see unbounded_query_parts.hpp).
#include "rules/database/unbounded_query_parts.hpp"

#include <cctype>
#include <vector>

namespace agentlens::rules::unbounded {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool referenceTable(std::string_view text) {
  auto l = upper(text);
  for (auto t : {"COUNTR", "CURRENC", "ROLE", "PERMISSION", "SETTING", "LANGUAGE", "LOCALE", "TIMEZONE", "STATUS",
                 "CATEGOR", "TAG", "PLAN", "FEATURE_FLAG", "CONFIG"})
    if (l.find(t) != std::string::npos) return true;
  return false;
}

std::string queryHeldBy(ts::Node call, ts::Node handler, std::string_view src) {
  ts::Node fn = call.field("function");
  if (!fn || fn.type() != "attribute") return {};
  ts::Node obj = fn.field("object");
  if (!obj || obj.type() != "identifier") return {};
  auto name = obj.text(src);
  std::string held;
  std::vector<ts::Node> stack{handler.field("body")};
  while (!stack.empty()) {
    ts::Node n = stack.back();
    stack.pop_back();
    if (!n || n.startByte() >= call.startByte()) continue;
    if (n.type() == "assignment" && n.field("left").text(src) == name && n.field("right")) {
      auto right = n.field("right").text(src);
      if (has(right, ".query") || has(right, "select(") || has(right, ".objects")) held = std::string(right) + ".all";
      else held.clear();  // reassigned to something else
    }
    for (std::uint32_t i = n.namedChildCount(); i-- > 0;) stack.push_back(n.namedChild(i));
  }
  return held;
}

}  // namespace agentlens::rules::unbounded
