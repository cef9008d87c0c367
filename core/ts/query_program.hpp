// A compiled tree-sitter query plus its text predicates, which the C library parses but never
// evaluates: #eq?, #not-eq?, #match?, #not-match?, #any-of?, #not-any-of? (std::regex, ECMAScript).
// Immutable after compile(); share it across threads (each thread uses its own QueryCursor).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/ts/ts.hpp"

namespace agentlens::ts {

struct QueryPredicate {
  enum class Op : std::uint8_t { Eq, Match, AnyOf };
  Op op = Op::Eq;
  bool negate = false;
  std::uint32_t capture = 0;
  std::optional<std::uint32_t> otherCapture;  ///< #eq? @a @b
  std::vector<std::string> values;            ///< #eq? / #any-of? literals
  std::shared_ptr<const std::regex> regex;    ///< #match?
};

class QueryProgram {
 public:
  /// Compiles `source` for `lang`. On failure returns nullopt with a message and the byte offset
  /// of the problem in `source` (syntax errors, unknown node types or fields, unsupported or
  /// malformed predicates, invalid regular expressions).
  static std::optional<QueryProgram> compile(core::Lang lang, std::string_view source, std::string& error,
                                             std::uint32_t& errorOffset);

  [[nodiscard]] const TSQuery* raw() const { return query_.get(); }
  [[nodiscard]] std::uint32_t patternCount() const;
  /// Byte offset in the source where a pattern starts (maps a combined query back to its parts).
  [[nodiscard]] std::uint32_t patternStart(std::uint32_t pattern) const;
  [[nodiscard]] std::string_view captureName(std::uint32_t id) const;
  [[nodiscard]] std::optional<std::uint32_t> captureId(std::string_view name) const;
  /// Whether a match satisfies its pattern's predicates; `source` is the text the tree was parsed from.
  [[nodiscard]] bool satisfied(const TSQueryMatch& match, std::string_view source) const;

 private:
  std::shared_ptr<const TSQuery> query_;
  std::vector<std::vector<QueryPredicate>> predicates_;  // by pattern
};

}  // namespace agentlens::ts
