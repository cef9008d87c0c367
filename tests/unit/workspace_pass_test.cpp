// FindingDelta (core/workspace_pass.hpp): what the workspace pass did to one file's findings,
// and its replay over the same findings (exactly the pass's output) or over findings of a newer
// text (matched by line through core::mapLine; unmatched entries are left to the next pass).
#include <doctest/doctest.h>

#include <functional>

#include "core/text/line_map.hpp"
#include "core/workspace_pass.hpp"

using namespace agentlens;

namespace {

core::Finding finding(const std::string& rule, std::uint32_t line, std::uint32_t start, std::string message) {
  core::Finding f;
  f.ruleId = rule;
  f.start = {line, 0};
  f.end = {line, 5};
  f.range = {start, start + 5};
  f.message = std::move(message);
  return f;
}

std::vector<std::string> keys(const std::vector<core::Finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs)
    out.push_back(f.ruleId + "@" + std::to_string(f.start.line) + " " + f.message + " " +
                  std::string(core::severityName(f.severity)));
  return out;
}

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("workspace pass delta: removed, adjusted and added findings, replayed exactly") {
    std::vector<core::Finding> before = {finding("route-without-auth", 2, 20, "POST / has no authentication"),
                                         finding("route-without-auth", 3, 40, "DELETE /:id has no authentication"),
                                         finding("debug-mode-enabled", 5, 80, "debug on"),
                                         finding("route-without-auth", 3, 40, "DELETE /:id has no authentication")};
    std::vector<core::Finding> after = before;
    after.erase(after.begin());  // the pass saw the route protected
    after[1].severity = core::Severity::Critical;
    after[1].message += " — and production runs it";
    after.push_back(finding("dev-server-entrypoint", 0, 0, "`python app.py` starts a dev server"));

    core::FindingDelta d = core::diffFindings(before, after);
    CHECK(keys(d.removed) == std::vector<std::string>{"route-without-auth@2 POST / has no authentication medium"});
    REQUIRE(d.adjusted.size() == 1);
    CHECK(d.adjusted[0].second.severity == core::Severity::Critical);
    CHECK(keys(d.added) == std::vector<std::string>{"dev-server-entrypoint@0 `python app.py` starts a dev server medium"});
    CHECK(core::diffFindings(before, before).empty());

    // Replayed over the findings the pass judged: exactly its output (without the additions).
    std::vector<core::Finding> replay = before;
    core::applyDelta(replay, d);
    std::vector<core::Finding> expected(after.begin(), after.end() - 1);
    CHECK(keys(replay) == keys(expected));
  }

  TEST_CASE("workspace pass delta: replayed over a newer text by line; edited lines wait for the next pass") {
    const std::string judged = "a\nb\nroute1\nroute2\n";
    const std::string now = "new\na\nb\nroute1\nroute2 edited\n";  // one line inserted above, route2 edited
    std::vector<core::Finding> before = {finding("route-without-auth", 2, 4, "open 1"),
                                         finding("route-without-auth", 3, 11, "open 2")};
    core::FindingDelta d = core::diffFindings(before, {});
    REQUIRE(d.removed.size() == 2);
    // The file's own findings on the new text: the same routes, one line down.
    std::vector<core::Finding> current = {finding("route-without-auth", 3, 8, "open 1"),
                                          finding("route-without-auth", 4, 15, "open 2")};
    std::function<std::optional<std::uint32_t>(std::uint32_t)> map = [&](std::uint32_t line) {
      return core::mapLine(judged, now, line);
    };
    core::applyDelta(current, d, &map);
    // route1 moved (removed as judged); route2's line was edited: kept until the pass judges it.
    CHECK(keys(current) == std::vector<std::string>{"route-without-auth@4 open 2 medium"});
    // A different message on the mapped line is another finding: not touched.
    std::vector<core::Finding> other = {finding("route-without-auth", 3, 8, "something else")};
    core::applyDelta(other, d, &map);
    CHECK(other.size() == 1);
  }
}
