#include "rules/error_handling/auth_failure_500.hpp"

#include <regex>
#include <sstream>
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"

namespace agentlens::rules::authfail {
namespace {

/// `!session`, `!session.user`, `!user`, `not current_user`, `user is None`, joined by `||`/`or`.
bool missingIdentity(std::string_view cond, bool python) {
  std::string c(cond);
  if (c.find("&&") != std::string::npos || c.find(" and ") != std::string::npos) return false;
  static const std::string who = R"((\w+\.)*(session|user|currentUser|current_user|authUser|auth_user|token)\b)";
  static const std::regex js("^\\(?\\s*!\\s*" + who + "(\\s*\\|\\|\\s*!\\s*" + who + ")*\\s*\\)?$");
  static const std::regex py("^\\(?\\s*(not\\s+" + who + "|" + who + "\\s+is\\s+None)(\\s+or\\s+(not\\s+" + who + "|" + who +
                             "\\s+is\\s+None))*\\s*\\)?$");
  return std::regex_match(c, python ? py : js);
}

}  // namespace

void check(ts::Node ifStmt, RuleContext& ctx) {
  auto src = ctx.source();
  bool python = ctx.lang() == core::Lang::Python;
  ts::Node cond = ifStmt.field("condition");
  ts::Node cons = ifStmt.field("consequence");
  if (!cond || !cons || !missingIdentity(cond.text(src), python)) return;
  if (!enclosingHandler(ctx)) return;
  // The 5xx answer in the branch: `.status(500)`, `, 500` in a return, `status_code=500`, `abort(500)`.
  static const std::regex status(R"((\.status\(\s*5\d\d\s*\))|(,\s*5\d\d\s*\)?\s*$)|(status(_code)?\s*[:=]\s*5\d\d)|(abort\(\s*5\d\d))");
  std::string text(cons.text(src));
  std::smatch m;
  bool found = false;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (std::regex_search(line, m, status)) {
      found = true;
      break;
    }
  if (!found) return;
  auto what = cond.text(src);
  ctx.report(cond, "a request without a session or user (`" + std::string(what.substr(0, 40)) +
                       "`) is answered with a 5xx: clients, alerts and retries see a server error; answer 401");
}

}  // namespace agentlens::rules::authfail
