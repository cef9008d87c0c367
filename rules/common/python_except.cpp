// Python `except` handlers (see python_except.hpp).
#include "rules/common/python_except.hpp"

#include "core/ts/ts.hpp"

namespace agentlens::rules {

bool isDiscardStatement(ts::Node s, std::string_view src) {
  auto t = s.type();
  if (t == "pass_statement" || t == "continue_statement") return true;
  if (t == "expression_statement") {
    if (s.namedChildCount() != 1) return false;
    auto ct = s.namedChild(0).type();
    return ct == "ellipsis" || ct == "string";  // `...` or a docstring-like note
  }
  if (t == "return_statement") {
    if (s.namedChildCount() == 0) return true;
    return s.namedChild(0).text(src) == "None";
  }
  return false;
}

}  // namespace agentlens::rules
