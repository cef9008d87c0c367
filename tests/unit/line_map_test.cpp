// core::mapLine: where a line of an older text is in the newer one, or nothing.
#include <doctest/doctest.h>

#include <string>

#include "core/text/line_map.hpp"

using agentlens::core::mapLine;

TEST_SUITE("unit") {
  TEST_CASE("mapLine: prefix and suffix lines follow insertions and deletions; edited lines are withdrawn") {
    std::string before = "a\nb\n\napp = App()\nrun()\n";
    CHECK(mapLine(before, before, 3) == 3u);
    // Three lines inserted at the top: everything below moves by three.
    std::string inserted = "x\ny\nz\n" + before;
    CHECK(mapLine(before, inserted, 0) == 3u);
    CHECK(mapLine(before, inserted, 3) == 6u);
    // Lines inside the changed middle: found when unique there, withdrawn when blank or edited.
    std::string middle = "a\nimport logging\nb\n\nlog = 1\n\napp = App()\nrun()\n";
    CHECK(mapLine(before, middle, 1) == 2u);
    CHECK(mapLine(before, middle, 3) == 6u);
    CHECK(mapLine(before, middle, 2) == 5u);  // the blank line before app = App() (common suffix)
    CHECK_FALSE(mapLine("a\n\nb\n", "x\n\n\nc\n", 1).has_value());  // a blank line in the middle: withdrawn
    std::string edited = "a\nb\n\napp = App(debug=False)\nrun()\n";
    CHECK_FALSE(mapLine(before, edited, 3).has_value());
    CHECK(mapLine(before, edited, 4) == 4u);
    // A deleted line is withdrawn; the lines after it move up.
    std::string deleted = "a\n\napp = App()\nrun()\n";
    CHECK_FALSE(mapLine(before, deleted, 1).has_value());
    CHECK(mapLine(before, deleted, 3) == 2u);
    CHECK_FALSE(mapLine(before, inserted, 99).has_value());
    // CRLF texts compare by line content.
    CHECK(mapLine("a\r\nb\r\n", "new\r\na\r\nb\r\n", 1) == 2u);
  }
}
