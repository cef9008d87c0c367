// An open document: its text, version and line index, and the conversion of LSP content changes
// into byte edits and tree-sitter TSInputEdits. The only place editor positions become bytes.
#pragma once
#include <tree_sitter/api.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.hpp"
#include "core/text/line_index.hpp"

namespace agentlens::core {

/// A range of positions [start, end) in the negotiated encoding (LSP `Range`).
struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

/// One LSP `TextDocumentContentChangeEvent`: with a range it replaces that range, without one it
/// replaces the whole text.
struct ContentChange {
  std::optional<Range> range;
  std::string text;
};

/// What applyChanges did.
struct ApplyResult {
  /// False when the batch could not be applied consistently: the Document is now invalid (its
  /// text is dropped) and the caller must discard its tree and wait for a full text.
  bool ok = true;
  /// True when a change without a range was applied: `edits` then describe only the changes
  /// after the last full replacement, and the tree must be parsed from scratch.
  bool fullReplace = false;
  /// True when a position was clamped (past a line's end, past the last line, inside a
  /// character or a surrogate pair, or a reversed range). The edit was still applied.
  bool clamped = false;
  /// One edit per applied ranged change, each relative to the text left by the previous one
  /// (the order ts_tree_edit must see them in). Byte offsets; TSPoint columns are bytes and rows
  /// count '\n' only, as tree-sitter's lexer does (a lone '\r' does not start a tree-sitter row).
  std::vector<TSInputEdit> edits;
  /// Why the batch failed (empty when ok).
  std::string error;
};

/// The text of an open file and its version. Owned by one session (single-threaded use): the
/// text is shared as an immutable `shared_ptr<const std::string>` so snapshots handed to workers
/// stay valid after later edits. Not thread-safe; text() snapshots are.
class Document {
 public:
  /// Largest text accepted: tree-sitter offsets are 32-bit; a larger change fails the batch.
  static constexpr std::size_t kMaxBytes = std::size_t{1} << 30;

  Document(std::string path, Lang lang, std::int64_t version, std::string text);
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  Document(Document&&) = default;
  Document& operator=(Document&&) = default;

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] Lang lang() const { return lang_; }
  [[nodiscard]] std::int64_t version() const { return version_; }
  /// False after a failed applyChanges, until a batch with a full-text change restores it.
  [[nodiscard]] bool valid() const { return valid_; }
  /// An immutable snapshot of the current text (empty string while invalid).
  [[nodiscard]] std::shared_ptr<const std::string> text() const { return text_; }
  [[nodiscard]] std::string_view source() const { return *text_; }
  /// Line index over the current text; invalidated by applyChanges.
  [[nodiscard]] const LineIndex& lines() const { return lines_; }

  /// Applies LSP content changes in order, each against the text left by the previous one.
  /// `newVersion`, when given, must be greater than the current version (LSP versions only
  /// increase); the version is updated only on success.
  ///
  /// Clamped (applied, logged, `clamped` set): a character past its line's end, a position on the
  /// line just past the last one (some clients use it for "end of file"), a position inside a
  /// multi-byte character or a surrogate pair (moved to the character's start), and a reversed
  /// range (its end is moved to its start).
  /// Fails (the Document becomes invalid, text dropped): a position more than one line past the
  /// last line (the client's copy has more lines than ours: the texts have diverged), a version
  /// that does not increase, a text larger than kMaxBytes, and any ranged change while the
  /// Document is invalid and no earlier change of the batch replaced the whole text.
  ApplyResult applyChanges(const std::vector<ContentChange>& changes, PositionEncoding enc,
                           std::optional<std::int64_t> newVersion = {});

  /// Replaces the whole text (didOpen, or a full-text didChange); makes the Document valid.
  void reset(std::int64_t version, std::string text);

 private:
  void setText(std::string text);
  void invalidate(ApplyResult& r, std::string why);

  std::string path_;
  Lang lang_;
  std::int64_t version_;
  bool valid_ = true;
  std::shared_ptr<const std::string> text_;
  LineIndex lines_;  // views *text_
};

/// The tree-sitter point (row = number of '\n' before the offset, column = bytes since the last
/// '\n') of a byte offset, clamped to the text's size.
[[nodiscard]] TSPoint tsPointAt(std::string_view text, std::uint32_t offset);

/// The point reached after inserting `inserted` at `start`.
[[nodiscard]] TSPoint tsPointAfter(TSPoint start, std::string_view inserted);

}  // namespace agentlens::core
