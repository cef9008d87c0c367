#include "rules/database/page_size_cap.hpp"

#include <cctype>
#include <regex>
#include <string>

#include "rules/common/syntax.hpp"

namespace agentlens::rules::pagesize {
namespace {

bool pageSizeName(std::string_view name) {
  std::string l;
  for (char c : name)
    if (c != '_') l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l == "limit" || l == "pagesize" || l == "perpage" || l == "size" || l == "take" || l == "pagelimit";
}

/// An upper clamp in `text` for `name`: Math.min, a `<`/`<=` comparison, or `> N` with N > 0.
bool clamped(std::string_view text, const std::string& name) {
  if (text.find("Math.min") != std::string_view::npos || text.find("clamp") != std::string_view::npos) return true;
  std::regex upper("(\\b" + name + "\\b[^;\\n]*(<|>\\s*[1-9]))|((<|>)=?\\s*\\b" + name + "\\b)");
  std::string s(text);
  return std::regex_search(s, upper);
}

}  // namespace

void python(ts::Node param, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node name = param.field("name");
  ts::Node value = param.field("value");
  if (!name || !value || !pageSizeName(name.text(src)) || value.type() != "call") return;
  auto callee = calleeText(value, src);
  if (callee != "Query" && callee != "fastapi.Query") return;
  ts::Node args = value.field("arguments");
  if (!args) return;
  for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
    ts::Node a = args.namedChild(i);
    if (a.type() != "keyword_argument") continue;
    auto k = a.field("name").text(src);
    if (k == "le" || k == "lt") return;
  }
  auto& f = ctx.report(param, "`" + std::string(name.text(src)) +
                                  "` page size has no upper bound (`le=`): a client can ask for every row in one "
                                  "response; cap it, e.g. `le=100`");
  core::Fix fix{.title = "Cap the page size at 100", .applicability = core::Applicability::Unsafe};
  ts::Node last = args.namedChild(args.namedChildCount() - 1);
  core::TextEdit e;
  e.range = last ? core::ByteRange{last.endByte(), last.endByte()} : core::ByteRange{args.startByte() + 1, args.startByte() + 1};
  e.text = last ? ", le=100" : "le=100";
  fix.edits.push_back(e);
  f.fixes.push_back(fix);
}

void js(ts::Node decl, RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node name = decl.field("name");
  ts::Node value = decl.field("value");
  if (!name || !value || name.type() != "identifier" || !pageSizeName(name.text(src))) return;
  auto v = value.text(src);
  bool parsed = v.find("parseInt(") != std::string_view::npos || v.find("Number(") != std::string_view::npos;
  bool fromClient = std::regex_search(std::string(v), std::regex("(query|options|params|args|input)\\??\\.(limit|pageSize|page_size|perPage|per_page|size|take)\\b"));
  if (!parsed || !fromClient) return;
  std::string id(name.text(src));
  ts::Node fn = enclosingFunction(ctx);
  if (!fn) return;
  auto body = fn.text(src);
  if (clamped(v, id)) return;
  // A later clamp in the function: `if (limit > 100) …`, `Math.min(limit, …)`.
  auto rest = body.substr(decl.endByte() - fn.startByte());
  if (clamped(rest, id)) return;
  std::string uses = "(\\.limit\\(\\s*" + id + "\\s*\\))|(\\b(take|limit)\\s*:\\s*" + id + "\\b)";
  if (id == "take" || id == "limit") uses += "|([{,]\\s*" + id + "\\s*[,}])";  // `{ take, skip }`
  bool used = std::regex_search(std::string(rest), std::regex(uses));
  if (!used) return;
  ctx.report(decl, "`" + id + "` comes from the client with no upper bound: a client can ask for every row in one "
                              "response; cap it, e.g. `Math.min(" + id + ", 100)`");
}

}  // namespace agentlens::rules::pagesize
