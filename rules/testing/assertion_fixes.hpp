// test-without-assertion: the fixes that add a first assertion on the response a test already
// keeps in a variable. Internal to the rule.
#pragma once
#include <optional>
#include <string_view>

#include "core/finding.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::rules::assertion_fixes {

/// Python: `<v> = client.<verb>(…)` in `body` -> `assert <v>.status_code == 200` (201 for post)
/// after the last statement. Nullopt when the test keeps no client response.
std::optional<core::Fix> pythonStatusAssert(ts::Node body, std::string_view src);
/// JavaScript: `const res = await request(app).get(…)` -> `expect(res.status).toBe(200);`.
std::optional<core::Fix> jsStatusExpect(ts::Node body, std::string_view src);
/// Go: `rec := httptest.NewRecorder()` -> `if rec.Code != http.StatusOK { t.Fatalf(…) }`, with
/// the net/http import. `t`: the test's *testing.T parameter.
std::optional<core::Fix> goRecorderCheck(const core::ParsedFile& file, ts::Node body, std::string_view t);

}  // namespace agentlens::rules::assertion_fixes
