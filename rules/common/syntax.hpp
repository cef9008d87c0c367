// Syntax helpers shared by rules: literal values, callee names, enclosing functions, comments.
// All work on tree-sitter nodes of the supported grammars; none walks the whole tree.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

/// The value of a plain string literal (no interpolation), or nullopt. Escapes are kept as written.
/// Python `string` without interpolation, JS `string` / substitution-free `template_string`,
/// Go interpreted and raw string literals.
std::optional<std::string_view> stringLiteralValue(ts::Node n, std::string_view src, core::Lang lang);
/// The byte range of a string literal's content (inside the quotes).
core::ByteRange stringContentRange(ts::Node n, std::string_view src);
/// True for a string node that interpolates (f-string, template with ${}, …).
bool isInterpolatedString(ts::Node n, core::Lang lang);

/// The call's callee as written, e.g. "requests.get", "console.log", "fmt.Println", "print".
/// Memoised per call node inside an analysis (every rule visiting a call asks for it).
std::string_view calleeText(ts::Node call, std::string_view src);
/// The last identifier of the callee ("get" for requests.get).
std::string_view calleeName(ts::Node call, std::string_view src);
/// The call's argument list node.
ts::Node callArguments(ts::Node call);

/// Engine only: while alive, this thread is analysing one tree, and per-thread memos keyed by
/// node (calleeText, sec::inDevelopmentOnlyCode) may answer from earlier calls. Outside a scope
/// (or in a new one) nothing is reused, so nodes of another tree never hit a stale entry.
class NodeMemoScope {
 public:
  NodeMemoScope();
  ~NodeMemoScope();
  NodeMemoScope(const NodeMemoScope&) = delete;
  NodeMemoScope& operator=(const NodeMemoScope&) = delete;
  /// The current scope's generation, or 0 outside any scope (memos off).
  static std::uint64_t generation();
};

/// The innermost enclosing function of the node being visited (from the context's ancestors).
ts::Node enclosingFunction(const RuleContext& ctx);
/// The function's name, or "" for anonymous functions.
std::string_view functionName(ts::Node fn, std::string_view src);
bool isFunctionNode(ts::Node n, core::Lang lang);

/// Named children that are not comments.
std::vector<ts::Node> statements(ts::Node block);
/// Text of the comments directly inside a node (not nested deeper than its block).
std::vector<std::string_view> directComments(ts::Node n, std::string_view src);
/// True when a comment reads as a deliberate decision ("intentionally", "ignore", "expected", …)
/// rather than a to-do.
bool commentStatesIntent(std::string_view comment);

/// Leading whitespace of the line containing `offset`.
std::string_view lineIndent(std::string_view src, std::uint32_t offset);
/// Byte offset of the start of the line containing `offset`.
std::uint32_t lineStartOf(std::string_view src, std::uint32_t offset);
/// The indentation unit used by a file (4 spaces, 2 spaces or a tab), guessed from its lines.
std::string indentUnit(std::string_view src, core::Lang lang);

/// SCREAMING_SNAKE form of an identifier (apiKey -> API_KEY, db-url -> DB_URL).
std::string screamingSnake(std::string_view name);

}  // namespace agentlens::rules

namespace agentlens::rules {
/// The next named sibling that is not a comment.
ts::Node nextStatement(ts::Node n);
/// Go: an edit inserting `line` (indented like `stmt`) on its own line after `stmt`, or after the
/// `if err != nil {…}` check that directly follows it. Trailing comments stay where they are.
core::TextEdit goInsertAfterErrCheck(ts::Node stmt, std::string_view src, std::string_view line);
}  // namespace agentlens::rules
