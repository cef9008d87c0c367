// RAII wrappers over the tree-sitter C API: Parser, Tree, Node (a value), TreeCursor, Query.
// Threading: a Tree is not thread-safe; copy() it (cheap, shared structure) before handing it to
// another thread. One Parser and one QueryCursor per thread. A Query is immutable once compiled
// and may be shared.
#pragma once
#include <tree_sitter/api.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/lang.hpp"

namespace agentlens::ts {

/// The grammar for a language, or nullptr when the language has none (Dockerfile, .env, …).
const TSLanguage* grammar(core::Lang lang);

/// The id of field `name` in `lang`, or 0 when the grammar has no such field. Thread-safe
/// (a small per-thread cache in front of ts_language_field_id_for_name).
[[nodiscard]] TSFieldId fieldId(const TSLanguage* lang, std::string_view name);

/// A syntax node: a small value, valid while its Tree lives and is not edited.
class Node {
 public:
  Node() = default;
  explicit Node(TSNode n) : n_(n) {}

  [[nodiscard]] bool isNull() const { return ts_node_is_null(n_); }
  explicit operator bool() const { return !isNull(); }

  [[nodiscard]] std::string_view type() const { return isNull() ? "" : ts_node_type(n_); }
  [[nodiscard]] TSSymbol symbol() const { return ts_node_symbol(n_); }
  [[nodiscard]] bool isNamed() const { return ts_node_is_named(n_); }
  [[nodiscard]] bool isError() const { return ts_node_is_error(n_); }
  [[nodiscard]] bool isMissing() const { return ts_node_is_missing(n_); }
  [[nodiscard]] bool hasError() const { return ts_node_has_error(n_); }

  [[nodiscard]] std::uint32_t startByte() const { return ts_node_start_byte(n_); }
  // A null node (a missing field) has no extent; tree-sitter's end accessors would dereference it.
  [[nodiscard]] std::uint32_t endByte() const { return isNull() ? startByte() : ts_node_end_byte(n_); }
  [[nodiscard]] TSPoint startPoint() const { return ts_node_start_point(n_); }
  [[nodiscard]] TSPoint endPoint() const { return isNull() ? startPoint() : ts_node_end_point(n_); }

  [[nodiscard]] std::uint32_t childCount() const { return ts_node_child_count(n_); }
  [[nodiscard]] std::uint32_t namedChildCount() const { return ts_node_named_child_count(n_); }
  [[nodiscard]] Node child(std::uint32_t i) const { return Node(ts_node_child(n_, i)); }
  [[nodiscard]] Node namedChild(std::uint32_t i) const { return Node(ts_node_named_child(n_, i)); }
  /// The child in field `name`, or a null node. The name is resolved to a field id through a
  /// per-thread cache (fieldId): tree-sitter's own lookup is a linear strncmp over the grammar's
  /// field names, which profiled at 15% of a cold check.
  [[nodiscard]] Node field(std::string_view name) const;
  [[nodiscard]] Node field(TSFieldId id) const {
    return isNull() || id == 0 ? Node() : Node(ts_node_child_by_field_id(n_, id));
  }
  /// The field name of child i, or "" when it has none.
  [[nodiscard]] std::string_view fieldNameOfChild(std::uint32_t i) const {
    const char* f = ts_node_field_name_for_child(n_, i);
    return f ? f : "";
  }
  [[nodiscard]] Node nextSibling() const { return Node(ts_node_next_sibling(n_)); }
  [[nodiscard]] Node prevSibling() const { return Node(ts_node_prev_sibling(n_)); }
  [[nodiscard]] Node nextNamedSibling() const { return Node(ts_node_next_named_sibling(n_)); }
  [[nodiscard]] Node prevNamedSibling() const { return Node(ts_node_prev_named_sibling(n_)); }
  /// O(depth): prefer the ancestor stack the rule engine keeps during its traversal.
  [[nodiscard]] Node parent() const { return Node(ts_node_parent(n_)); }

  /// The source text this node covers. `source` must be the text the tree was parsed from.
  [[nodiscard]] std::string_view text(std::string_view source) const {
    if (isNull()) return {};
    auto s = startByte(), e = endByte();
    if (s > source.size() || e > source.size() || e < s) return {};
    return source.substr(s, e - s);
  }
  /// The S-expression of the subtree (tests and debugging).
  [[nodiscard]] std::string sexp() const;

  [[nodiscard]] TSNode raw() const { return n_; }
  friend bool operator==(const Node& a, const Node& b) { return ts_node_eq(a.n_, b.n_); }

 private:
  TSNode n_{};
};

struct TreeDeleter {
  void operator()(TSTree* t) const noexcept { ts_tree_delete(t); }
};

/// An owned syntax tree.
class Tree {
 public:
  Tree() = default;
  explicit Tree(TSTree* t) : t_(t) {}
  [[nodiscard]] bool valid() const { return t_ != nullptr; }
  [[nodiscard]] Node root() const { return t_ ? Node(ts_tree_root_node(t_.get())) : Node(); }
  /// A cheap copy sharing structure: the way to hand a tree to another thread.
  [[nodiscard]] Tree copy() const { return t_ ? Tree(ts_tree_copy(t_.get())) : Tree(); }
  void edit(const TSInputEdit& e) {
    if (t_) ts_tree_edit(t_.get(), &e);
  }
  [[nodiscard]] const TSTree* raw() const { return t_.get(); }

 private:
  std::unique_ptr<TSTree, TreeDeleter> t_;
};

struct ParserDeleter {
  void operator()(TSParser* p) const noexcept { ts_parser_delete(p); }
};

/// One per thread. parse() returns an invalid Tree when the language has no grammar or the
/// deadline passed (the per-file time budget).
class Parser {
 public:
  Parser();
  [[nodiscard]] bool setLanguage(core::Lang lang);
  /// Parses `source` (reusing the edited `old` tree when given). Stops early, returning an
  /// invalid tree, once `deadline` passes or `*cancel` becomes true (both polled by tree-sitter's
  /// progress callback while it parses).
  [[nodiscard]] Tree parse(std::string_view source, const Tree* old = nullptr,
                           std::optional<std::chrono::steady_clock::time_point> deadline = {},
                           const std::atomic<bool>* cancel = nullptr);

 private:
  std::unique_ptr<TSParser, ParserDeleter> p_;
  std::optional<core::Lang> lang_;
};

/// A pre-order walk over a subtree with a TSTreeCursor: no recursion, so deeply nested input
/// cannot overflow the stack.
class TreeCursor {
 public:
  explicit TreeCursor(Node start) : c_(ts_tree_cursor_new(start.raw())) {}
  ~TreeCursor() { ts_tree_cursor_delete(&c_); }
  TreeCursor(const TreeCursor&) = delete;
  TreeCursor& operator=(const TreeCursor&) = delete;

  [[nodiscard]] Node node() const { return Node(ts_tree_cursor_current_node(&c_)); }
  bool gotoFirstChild() { return ts_tree_cursor_goto_first_child(&c_); }
  bool gotoNextSibling() { return ts_tree_cursor_goto_next_sibling(&c_); }
  bool gotoParent() { return ts_tree_cursor_goto_parent(&c_); }
  [[nodiscard]] TSFieldId fieldId() const { return ts_tree_cursor_current_field_id(&c_); }

 private:
  TSTreeCursor c_;
};

/// Calls fn(node) for every node of the subtree in pre-order; fn returns false to skip the
/// node's children. Iterative.
template <typename Fn>
void walk(Node start, Fn&& fn) {
  if (start.isNull()) return;
  TreeCursor c(start);
  for (;;) {
    bool descend = fn(c.node());
    if (descend && c.gotoFirstChild()) continue;
    for (;;) {
      if (c.node() == start) return;
      if (c.gotoNextSibling()) break;
      if (!c.gotoParent()) return;
    }
  }
}

/// True when any descendant (or the node itself) satisfies pred. Iterative, stops early.
template <typename Pred>
bool anyDescendant(Node start, Pred&& pred) {
  bool found = false;
  walk(start, [&](Node n) {
    if (found) return false;
    if (pred(n)) found = true;
    return !found;
  });
  return found;
}

struct QueryDeleter {
  void operator()(TSQuery* q) const noexcept { ts_query_delete(q); }
};

/// A compiled query, or the error (kind and byte offset in the query text).
struct QueryResult {
  std::shared_ptr<const TSQuery> query;
  TSQueryError error = TSQueryErrorNone;
  std::uint32_t errorOffset = 0;
  [[nodiscard]] bool ok() const { return query != nullptr; }
  [[nodiscard]] std::string errorMessage() const;
};
[[nodiscard]] QueryResult compileQuery(core::Lang lang, std::string_view source);

inline Node Node::field(std::string_view name) const {
  if (isNull()) return Node();
  return field(fieldId(ts_node_language(n_), name));
}

}  // namespace agentlens::ts
