// swallowed-exception, Go: empty `if err != nil {}` and fallible calls whose error is assigned to `_`.
#include <algorithm>
#include <array>

#include "rules/common/error_intent.hpp"
#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/error_handling/swallowed_exception.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::swallowed {
namespace {

using core::Lang;

// Go calls whose error result is commonly dropped, with their result count.
struct GoCallee {
  std::string_view name;
  int results;
};
constexpr std::array<GoCallee, 27> kGoFallible = {{
    {"json.Unmarshal", 1}, {"json.Marshal", 2}, {"json.MarshalIndent", 2}, {"strconv.Atoi", 2},
    {"strconv.ParseInt", 2}, {"strconv.ParseUint", 2}, {"strconv.ParseFloat", 2}, {"strconv.ParseBool", 2},
    {"io.ReadAll", 2}, {"ioutil.ReadAll", 2}, {"os.ReadFile", 2}, {"ioutil.ReadFile", 2}, {"os.WriteFile", 1},
    {"os.Open", 2}, {"os.Create", 2}, {"os.MkdirAll", 1}, {"os.Mkdir", 1}, {"os.Setenv", 1},
    {"http.NewRequest", 2}, {"http.NewRequestWithContext", 2}, {"url.Parse", 2}, {"time.Parse", 2},
    {"time.ParseDuration", 2}, {"template.ParseFiles", 2}, {"hex.DecodeString", 2},
    {"base64.StdEncoding.DecodeString", 2}, {"uuid.Parse", 2},
}};
// Methods on any receiver whose only result is an error (database and decoding paths).
constexpr std::array<std::string_view, 6> kGoErrMethods = {"Scan", "Err", "Commit", "Ping", "Decode", "Unmarshal"};
// Methods returning (value, error).
constexpr std::array<std::string_view, 6> kGoPairMethods = {"Exec", "ExecContext", "Query", "QueryContext",
                                                           "Prepare", "Begin"};

/// Go's parse-with-default idiom: a number or time parsed into a field or through a pointer
/// (`filter.Offset, _ = strconv.Atoi(q)`), or whose zero value is checked right away
/// (`if v, _ := time.Parse(…); !v.IsZero()`): the zero value is the intended default.
bool parsesToDefault(ts::Node stmt, ts::Node lhs, std::string_view callee, std::string_view src) {
  if (!callee.starts_with("strconv.") && callee != "time.Parse" && callee != "time.ParseDuration") return false;
  ts::Node target = lhs.namedChild(0);
  if (stmt.type() == "assignment_statement")
    return target.type() == "selector_expression" || target.type() == "unary_expression" ||
           target.type() == "index_expression" || target.type() == "parenthesized_expression";
  ts::Node parent = stmt.parent();
  if (parent.type() != "if_statement" || parent.field("initializer") != stmt) return false;
  return mentionsIdentifier(parent.field("condition").text(src), target.text(src));
}

/// `v, _ := f()` -> `v, err := f()` + `if err != nil {…}`; `_ = f()` -> `if err := f(); err != nil {…}`.
void blankFixes(core::Finding& f, RuleContext& ctx, ts::Node stmt, ts::Node lhs, ts::Node call,
                       std::uint32_t n) {
  auto src = ctx.source();
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  auto anc = ctx.ancestors();
  // Only plain statements in a block (not `for` clauses or `if` initialisers).
  if (anc.empty() || (anc.back().type() != "block" && anc.back().type() != "statement_list")) return;
  bool declare = stmt.type() == "short_var_declaration";
  if (!declare && n != 1) return;  // `a, _ = f()` would need `err` declared
  std::string name(functionName(fn, src));
  if (name.empty()) name = "handler";
  std::string indent(lineIndent(src, stmt.startByte()));
  auto types = goResultTypes(fn, src);
  auto build = [&](std::string title, core::Applicability a, std::vector<core::TextEdit> imports,
                   const std::string& action) {
    core::Fix fix{.title = std::move(title), .applicability = a};
    fix.edits = std::move(imports);
    core::TextEdit e;
    if (declare) {
      ts::Node blank = lhs.namedChild(n - 1);
      e.range = {blank.startByte(), blank.endByte()};
      e.text = "err";
      fix.edits.push_back(e);
      core::TextEdit check;
      check.range = {stmt.endByte(), stmt.endByte()};
      check.text = "\n" + indent + "if err != nil {\n" + indent + "\t" + action + "\n" + indent + "}";
      fix.edits.push_back(check);
    } else {
      e.range = {stmt.startByte(), stmt.endByte()};
      e.text = "if err := " + std::string(call.text(src)) + "; err != nil {\n" + indent + "\t" + action + "\n" +
               indent + "}";
      fix.edits.push_back(e);
    }
    f.fixes.push_back(fix);
  };
  if (!types.empty() && types.back() == "error") {
    std::string ret = "return ";
    for (std::size_t i = 0; i + 1 < types.size(); ++i) ret += goZeroValue(types[i]) + ", ";
    build("Check the error and return it, wrapped", core::Applicability::Unsafe, goEnsureImport(ctx.file(), "fmt"),
          ret + "fmt.Errorf(\"" + name + ": %w\", err)");
  }
  build("Check the error and log it with slog", core::Applicability::Unsafe, goEnsureImport(ctx.file(), "log/slog"),
        "slog.Error(\"" + name + " failed\", \"err\", err)");
}

void goFixes(core::Finding& f, RuleContext& ctx, ts::Node cons, const std::string& errName) {
  auto src = ctx.source();
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  std::string name(functionName(fn, src));
  if (name.empty()) name = "handler";
  auto types = goResultTypes(fn, src);
  std::string indent(lineIndent(src, cons.startByte()));
  std::string inner = indent + "\t";
  std::string kept;  // comments that were in the empty block stay in it
  for (auto c : directComments(cons, src)) kept += inner + std::string(c) + "\n";
  if (!types.empty() && types.back() == "error") {
    std::string ret = "return ";
    for (std::size_t i = 0; i + 1 < types.size(); ++i) ret += goZeroValue(types[i]) + ", ";
    ret += "fmt.Errorf(\"" + name + ": %w\", " + errName + ")";
    core::Fix fix{.title = "Return the error, wrapped with context", .applicability = core::Applicability::Unsafe};
    fix.edits = goEnsureImport(ctx.file(), "fmt");
    core::TextEdit e;
    e.range = {cons.startByte(), cons.endByte()};
    e.text = "{\n" + kept + inner + ret + "\n" + indent + "}";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
  core::Fix log{.title = "Log the error with slog", .applicability = core::Applicability::Safe};
  log.edits = goEnsureImport(ctx.file(), "log/slog");
  core::TextEdit e;
  e.range = {cons.startByte(), cons.endByte()};
  e.text = "{\n" + kept + inner + "slog.Error(\"" + name + " failed\", \"err\", " + errName + ")\n" + indent + "}";
  log.edits.push_back(e);
  f.fixes.push_back(log);
}

}  // namespace

void go(ts::Node node, RuleContext& ctx) {
  auto src = ctx.source();
  if (node.type() == "if_statement") {
    ts::Node cond = node.field("condition");
    if (!cond || cond.type() != "binary_expression") return;
    if (cond.field("operator").text(src) != "!=" || cond.field("right").text(src) != "nil") return;
    auto left = cond.field("left").text(src);
    if (!(left == "err" || left.ends_with("Err") || left.ends_with("err") || left.ends_with("Error"))) return;
    ctx.countSite();
    ts::Node cons = node.field("consequence");
    if (!cons || !statements(cons).empty() || node.field("alternative")) return;
    auto comments = directComments(cons, src);
    if (std::any_of(comments.begin(), comments.end(), commentExplainsChoice)) return;
    bool intent = std::any_of(comments.begin(), comments.end(), commentStatesIntent);
    core::Finding& f = ctx.report(core::ByteRange{node.startByte(), cons.startByte()},
                                  "empty `if " + std::string(left) + " != nil {}` discards the error");
    while (f.range.end > f.range.start && src[f.range.end - 1] == ' ') --f.range.end;
    if (intent) {
      f.severity = core::Severity::Info;
      f.message = "empty `if " + std::string(left) + " != nil {}` discards the error on purpose (commented)";
    }
    goFixes(f, ctx, cons, std::string(left));
    return;
  }
  // _ = f()  /  v, _ := f()
  ts::Node lhs = node.field("left");
  ts::Node rhs = node.field("right");
  if (!lhs || !rhs || rhs.namedChildCount() != 1) return;
  ts::Node call = rhs.namedChild(0);
  if (call.type() != "call_expression") return;
  std::uint32_t n = lhs.namedChildCount();
  if (n == 0 || lhs.namedChild(n - 1).text(src) != "_") return;
  auto callee = calleeText(call, src);
  int results = 0;
  for (const auto& c : kGoFallible)
    if (c.name == callee) results = c.results;
  if (!results) {
    auto name = calleeName(call, src);
    if (callee.find('.') != std::string_view::npos) {
      if (std::find(kGoErrMethods.begin(), kGoErrMethods.end(), name) != kGoErrMethods.end()) results = 1;
      if (std::find(kGoPairMethods.begin(), kGoPairMethods.end(), name) != kGoPairMethods.end()) results = 2;
    }
  }
  if (results == 0 || static_cast<std::uint32_t>(results) != n) return;
  ctx.countSite();
  if (parsesToDefault(node, lhs, callee, src)) return;
  core::Finding& f = ctx.report(node, "error from `" + std::string(callee) + "` is assigned to `_` and lost: check it");
  blankFixes(f, ctx, node, lhs, call, n);
}

}  // namespace agentlens::rules::swallowed
