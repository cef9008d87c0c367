// test-without-assertion: fixes that assert the status of a response the test already holds.
#include "rules/testing/assertion_fixes.hpp"

#include <string>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::assertion_fixes {

std::optional<core::Fix> pythonStatusAssert(ts::Node body, std::string_view src) {
  for (ts::Node s : statements(body)) {
    if (s.type() != "expression_statement" || s.namedChildCount() != 1) continue;
    ts::Node a = s.namedChild(0);
    if (a.type() != "assignment") continue;
    ts::Node rhs = a.field("right");
    if (rhs.type() == "await") rhs = rhs.namedChild(0);
    if (!rhs || rhs.type() != "call") continue;
    auto verb = calleeName(rhs, src);
    auto callee = calleeText(rhs, src);
    bool client = callee.find("client") != std::string_view::npos &&
                  (verb == "get" || verb == "post" || verb == "put" || verb == "patch" || verb == "delete");
    if (!client || a.field("left").type() != "identifier") continue;
    std::string var(a.field("left").text(src));
    ts::Node last = statements(body).back();
    core::Fix fix{.title = "Assert the response status", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {last.endByte(), last.endByte()};
    e.text = "\n" + std::string(lineIndent(src, last.startByte())) + "assert " + var + ".status_code == " +
             (verb == "post" ? "201" : "200");
    fix.edits.push_back(e);
    return fix;
  }
  return std::nullopt;
}

std::optional<core::Fix> jsStatusExpect(ts::Node body, std::string_view src) {
  auto stmts = statements(body);
  for (ts::Node s : stmts) {
    if (s.type() != "lexical_declaration" && s.type() != "variable_declaration") continue;
    ts::Node d = s.namedChild(0);
    if (!d || d.type() != "variable_declarator") continue;
    ts::Node id = d.field("name");
    auto value = d.field("value").text(src);
    if (id.type() != "identifier" || value.find("request(") == std::string_view::npos) continue;
    bool post = value.find(".post(") != std::string_view::npos;
    ts::Node last = stmts.back();
    core::Fix fix{.title = "Expect the response status", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {last.endByte(), last.endByte()};
    e.text = "\n" + std::string(lineIndent(src, last.startByte())) + "expect(" + std::string(id.text(src)) +
             ".status).toBe(" + (post ? "201" : "200") + ");";
    fix.edits.push_back(e);
    return fix;
  }
  return std::nullopt;
}

std::optional<core::Fix> goRecorderCheck(const core::ParsedFile& file, ts::Node body, std::string_view t) {
  auto src = file.source();
  for (ts::Node s : statements(body)) {
    if (s.type() != "short_var_declaration") continue;
    if (s.field("right").text(src) != "httptest.NewRecorder()") continue;
    std::string rec(s.field("left").text(src));
    ts::Node last = statements(body).back();
    std::string indent(lineIndent(src, last.startByte()));
    core::Fix fix{.title = "Check the recorded status", .applicability = core::Applicability::Unsafe};
    fix.edits = goEnsureImport(file, "net/http");
    core::TextEdit e;
    e.range = {last.endByte(), last.endByte()};
    e.text = "\n" + indent + "if " + rec + ".Code != http.StatusOK {\n" + indent + "\t" + std::string(t) +
             ".Fatalf(\"status = %d, want %d\", " + rec + ".Code, http.StatusOK)\n" + indent + "}";
    fix.edits.push_back(e);
    mergeInsertions(fix.edits);
    return fix;
  }
  return std::nullopt;
}

}  // namespace agentlens::rules::assertion_fixes
