// Shapes that decide whether a function is a test, and whether a test asserts in a way the
// assertion rule cannot see by name: pytest fixtures, self-running scripts, "does not raise"
// tests, property-test helpers called for their effect.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

/// A test whose point is that the code does not raise (name or comment says so: `not_raise`,
/// "should not raise", "doesn't throw"); pytest and Jest fail it on the exception.
bool claimsNoRaise(std::string_view text);

/// Python: the function (whose parent node is `parent`) is a pytest fixture: decorated with
/// `@pytest.fixture` / `@fixture`, or defined in conftest.py (pytest collects no tests there).
bool isPytestFixture(ts::Node parent, const RuleContext& ctx);

/// Python: the module runs itself as a script (`if __name__ == "__main__": main()`) rather
/// than as a test module (`unittest.main()`, `pytest.main()`): its `test_*` functions are steps.
bool isSelfRunningScript(const RuleContext& ctx);

/// JavaScript: a call of a helper named like a test helper (`propertyTest`,
/// `testArrayFunction`, `checkInvariants`) whose result is dropped: it can only fail by throwing.
bool isTestHelperCall(ts::Node call, std::string_view src);

/// JavaScript: the node asserts by itself (`expect(…)`, `assert.*`, `.should`, a helper named
/// `assert*`/`expect*`/`verify*`/`check*`, `fail()`, a `throw`).
bool jsAssertsHere(ts::Node n, std::string_view src);

/// JavaScript: names of the functions declared in the tree (`function f`, `const f = () => …`)
/// whose body asserts: a test calling one of them asserts through it (one hop).
std::vector<std::string> assertingFunctionNames(ts::Node root, std::string_view src);

}  // namespace agentlens::rules
