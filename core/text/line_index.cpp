#include "core/text/line_index.hpp"

#include <algorithm>
#include <cstring>

namespace agentlens::core {
namespace {

/// Length in bytes of the UTF-8 sequence starting at s[i], or 1 for an invalid byte.
std::uint32_t seqLen(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::uint32_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (n == 1) return 1;
  if (i + n > s.size()) return 1;
  for (std::uint32_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 1;
  return n;
}

std::uint32_t unitsOf(std::uint32_t bytes, PositionEncoding enc) {
  switch (enc) {
    case PositionEncoding::Utf8: return bytes;
    case PositionEncoding::Utf16: return bytes == 4 ? 2 : 1;
    case PositionEncoding::Utf32: return 1;
  }
  return 1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  // Built for every edit of an open document: scan with memchr (vectorised) when the text has
  // no carriage return, which is almost always; byte by byte otherwise.
  if (text.find('\r') == std::string_view::npos) {
    starts_.reserve(text.size() / 32 + 2);
    const char* base = text.data();
    const char* end = base + text.size();
    for (const char* p = base; p < end;) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (!nl) break;
      p = static_cast<const char*>(nl) + 1;
      starts_.push_back(static_cast<std::uint32_t>(p - base));
    }
    return;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      starts_.push_back(static_cast<std::uint32_t>(i + 1));
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      starts_.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
}

std::uint32_t LineIndex::lineStart(std::uint32_t line) const {
  return starts_[std::min<std::size_t>(line, starts_.size() - 1)];
}

std::uint32_t LineIndex::lineEnd(std::uint32_t line) const {
  line = std::min<std::uint32_t>(line, lineCount() - 1);
  std::uint32_t end = line + 1 < lineCount() ? starts_[line + 1] : static_cast<std::uint32_t>(text_.size());
  std::uint32_t start = starts_[line];
  if (end > start && text_[end - 1] == '\n') --end;
  if (end > start && text_[end - 1] == '\r') --end;
  return end;
}

std::string_view LineIndex::lineText(std::uint32_t line) const {
  auto s = lineStart(line);
  return text_.substr(s, lineEnd(line) - s);
}

std::uint32_t LineIndex::lineOf(std::uint32_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<std::uint32_t>(std::distance(starts_.begin(), it) - 1);
}

Position LineIndex::toPosition(std::uint32_t offset, PositionEncoding enc) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  std::uint32_t line = lineOf(offset);
  std::uint32_t start = starts_[line];
  std::uint32_t end = std::min(offset, lineEnd(line));
  std::uint32_t col = 0;
  for (std::uint32_t i = start; i < end;) {
    std::uint32_t n = seqLen(text_, i);
    if (i + n > end) break;  // offset inside a character: report its start
    col += unitsOf(n, enc);
    i += n;
  }
  return {line, col};
}

std::uint32_t LineIndex::toOffset(Position pos, PositionEncoding enc, bool* clamped) const {
  bool c = false;
  if (pos.line >= lineCount()) {
    if (clamped) *clamped = true;
    return static_cast<std::uint32_t>(text_.size());
  }
  std::uint32_t i = starts_[pos.line];
  std::uint32_t end = lineEnd(pos.line);
  std::uint32_t col = 0;
  while (col < pos.character) {
    if (i >= end) {
      c = true;
      break;
    }
    std::uint32_t n = seqLen(text_, i);
    std::uint32_t u = unitsOf(n, enc);
    if (col + u > pos.character) {  // inside a surrogate pair or a UTF-8 sequence
      c = true;
      break;
    }
    col += u;
    i += n;
  }
  if (clamped) *clamped = c;
  return i;
}

std::uint32_t LineIndex::unitLength(std::string_view s, PositionEncoding enc) {
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t n = seqLen(s, i);
    units += unitsOf(n, enc);
    i += n;
  }
  return units;
}

}  // namespace agentlens::core
