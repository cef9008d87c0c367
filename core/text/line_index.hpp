// Line starts of a text and conversion between byte offsets and positions in UTF-8, UTF-16 or
// UTF-32 code units (LSP's three position encodings). Line breaks are "\n", "\r\n" and a lone "\r",
// as LSP defines them. The one place where columns change units.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace agentlens::core {

enum class PositionEncoding : std::uint8_t { Utf8, Utf16, Utf32 };

/// 0-based line and column; the column counts code units of the chosen encoding.
struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

/// A byte range [start, end) of a text.
struct ByteRange {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

/// Views `text`: the text must outlive the index and stay unchanged (Document keeps both).
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  [[nodiscard]] std::uint32_t lineCount() const { return static_cast<std::uint32_t>(starts_.size()); }
  /// Byte offset where a line starts (clamped to the last line).
  [[nodiscard]] std::uint32_t lineStart(std::uint32_t line) const;
  /// Byte offset of the end of a line's content, before its line break.
  [[nodiscard]] std::uint32_t lineEnd(std::uint32_t line) const;
  [[nodiscard]] std::string_view lineText(std::uint32_t line) const;
  /// The 0-based line containing a byte offset (offsets past the end map to the last line).
  [[nodiscard]] std::uint32_t lineOf(std::uint32_t offset) const;

  /// Offset → position. An offset past the end is clamped to the end; an offset inside a
  /// multi-byte character or a "\r\n" pair is moved back to the character's start.
  [[nodiscard]] Position toPosition(std::uint32_t offset, PositionEncoding enc) const;
  /// Position → offset. A line past the end clamps to the end of the text, a character past
  /// the end of its line clamps to the line's end, and one inside a surrogate pair to the pair's
  /// start. `clamped` (optional) is set when any clamping happened.
  [[nodiscard]] std::uint32_t toOffset(Position pos, PositionEncoding enc, bool* clamped = nullptr) const;

  /// Number of code units of `s` in an encoding (invalid UTF-8 bytes count as one unit each).
  [[nodiscard]] static std::uint32_t unitLength(std::string_view s, PositionEncoding enc);

 private:
  std::string_view text_;
  std::vector<std::uint32_t> starts_{0};
};

}  // namespace agentlens::core
