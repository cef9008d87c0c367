// Internal to error_intent*.cpp: two small node and text helpers the three files share.
#pragma once
#include <string_view>

#include "core/ts/ts.hpp"

namespace agentlens::rules::error_intent_detail {

inline bool isCall(ts::Node n) { return n.type() == "call" || n.type() == "call_expression"; }

/// The last dotted segment: "a.b.close" -> "close".
inline std::string_view lastSegment(std::string_view t) {
  auto dot = t.find_last_of('.');
  return dot == std::string_view::npos ? t : t.substr(dot + 1);
}

}  // namespace agentlens::rules::error_intent_detail
