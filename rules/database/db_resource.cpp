#include <cctype>
#include <regex>

#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/database/db_resource.hpp"

namespace agentlens::rules::dbres {

bool hasWord(std::string_view text, const std::string& pattern) {
  return std::regex_search(text.begin(), text.end(), std::regex(pattern));
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

/// True when `name` is handed back to the caller or yielded.
bool ownershipMoves(ts::Node fn, std::string_view src, std::string_view name, std::string_view returnKw) {
  bool moved = false;
  std::string re = "(^|[^\\w.])" + escape(name) + "($|[^\\w.(])";
  ts::walk(fn.field("body"), [&](ts::Node n) {
    if (moved) return false;
    auto t = n.type();
    if (t == "return_statement" || t == "yield" || t == "yield_expression") {
      if (hasWord(n.text(src), re)) moved = true;
      return false;
    }
    (void)returnKw;
    return true;
  });
  return moved;
}

bool inFinally(ts::Node fnBody, std::string_view src, const std::string& callPattern) {
  bool found = false;
  ts::walk(fnBody, [&](ts::Node n) {
    if (found) return false;
    if (n.type() == "finally_clause") {
      if (hasWord(n.text(src), callPattern)) found = true;
      return false;
    }
    return true;
  });
  return found;
}

void js(ts::Node decl, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node name = decl.field("name");
  ts::Node value = decl.field("value");
  if (!name || name.type() != "identifier" || !value) return;
  if (value.type() == "await_expression") value = value.namedChild(0);
  if (!value || value.type() != "call_expression" || calleeName(value, src) != "connect") return;
  ts::Node callee = value.field("function");
  if (callee.type() != "member_expression") return;
  std::string recv(callee.field("object").text(src));
  std::string lower;
  for (char c : recv) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("pool") == std::string::npos) return;
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  ctx.countSite();
  std::string id(name.text(src));
  if (ownershipMoves(fn, src, id, "return")) return;
  std::string release = escape(id) + "\\.release\\(";
  ts::Node body = fn.field("body");
  if (inFinally(body, src, release)) return;
  if (hasWord(body.text(src), release)) {
    ctx.report(decl, "`" + id + "` is released only on the happy path: a throwing query leaks it; release it in a `finally`");
    return;
  }
  auto& f = ctx.report(decl, "pooled client `" + id + "` is never released: the pool runs dry; release it in a `finally`");
  // Fix: wrap the statements after the declaration in try/finally.
  auto anc = ctx.ancestors();
  if (anc.size() < 2) return;
  ts::Node stmt = anc[anc.size() - 1];
  ts::Node block = anc[anc.size() - 2];
  if (block.type() != "statement_block") return;
  auto stmts = statements(block);
  std::size_t i = 0;
  while (i < stmts.size() && !(stmts[i] == stmt)) ++i;
  if (i + 1 >= stmts.size()) return;
  std::string indent(lineIndent(src, stmt.startByte()));
  std::string unit = indentUnit(src, ctx.lang());
  std::uint32_t from = lineStartOf(src, stmts[i + 1].startByte());
  std::uint32_t to = stmts.back().endByte();
  std::string inner;
  std::string_view rest = src.substr(from, to - from);
  bool atLineStart = true;
  for (char c : rest) {
    if (atLineStart && c != '\n') inner += unit;
    inner += c;
    atLineStart = c == '\n';
  }
  core::Fix fix{.title = "Release `" + id + "` in a finally", .applicability = core::Applicability::Safe};
  core::TextEdit e;
  e.range = {from, to};
  e.text = indent + "try {\n" + inner + "\n" + indent + "} finally {\n" + indent + unit + id + ".release();\n" + indent + "}";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

void jsConnectCallback(ts::Node call, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node fn = call.field("function");
  ts::Node args = call.field("arguments");
  if (!fn || fn.type() != "member_expression" || fn.field("property").text(src) != "connect" || !args ||
      args.namedChildCount() == 0)
    return;
  std::string recv(fn.field("object").text(src));
  for (auto& c : recv) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (recv.find("pool") == std::string::npos) return;
  ts::Node cb = args.namedChild(args.namedChildCount() - 1);
  if (cb.type() != "function_expression" && cb.type() != "arrow_function" && cb.type() != "function") return;
  auto params = paramNames(cb, src, ctx.lang());
  if (params.size() < 3 || !cb.field("body")) return;
  ctx.countSite();
  std::string client(params[1]), release(params[2]);
  auto body = cb.field("body").text(src);
  if (hasWord(body, "\\b" + escape(release) + "\\b") || hasWord(ctx.source(), escape(client) + "\\.release\\(") ||
      hasWord(ctx.source(), "\\.release\\(\\s*\\)"))
    return;
  ctx.report(call, "the pooled client of `" + std::string(fn.text(src)) + "(…)` is never released: `" + release +
                       "` is never called or passed on, so the client stays checked out for good; call `" + release +
                       "()` when done, or use `pool.query`");
}

}  // namespace agentlens::rules::dbres
