// The oracle for incremental parsing, shared by the property test and the applyChanges fuzzer:
// an incrementally reparsed tree must equal a fresh parse of the same text.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "core/ts/ts.hpp"

namespace agentlens::testing {

/// Compares two trees node by node (type, byte range, points, error and missing flags).
/// Returns "" when equal, else a description of the first difference.
std::string compareTrees(ts::Node a, ts::Node b);

/// Tree-sitter attaches an extra (a comment) at a node boundary to whichever side the parse
/// reached it from: `const x = y // note` puts the comment inside the declaration on a fresh
/// parse and after it when the declaration node is reused. Same tokens, same structure.
bool differOnlyInCommentPlacement(ts::Node a, ts::Node b);

struct TreeComparison {
  enum class Kind {
    Same,              ///< identical nodes and S-expressions
    CommentPlacement,  ///< differOnlyInCommentPlacement
    InsideErrors,      ///< a tree has a syntax error and both span the same bytes (tolerated)
    Different,         ///< a real difference: `detail` says where
  } kind = Kind::Same;
  std::string detail;
};

/// Compares an incremental tree with a fresh parse of the same text. Inside syntax errors
/// tree-sitter's error recovery depends on which old nodes it reuses, so an incremental tree may
/// legitimately group ERROR nodes differently from a fresh parse: InsideErrors, not Different.
TreeComparison compareIncremental(ts::Node incremental, ts::Node fresh);

/// The point tree-sitter gives byte `offset` of `text` (rows count '\n' only, columns are bytes):
/// the reference the oracles build their expected TSInputEdits with.
TSPoint referencePoint(std::string_view text, std::size_t offset);

}  // namespace agentlens::testing
