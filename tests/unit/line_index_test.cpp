#include <doctest/doctest.h>

#include <string>

#include "core/text/line_index.hpp"

using namespace agentlens::core;

TEST_SUITE("unit") {
  TEST_CASE("line index: ASCII, LF, CRLF and lone CR") {
    std::string text = "ab\ncd\r\nef\rgh";
    LineIndex li(text);
    CHECK(li.lineCount() == 4);
    CHECK(li.lineText(0) == "ab");
    CHECK(li.lineText(1) == "cd");
    CHECK(li.lineText(2) == "ef");
    CHECK(li.lineText(3) == "gh");
    CHECK(li.toPosition(4, PositionEncoding::Utf16) == Position{1, 1});
    CHECK(li.toOffset({2, 1}, PositionEncoding::Utf16) == 8);
    // Inside "\r\n": reported as the end of the line's content.
    CHECK(li.toPosition(6, PositionEncoding::Utf16) == Position{1, 2});
  }

  TEST_CASE("line index: emoji and CJK in each encoding") {
    std::string text = "a😀b\n中文x";  // 😀 is 4 bytes, 2 UTF-16 units; 中 and 文 are 3 bytes each
    LineIndex li(text);
    std::uint32_t b = 1 + 4;  // byte offset of 'b'
    CHECK(li.toPosition(b, PositionEncoding::Utf8) == Position{0, 5});
    CHECK(li.toPosition(b, PositionEncoding::Utf16) == Position{0, 3});
    CHECK(li.toPosition(b, PositionEncoding::Utf32) == Position{0, 2});
    CHECK(li.toOffset({0, 3}, PositionEncoding::Utf16) == b);
    CHECK(li.toOffset({0, 2}, PositionEncoding::Utf32) == b);
    std::uint32_t x = static_cast<std::uint32_t>(text.find('x'));
    CHECK(li.toPosition(x, PositionEncoding::Utf16) == Position{1, 2});
    CHECK(li.toPosition(x, PositionEncoding::Utf8) == Position{1, 6});
    CHECK(li.toOffset({1, 2}, PositionEncoding::Utf16) == x);
  }

  TEST_CASE("line index: clamping never crashes") {
    std::string text = "a😀b\nxy";
    LineIndex li(text);
    bool clamped = false;
    // Inside the surrogate pair: moved to the pair's start.
    CHECK(li.toOffset({0, 2}, PositionEncoding::Utf16, &clamped) == 1);
    CHECK(clamped);
    // Past the end of a line: clamped to the line end.
    CHECK(li.toOffset({0, 99}, PositionEncoding::Utf16, &clamped) == 6);
    CHECK(clamped);
    // Past the last line: the end of the text.
    CHECK(li.toOffset({42, 0}, PositionEncoding::Utf16, &clamped) == text.size());
    CHECK(clamped);
    // Offsets past the end and inside a multi-byte character.
    CHECK(li.toPosition(1000, PositionEncoding::Utf16) == Position{1, 2});
    CHECK(li.toPosition(2, PositionEncoding::Utf16) == Position{0, 1});
  }

  TEST_CASE("line index: invalid UTF-8 counts one unit per byte") {
    std::string text = "a\xff\xfe" "b";
    LineIndex li(text);
    CHECK(li.toPosition(3, PositionEncoding::Utf16) == Position{0, 3});
    CHECK(LineIndex::unitLength(text, PositionEncoding::Utf16) == 4);
  }

  TEST_CASE("line index: empty text and trailing newline") {
    LineIndex empty("");
    CHECK(empty.lineCount() == 1);
    CHECK(empty.toPosition(0, PositionEncoding::Utf16) == Position{0, 0});
    std::string t = "x\n";
    LineIndex li(t);
    CHECK(li.lineCount() == 2);
    CHECK(li.toPosition(2, PositionEncoding::Utf16) == Position{1, 0});
  }
}
