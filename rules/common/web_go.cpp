// Request-path helpers, Go: a function's result types and the zero value of a type (for fixes
// that add a `return`).
#include <algorithm>

#include "rules/common/web.hpp"

namespace agentlens::rules {

std::vector<std::string_view> goResultTypes(ts::Node fn, std::string_view src) {
  std::vector<std::string_view> types;
  ts::Node result = fn ? fn.field("result") : ts::Node();
  if (!result) return types;
  if (result.type() == "parameter_list") {
    for (std::uint32_t i = 0; i < result.namedChildCount(); ++i) {
      ts::Node p = result.namedChild(i);
      if (p.type() != "parameter_declaration") continue;
      ts::Node t = p.field("type");
      std::uint32_t names = 0;
      for (std::uint32_t k = 0; k < p.namedChildCount(); ++k)
        if (p.namedChild(k).type() == "identifier") ++names;
      for (std::uint32_t k = 0; k < std::max(1u, names); ++k) types.push_back(t.text(src));
    }
  } else {
    types.push_back(result.text(src));
  }
  return types;
}

std::string goZeroValue(std::string_view type) {
  static constexpr std::string_view kNums[] = {"int", "int8", "int16", "int32", "int64", "uint", "uint8",
                                               "uint16", "uint32", "uint64", "uintptr", "float32", "float64",
                                               "byte", "rune", "complex64", "complex128"};
  for (auto t : kNums)
    if (type == t) return "0";
  if (type == "string") return "\"\"";
  if (type == "bool") return "false";
  if (type == "error" || type.starts_with("*") || type.starts_with("[]") || type.starts_with("map[") ||
      type.starts_with("chan ") || type.starts_with("func") || type == "any" || type.starts_with("interface"))
    return "nil";
  return std::string(type) + "{}";
}

}  // namespace agentlens::rules
