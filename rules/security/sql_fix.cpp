// sql-built-from-strings: the parameterized rewrite (see sql_pieces.hpp).
#include <algorithm>
#include <cctype>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"
#include "rules/security/sql_pieces.hpp"

namespace agentlens::rules::sqlrule {

using core::Lang;

namespace {

enum class Style { None, Qmark, Format, Named, Dollar, DollarArgs, PrismaTagged };

Style styleFor(const RuleContext& ctx, std::string_view callee, bool textWrapped) {
  const auto& facts = ctx.facts();
  auto imports = [&](std::string_view m) { return facts.imports_(m); };
  auto importsPrefix = [&](std::string_view m) {
    return std::any_of(facts.imports.begin(), facts.imports.end(),
                       [&](const core::Import& i) { return i.module.starts_with(m); });
  };
  switch (ctx.lang()) {
    case Lang::Python:
      if (textWrapped) return Style::Named;
      if (imports("sqlite3") || imports("aiosqlite")) return Style::Qmark;
      if (imports("psycopg2") || imports("psycopg") || imports("pymysql") || imports("MySQLdb") ||
          imports("mysql.connector") || imports("aiomysql"))
        return Style::Format;
      if (imports("asyncpg")) return Style::DollarArgs;
      return Style::None;
    case Lang::Go:
      if (importsPrefix("github.com/lib/pq") || importsPrefix("github.com/jackc/pgx")) return Style::DollarArgs;
      if (importsPrefix("github.com/go-sql-driver/mysql") || importsPrefix("github.com/mattn/go-sqlite3") ||
          importsPrefix("modernc.org/sqlite") || importsPrefix("gorm.io/"))
        return Style::Qmark;
      return Style::None;
    default:
      if (callee.ends_with("$queryRawUnsafe") || callee.ends_with("$executeRawUnsafe")) return Style::PrismaTagged;
      if (imports("pg") || imports("postgres") || importsPrefix("@neondatabase/")) return Style::Dollar;
      if (imports("mysql") || imports("mysql2") || imports("mysql2/promise") || imports("sqlite3") ||
          imports("better-sqlite3"))
        return Style::Qmark;
      return Style::None;
  }
}

/// A parameter name for SQLAlchemy `:name` from the expression (`order_id`, `data["qty"]` → qty).
std::string paramName(ts::Node h, std::string_view src, std::size_t i, std::vector<std::string>& used) {
  std::string_view t = h.text(src);
  std::string cand;
  for (char c : t)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') cand += c;
    else cand.clear();
  if (cand.empty() || std::isdigit(static_cast<unsigned char>(cand[0]))) cand = "p" + std::to_string(i + 1);
  while (std::find(used.begin(), used.end(), cand) != used.end()) cand += "_" + std::to_string(i + 1);
  used.push_back(cand);
  return cand;
}

/// prisma.$queryRawUnsafe(`… ${x}`) -> prisma.$queryRaw`… ${x}`: the tag parameterizes.
void prismaTaggedFix(core::Finding& f, ts::Node call, ts::Node args, ts::Node query, std::string_view callee,
                     std::string_view src) {
  if (sec::positionalCount(args) != 1) return;
  ts::Node fnode = call.field("function");
  ts::Node prop = fnode.field("property");
  std::string tag = callee.ends_with("$queryRawUnsafe") ? "$queryRaw" : "$executeRaw";
  core::Fix fix{.title = "Use the tagged template " + tag + " (parameterized)",
                .applicability = core::Applicability::Unsafe};
  core::TextEdit e;
  e.range = {prop.startByte(), call.endByte()};
  e.text = tag + std::string(query.text(src));
  fix.edits.push_back(e);
  f.fixes.push_back(std::move(fix));
}

/// Every hole must be a value: after = < > ( , or a keyword like LIKE/IN, optionally quoted (the
/// quotes around a hole are dropped from `text`).
bool holesAreValues(std::vector<std::string>& text, std::size_t holes) {
  for (std::size_t i = 0; i < holes; ++i) {
    std::string& before = text[i];
    std::string& after = text[i + 1];
    if (!before.empty() && (before.back() == '\'' || before.back() == '"')) {
      char q = before.back();
      if (after.empty() || after.front() != q) return false;
      before.pop_back();
      after.erase(0, 1);
    }
    std::string_view b = before;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    if (b.empty()) return false;
    char c = b.back();
    std::string lb = sec::lowerCopy(b);
    bool value = c == '=' || c == '<' || c == '>' || c == '(' || c == ',' || lb.ends_with(" like") ||
                 lb.ends_with(" in") || lb.ends_with(" then") || lb.ends_with(" else");
    if (!value) return false;
    std::string_view a = after;
    if (!a.empty() && (std::isalnum(static_cast<unsigned char>(a.front())) || a.front() == '_' ||
                       a.front() == '.' || a.front() == '\'' || a.front() == '"'))
      return false;
  }
  return true;
}

/// The literal must not contain what the new placeholder syntax would misread.
bool placeholdersUnambiguous(const std::vector<std::string>& text, Style style) {
  for (auto& t : text) {
    if (style == Style::Format && t.find('%') != std::string::npos) return false;
    if (style == Style::Qmark && t.find('?') != std::string::npos) return false;
    if (style == Style::Named && t.find(':') != std::string::npos) return false;
  }
  return true;
}

/// Python: drop the f-string's brace escapes (`{{` -> `{`).
std::string literalText(std::string t, Lang lang) {
  if (lang != Lang::Python) return t;
  std::string u;
  for (std::size_t k = 0; k < t.size(); ++k) {
    u += t[k];
    if ((t[k] == '{' || t[k] == '}') && k + 1 < t.size() && t[k + 1] == t[k]) ++k;
  }
  return u;
}

/// The query with a placeholder per hole, the holes' text, and the `:name`s (Named style).
struct Parameterized {
  std::string sql;
  std::vector<std::string> holeText;
  std::vector<std::string> names;
};

Parameterized parameterize(const std::vector<std::string>& text, const Pieces& p, Style style, Lang lang,
                           std::string_view src) {
  Parameterized out;
  for (std::size_t i = 0; i < p.holes.size(); ++i) {
    out.sql += literalText(text[i], lang);
    out.holeText.emplace_back(p.holes[i].text(src));
    switch (style) {
      case Style::Qmark: out.sql += "?"; break;
      case Style::Format: out.sql += "%s"; break;
      case Style::Named: out.sql += ":" + paramName(p.holes[i], src, i, out.names); break;
      default: out.sql += "$" + std::to_string(i + 1); break;
    }
  }
  out.sql += literalText(text.back(), lang);
  return out;
}

/// Python: the same quote style without the f prefix, and the parameters right after the query
/// argument of the execute call (a dict for `:name`, positional for asyncpg, else a tuple).
bool pythonEdits(core::Fix& fix, const Parameterized& q, Style style, ts::Node args, ts::Node arg, ts::Node query,
                 std::string_view src) {
  core::TextEdit lit;
  lit.range = {query.startByte(), query.endByte()};
  std::string_view qt = query.text(src);
  std::size_t pi = 0;
  std::string prefix;
  while (pi < qt.size() && std::isalpha(static_cast<unsigned char>(qt[pi]))) {
    if (qt[pi] != 'f' && qt[pi] != 'F') prefix += qt[pi];
    ++pi;
  }
  std::size_t run = 1;
  while (pi + run < qt.size() && run < 3 && qt[pi + run] == qt[pi]) ++run;
  if (run == 2) run = 1;
  std::string quote(qt.substr(pi, run));
  lit.text = prefix + quote + q.sql + quote;
  if (sec::positionalCount(args) != 1) return false;
  const auto& holeText = q.holeText;
  std::string params;
  if (style == Style::Named) {
    params = "{";
    for (std::size_t i = 0; i < q.names.size(); ++i)
      params += (i ? ", \"" : "\"") + q.names[i] + "\": " + holeText[i];
    params += "}";
  } else if (style == Style::DollarArgs) {
    for (std::size_t i = 0; i < holeText.size(); ++i) params += (i ? ", " : "") + holeText[i];
  } else {
    params = "(";
    for (std::size_t i = 0; i < holeText.size(); ++i) params += (i ? ", " : "") + holeText[i];
    params += holeText.size() == 1 ? ",)" : ")";
  }
  core::TextEdit ins;
  ins.range = {arg.endByte(), arg.endByte()};
  ins.text = ", " + params;
  fix.edits.push_back(lit);
  fix.edits.push_back(ins);
  return true;
}

/// Go: fmt.Sprintf("…%s…", x) as the last argument -> "…$1…", x
bool goEdits(core::Fix& fix, const Parameterized& q, ts::Node args, ts::Node arg, ts::Node query) {
  if (sec::unwrap(arg) != query || args.namedChild(args.namedChildCount() - 1) != arg) return false;
  std::string lit2 = "\"" + q.sql + "\"";
  for (auto& h : q.holeText) lit2 += ", " + h;
  core::TextEdit lit;
  lit.range = {arg.startByte(), arg.endByte()};
  lit.text = lit2;
  fix.edits.push_back(lit);
  return true;
}

/// JS: a template literal with placeholders and the values array after it (before a callback).
bool jsEdits(core::Fix& fix, const Parameterized& q, ts::Node args, ts::Node arg, ts::Node query) {
  std::uint32_t n = sec::positionalCount(args);
  if (n > 2) return false;
  if (n == 2) {
    auto t2 = sec::positionalArg(args, 1).type();
    if (t2 != "arrow_function" && t2 != "function_expression" && t2 != "function") return false;
  }
  core::TextEdit lit;
  lit.range = {query.startByte(), query.endByte()};
  lit.text = "`" + q.sql + "`";
  std::string values = "[";
  for (std::size_t i = 0; i < q.holeText.size(); ++i) values += (i ? ", " : "") + q.holeText[i];
  values += "]";
  core::TextEdit ins;
  ins.range = {arg.endByte(), arg.endByte()};
  ins.text = ", " + values;
  fix.edits.push_back(lit);
  fix.edits.push_back(ins);
  return true;
}

}  // namespace

void addFix(core::Finding& f, RuleContext& ctx, ts::Node call, ts::Node args, ts::Node arg, ts::Node query,
            const Pieces& p, bool textWrapped) {
  auto src = ctx.source();
  Lang lang = ctx.lang();
  std::string_view callee = calleeText(call, src);
  Style style = styleFor(ctx, callee, textWrapped);
  if (style == Style::None) return;
  if (style == Style::PrismaTagged) return prismaTaggedFix(f, call, args, query, callee, src);
  std::vector<std::string> text = p.text;
  if (!holesAreValues(text, p.holes.size()) || !placeholdersUnambiguous(text, style)) return;
  Parameterized q = parameterize(text, p, style, lang, src);
  core::Fix fix{.title = "Pass the values as query parameters", .applicability = core::Applicability::Unsafe};
  bool ok = lang == Lang::Python ? pythonEdits(fix, q, style, args, arg, query, src)
            : lang == Lang::Go   ? goEdits(fix, q, args, arg, query)
                                 : jsEdits(fix, q, args, arg, query);
  if (ok) f.fixes.push_back(std::move(fix));
}

}  // namespace agentlens::rules::sqlrule
