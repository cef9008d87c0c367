#include "rules/common/syntax.hpp"

#include <cctype>

namespace agentlens::rules {

bool isInterpolatedString(ts::Node n, core::Lang lang) {
  if (lang == core::Lang::Python) {
    for (std::uint32_t i = 0; i < n.namedChildCount(); ++i)
      if (n.namedChild(i).type() == "interpolation") return true;
    return false;
  }
  if (core::isJsFamily(lang) && n.type() == "template_string") {
    for (std::uint32_t i = 0; i < n.namedChildCount(); ++i)
      if (n.namedChild(i).type() == "template_substitution") return true;
  }
  return false;
}

std::optional<std::string_view> stringLiteralValue(ts::Node n, std::string_view src, core::Lang lang) {
  auto type = n.type();
  bool isString = false;
  if (lang == core::Lang::Python) isString = type == "string";
  else if (core::isJsFamily(lang)) isString = type == "string" || type == "template_string";
  else if (lang == core::Lang::Go) isString = type == "interpreted_string_literal" || type == "raw_string_literal";
  if (!isString || isInterpolatedString(n, lang)) return std::nullopt;
  auto r = stringContentRange(n, src);
  return src.substr(r.start, r.end - r.start);
}

core::ByteRange stringContentRange(ts::Node n, std::string_view src) {
  std::string_view t = n.text(src);
  std::uint32_t s = n.startByte(), e = n.endByte();
  // Skip a Python prefix (r, b, u, f…) and the opening quote run; mirror it at the end.
  std::size_t i = 0;
  while (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i]))) ++i;
  if (i < t.size()) {
    char q = t[i];
    std::size_t run = 0;
    while (i + run < t.size() && t[i + run] == q && run < 3) ++run;
    if (run == 2) run = 1;  // "" is an empty string, not an opening triple
    if (t.size() >= i + 2 * run) return {s + static_cast<std::uint32_t>(i + run), e - static_cast<std::uint32_t>(run)};
  }
  return {s, e};
}

namespace {
thread_local std::uint64_t tMemoGeneration = 0;  // 0: no scope open on this thread
thread_local std::uint64_t tMemoCounter = 0;
}  // namespace

NodeMemoScope::NodeMemoScope() { tMemoGeneration = ++tMemoCounter; }
NodeMemoScope::~NodeMemoScope() { tMemoGeneration = 0; }
std::uint64_t NodeMemoScope::generation() { return tMemoGeneration; }

std::string_view calleeText(ts::Node call, std::string_view src) {
  // Rules visiting the same call node ask in turn: a one-entry memo answers all but the first.
  struct Memo {
    std::uint64_t generation = 0;
    const void* id = nullptr;
    const char* src = nullptr;
    std::string_view text;
  };
  thread_local Memo memo;
  const std::uint64_t gen = NodeMemoScope::generation();
  const void* id = call.raw().id;
  if (gen != 0 && memo.generation == gen && memo.id == id && memo.src == src.data()) return memo.text;
  ts::Node fn = call.field("function");
  std::string_view text = fn ? fn.text(src) : std::string_view();
  if (gen != 0) memo = Memo{gen, id, src.data(), text};
  return text;
}

std::string_view calleeName(ts::Node call, std::string_view src) {
  std::string_view t = calleeText(call, src);
  auto dot = t.find_last_of('.');
  return dot == std::string_view::npos ? t : t.substr(dot + 1);
}

ts::Node callArguments(ts::Node call) { return call.field("arguments"); }

bool isFunctionNode(ts::Node n, core::Lang lang) {
  auto t = n.type();
  if (lang == core::Lang::Python) return t == "function_definition" || t == "lambda";
  if (lang == core::Lang::Go) return t == "function_declaration" || t == "method_declaration" || t == "func_literal";
  return t == "function_declaration" || t == "function_expression" || t == "arrow_function" ||
         t == "method_definition" || t == "generator_function_declaration" || t == "function";
}

ts::Node enclosingFunction(const RuleContext& ctx) {
  auto anc = ctx.ancestors();
  for (auto it = anc.rbegin(); it != anc.rend(); ++it)
    if (isFunctionNode(*it, ctx.lang())) return *it;
  return ts::Node();
}

std::string_view functionName(ts::Node fn, std::string_view src) {
  if (!fn) return "";
  ts::Node name = fn.field("name");
  if (name) return name.text(src);
  // const handler = () => {} / const handler = function () {}
  ts::Node p = fn.parent();
  if (p && p.type() == "variable_declarator") return p.field("name").text(src);
  if (p && p.type() == "pair") return p.field("key").text(src);
  return "";
}

std::vector<ts::Node> statements(ts::Node block) {
  std::vector<ts::Node> out;
  for (std::uint32_t i = 0; block && i < block.namedChildCount(); ++i) {
    ts::Node c = block.namedChild(i);
    if (c.type() == "comment") continue;
    if (c.type() == "statement_list") {  // Go blocks wrap statements in a list
      for (auto s : statements(c)) out.push_back(s);
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::vector<std::string_view> directComments(ts::Node n, std::string_view src) {
  // Pre-order over nested blocks with an explicit stack (`{{{…}}}` can be 100,000 deep).
  std::vector<std::string_view> out;
  std::vector<std::pair<ts::Node, std::uint32_t>> stack;
  if (n) stack.emplace_back(n, 0);
  while (!stack.empty()) {
    auto& [block, i] = stack.back();
    if (i >= block.namedChildCount()) {
      stack.pop_back();
      continue;
    }
    ts::Node c = block.namedChild(i++);
    if (c.type() == "comment") out.push_back(c.text(src));
    else if (c.type() == "block" || c.type() == "statement_block" || c.type() == "statement_list")
      stack.emplace_back(c, 0);
  }
  return out;
}

bool commentStatesIntent(std::string_view c) {
  std::string l;
  for (char ch : c) l += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (auto todo : {"todo", "fixme", "xxx", "hack"})
    if (l.find(todo) != std::string::npos) return false;
  // Anything else written in an otherwise empty handler is an explanation of the choice.
  std::size_t letters = 0;
  for (char ch : l)
    if (std::isalpha(static_cast<unsigned char>(ch))) ++letters;
  return letters >= 3;
}

std::uint32_t lineStartOf(std::string_view src, std::uint32_t offset) {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(src.size()));
  while (offset > 0 && src[offset - 1] != '\n' && src[offset - 1] != '\r') --offset;
  return offset;
}

std::string_view lineIndent(std::string_view src, std::uint32_t offset) {
  std::uint32_t s = lineStartOf(src, offset), e = s;
  while (e < src.size() && (src[e] == ' ' || src[e] == '\t')) ++e;
  return src.substr(s, e - s);
}

std::string indentUnit(std::string_view src, core::Lang lang) {
  if (lang == core::Lang::Go) return "\t";
  std::size_t best = 0;
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (i == 0 || src[i - 1] == '\n') {
      if (src[i] == '\t') return "\t";
      std::size_t n = 0;
      while (i + n < src.size() && src[i + n] == ' ') ++n;
      if (n > 0 && (best == 0 || n < best)) best = n;
    }
  }
  if (best == 0) best = lang == core::Lang::Python ? 4 : 2;
  return std::string(best, ' ');
}

std::string screamingSnake(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (std::isupper(static_cast<unsigned char>(c)) && i > 0 &&
        (std::islower(static_cast<unsigned char>(name[i - 1])) ||
         (i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1])) &&
          std::isupper(static_cast<unsigned char>(name[i - 1])))))
      out += '_';
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

}  // namespace agentlens::rules

namespace agentlens::rules {

ts::Node nextStatement(ts::Node n) {
  ts::Node s = n.nextNamedSibling();
  while (s && s.type() == "comment") s = s.nextNamedSibling();
  return s;
}

core::TextEdit goInsertAfterErrCheck(ts::Node stmt, std::string_view src, std::string_view line) {
  ts::Node after = stmt;
  ts::Node next = nextStatement(stmt);
  if (next && next.type() == "if_statement" && next.field("condition").text(src).find("!= nil") != std::string_view::npos)
    after = next;
  std::uint32_t at = after.endByte();
  while (at < src.size() && src[at] != '\n') ++at;
  core::TextEdit e;
  e.range = {at, at};
  e.text = "\n" + std::string(lineIndent(src, stmt.startByte())) + std::string(line);
  return e;
}

}  // namespace agentlens::rules
