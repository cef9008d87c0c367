// The JSON report is written finding by finding (report::writeJson) instead of as one DOM: its
// bytes must stay exactly what nlohmann's dump(2) of the whole document prints.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/scan.hpp"
#include "core/score/readiness.hpp"
#include "report/report.hpp"

using namespace agentlens;
using nlohmann::json;

namespace {

core::Finding finding(std::string rule, std::string path, std::uint32_t line) {
  core::Finding f;
  f.ruleId = std::move(rule);
  f.path = std::move(path);
  f.message = "line one\nline \"two\"\twith a tab and \xff invalid UTF-8";  // escapes and replacement
  f.range = {line * 10, line * 10 + 4};
  f.start = {line, 2};
  f.end = {line, 6};
  f.excerpt = "    x = 1  # excerpt";
  return f;
}

std::string canonical(const std::string& out) {
  return json::parse(out).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("json report: streamed output equals the pretty-printed document") {
    core::ScanResult scan;
    core::FileResult a;
    a.path = "app.py";
    a.findings.push_back(finding("hardcoded-secret", "app.py", 3));
    core::Fix fix;
    fix.title = "use the environment";
    fix.edits.push_back({core::TextEdit::Kind::Replace, "", {30, 34}, "os.environ[\"X\"]\n", "", {3, 2}, {3, 6}});
    a.findings.back().fixes.push_back(fix);
    a.findings.back().related.push_back({"other.py", 7, "defined here"});
    a.findings.push_back(finding("print-instead-of-logging", "app.py", 9));
    a.findings.back().suppressedReason = "noqa";
    core::FileResult b;
    b.path = "lib/b.go";
    b.findings.push_back(finding("missing-timeout", "lib/b.go", 0));
    scan.files = {a, core::FileResult{}, b};
    scan.skipped.push_back({"vendor/", "dependency, build or VCS directory"});
    scan.errors.push_back("x.py: cannot read (denied)");
    core::Readiness readiness;
    report::ReportInput in;
    in.scan = &scan;
    in.readiness = &readiness;

    std::string out = report::renderJson(in);
    CHECK(out == canonical(out));
    std::ostringstream streamed;
    report::writeJson(in, streamed);
    CHECK(streamed.str() == out);
    json j = json::parse(out);
    REQUIRE(j["findings"].size() == 3);
    CHECK(j["findings"][0]["rule"] == "hardcoded-secret");
    CHECK(j["findings"][2]["file"] == "lib/b.go");
    CHECK(j["summary"]["findings"] == 3);
    CHECK(j.contains("readiness"));
    CHECK(out.find("\xff") == std::string::npos);  // invalid UTF-8 replaced, as dump() does
  }

  TEST_CASE("json report: no findings prints an empty array") {
    core::ScanResult scan;
    report::ReportInput in;
    in.scan = &scan;
    std::string out = report::renderJson(in);
    CHECK(out == canonical(out));
    CHECK(out.find("\"findings\": []") != std::string::npos);
  }
}
