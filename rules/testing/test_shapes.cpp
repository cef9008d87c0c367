#include "rules/testing/test_shapes.hpp"

#include <cctype>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include <string>

namespace agentlens::rules {

// A test whose point is that the code does not raise (pytest fails it on the exception).
bool claimsNoRaise(std::string_view text) {
  auto l = core::text::asciiLower(text);
  for (auto k : {"not_raise", "not raise", "doesnt_raise", "doesn't raise", "no_error", "no_exception",
                 "no exception", "not_throw", "not throw", "doesn't throw"})
    if (l.find(k) != std::string::npos) return true;
  return false;
}

// Python: the function is a pytest fixture (decorated) or lives in conftest.py.
bool isPytestFixture(ts::Node parent, const RuleContext& ctx) {
  auto path = ctx.file().path;
  if (path.ends_with("conftest.py")) return true;
  if (parent.type() != "decorated_definition") return false;
  for (std::uint32_t i = 0; i < parent.namedChildCount(); ++i) {
    ts::Node d = parent.namedChild(i);
    if (d.type() == "decorator" && d.text(ctx.source()).find("fixture") != std::string_view::npos) return true;
  }
  return false;
}

// Python: the module runs itself as a script (`if __name__ == "__main__": main()`) rather than
// as a test module (`unittest.main()`, `pytest.main()`): its `test_*` functions are steps.
bool isSelfRunningScript(const RuleContext& ctx) {
  if (ctx.ancestors().empty()) return false;
  ts::Node root = ctx.ancestors().front();
  auto src = ctx.source();
  for (std::uint32_t i = 0; i < root.namedChildCount(); ++i) {
    ts::Node s = root.namedChild(i);
    if (s.type() != "if_statement") continue;
    auto cond = s.field("condition").text(src);
    if (cond.find("__name__") == std::string_view::npos || cond.find("__main__") == std::string_view::npos) continue;
    auto t = s.text(src);
    return t.find("unittest.main") == std::string_view::npos && t.find("pytest.main") == std::string_view::npos;
  }
  return false;
}

// JavaScript: a helper named like a test helper (`propertyTest`, `testArrayFunction`,
// `checkInvariants`), called for its effect: its result is dropped, so it must fail by throwing.
bool isTestHelperCall(ts::Node call, std::string_view src) {
  if (call.parent().type() != "expression_statement" && call.parent().type() != "await_expression") return false;
  ts::Node fn = call.field("function");
  if (fn.type() != "identifier") return false;
  auto name = fn.text(src);
  if (name.size() > 4 && name.starts_with("test") && std::isupper(static_cast<unsigned char>(name[4]))) return true;
  return name.ends_with("Test") || name.ends_with("Property") || name.ends_with("Invariants");
}

bool jsAssertsHere(ts::Node n, std::string_view src) {
  if (n.type() == "call_expression") {
    auto last = calleeName(n, src);
    auto text = n.field("function").text(src);
    auto l = core::text::asciiLower(last);
    bool named = l.starts_with("assert") || l.starts_with("expect") || l.starts_with("verify") ||
                 l.starts_with("check") || l.starts_with("should") || l.starts_with("must");
    if (named || text.starts_with("expect") || text.starts_with("assert") ||
        text.find(".should") != std::string_view::npos || last == "fail")
      return true;
  }
  if (n.type() == "member_expression" && n.field("property").text(src) == "should") return true;
  return n.type() == "throw_statement";
}

std::vector<std::string> assertingFunctionNames(ts::Node root, std::string_view src) {
  std::vector<std::string> out;
  ts::walk(root, [&](ts::Node n) {
    ts::Node name, body;
    if (n.type() == "function_declaration") {
      name = n.field("name");
      body = n.field("body");
    } else if (n.type() == "variable_declarator") {
      ts::Node v = n.field("value");
      if (v.type() == "arrow_function" || v.type() == "function_expression") {
        name = n.field("name");
        body = v.field("body");
      }
    }
    if (name.type() == "identifier" && body && ts::anyDescendant(body, [&](ts::Node c) { return jsAssertsHere(c, src); }))
      out.emplace_back(name.text(src));
    return true;
  });
  return out;
}

}  // namespace agentlens::rules
