#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/incremental.hpp"
#include "core/text/document.hpp"

using namespace agentlens::core;

namespace {

ContentChange ranged(std::uint32_t l1, std::uint32_t c1, std::uint32_t l2, std::uint32_t c2, std::string text) {
  return ContentChange{Range{{l1, c1}, {l2, c2}}, std::move(text)};
}

ContentChange full(std::string text) { return ContentChange{std::nullopt, std::move(text)}; }

bool samePoint(TSPoint a, TSPoint b) { return a.row == b.row && a.column == b.column; }

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("document: emoji positions in the three encodings") {
    // "x = '😀'\n": the emoji starts at byte 5 and is 4 bytes, 2 UTF-16 units, 1 UTF-32 unit.
    for (auto [encoding, column] : {std::pair{PositionEncoding::Utf8, 9u}, std::pair{PositionEncoding::Utf16, 7u},
                                     std::pair{PositionEncoding::Utf32, 6u}}) {
      PositionEncoding enc = encoding;  // CAPTURE's lambda cannot capture a structured binding (clang 14)
      unsigned afterEmoji = column;
      CAPTURE(static_cast<int>(enc));
      Document d("a.py", Lang::Python, 1, "x = '😀'\ny = 1\n");
      auto r = d.applyChanges({ranged(0, afterEmoji, 0, afterEmoji, "!")}, enc, 2);
      REQUIRE(r.ok);
      CHECK_FALSE(r.clamped);
      CHECK(d.source() == "x = '😀!'\ny = 1\n");
      CHECK(d.version() == 2);
      REQUIRE(r.edits.size() == 1);
      CHECK(r.edits[0].start_byte == 9);
      CHECK(r.edits[0].old_end_byte == 9);
      CHECK(r.edits[0].new_end_byte == 10);
      CHECK(samePoint(r.edits[0].start_point, {0, 9}));
      CHECK(samePoint(r.edits[0].new_end_point, {0, 10}));
    }
  }

  TEST_CASE("document: replacing CJK text on a later line") {
    // Line 1 is "中文 = 2": 中 and 文 are 3 bytes, 1 UTF-16 unit each.
    Document d("a.py", Lang::Python, 0, "a = 1\n中文 = 2\n");
    auto r = d.applyChanges({ranged(1, 0, 1, 2, "名前")}, PositionEncoding::Utf16);
    REQUIRE(r.ok);
    CHECK(d.source() == "a = 1\n名前 = 2\n");
    REQUIRE(r.edits.size() == 1);
    const TSInputEdit& e = r.edits[0];
    CHECK(e.start_byte == 6);
    CHECK(e.old_end_byte == 12);
    CHECK(e.new_end_byte == 12);
    CHECK(samePoint(e.start_point, {1, 0}));
    CHECK(samePoint(e.old_end_point, {1, 6}));
    CHECK(samePoint(e.new_end_point, {1, 6}));
    // The same edit in UTF-8 units: columns are bytes.
    r = d.applyChanges({ranged(1, 6, 1, 6, "x")}, PositionEncoding::Utf8);
    REQUIRE(r.ok);
    CHECK(d.source() == "a = 1\n名前x = 2\n");
  }

  TEST_CASE("document: CRLF and lone CR line breaks") {
    Document d("a.js", Lang::JavaScript, 0, "a\r\nbb\rccc\nd");
    // Line 2 is "ccc" (after a lone CR). LSP counts the lone CR as a break, tree-sitter does not:
    // the TSPoint row stays 1 and its column counts the bytes of "bb\r".
    auto r = d.applyChanges({ranged(2, 1, 2, 2, "XY")}, PositionEncoding::Utf16);
    REQUIRE(r.ok);
    CHECK(d.source() == "a\r\nbb\rcXYc\nd");
    REQUIRE(r.edits.size() == 1);
    CHECK(r.edits[0].start_byte == 7);
    CHECK(samePoint(r.edits[0].start_point, {1, 4}));
    CHECK(samePoint(r.edits[0].old_end_point, {1, 5}));
    CHECK(samePoint(r.edits[0].new_end_point, {1, 6}));
    // A multi-line insertion with CRLF: the new end point counts '\n' rows and bytes after it.
    r = d.applyChanges({ranged(0, 1, 0, 1, "1\r\n22\r\n333")}, PositionEncoding::Utf16);
    REQUIRE(r.ok);
    CHECK(d.source() == "a1\r\n22\r\n333\r\nbb\rcXYc\nd");
    CHECK(samePoint(r.edits[0].start_point, {0, 1}));
    CHECK(samePoint(r.edits[0].new_end_point, {2, 3}));
    CHECK(r.edits[0].new_end_byte == 1 + 10);
  }

  TEST_CASE("document: deleting across lines gives the old end point") {
    Document d("a.go", Lang::Go, 0, "package x\n\nfunc f() {\n\treturn\n}\n");
    auto r = d.applyChanges({ranged(2, 9, 4, 0, "")}, PositionEncoding::Utf16);
    REQUIRE(r.ok);
    CHECK(d.source() == "package x\n\nfunc f() }\n");
    const TSInputEdit& e = r.edits[0];
    CHECK(e.start_byte == 20);
    CHECK(e.old_end_byte == 30);
    CHECK(e.new_end_byte == 20);
    CHECK(samePoint(e.start_point, {2, 9}));
    CHECK(samePoint(e.old_end_point, {4, 0}));
    CHECK(samePoint(e.new_end_point, {2, 9}));
  }

  TEST_CASE("document: a batch applies each change to the text left by the previous one") {
    Document d("a.py", Lang::Python, 3, "abc\ndef\n");
    auto r = d.applyChanges({ranged(0, 0, 0, 1, "X"), ranged(1, 0, 1, 0, "🎉\n"), ranged(2, 0, 2, 3, "")},
                            PositionEncoding::Utf16, 4);
    REQUIRE(r.ok);
    CHECK(d.source() == "Xbc\n🎉\n\n");
    REQUIRE(r.edits.size() == 3);
    CHECK(r.edits[1].start_byte == 4);
    CHECK(r.edits[1].new_end_byte == 9);
    CHECK(samePoint(r.edits[1].new_end_point, {2, 0}));
    CHECK(r.edits[2].start_byte == 9);  // "def" is now on line 2
    CHECK(r.edits[2].old_end_byte == 12);
    CHECK(samePoint(r.edits[2].start_point, {2, 0}));
  }

  TEST_CASE("document: full changes replace everything; later ranged ones apply on top") {
    Document d("a.ts", Lang::TypeScript, 1, "old text");
    auto r = d.applyChanges({ranged(0, 0, 0, 3, "zzz"), full("let a = 1;\n"), ranged(0, 4, 0, 5, "b")},
                            PositionEncoding::Utf16, 2);
    REQUIRE(r.ok);
    CHECK(r.fullReplace);
    CHECK(d.source() == "let b = 1;\n");
    REQUIRE(r.edits.size() == 1);  // only the change after the full text
    CHECK(r.edits[0].start_byte == 4);
  }

  TEST_CASE("document: clamping past line end, past the last line, inside a surrogate pair") {
    Document d("a.py", Lang::Python, 0, "a😀b\nxy");
    auto r = d.applyChanges({ranged(0, 99, 0, 99, "!")}, PositionEncoding::Utf16);
    REQUIRE(r.ok);
    CHECK(r.clamped);
    CHECK(d.source() == "a😀b!\nxy");
    r = d.applyChanges({ranged(0, 2, 0, 2, "?")}, PositionEncoding::Utf16);  // inside 😀
    REQUIRE(r.ok);
    CHECK(r.clamped);
    CHECK(d.source() == "a?😀b!\nxy");
    r = d.applyChanges({ranged(2, 0, 2, 0, "\nz")}, PositionEncoding::Utf16);  // one line past the end
    REQUIRE(r.ok);
    CHECK(r.clamped);
    CHECK(d.source() == "a?😀b!\nxy\nz");
    // A reversed range becomes an insertion at its start.
    r = d.applyChanges({ranged(1, 2, 1, 0, "_")}, PositionEncoding::Utf16);
    REQUIRE(r.ok);
    CHECK(r.clamped);
    CHECK(d.source() == "a?😀b!\nxy_\nz");
    CHECK(r.edits[0].old_end_byte == r.edits[0].start_byte);
  }

  TEST_CASE("document: a diverged change invalidates the document until a full text") {
    Document d("a.py", Lang::Python, 5, "one\ntwo\n");
    auto r = d.applyChanges({ranged(0, 0, 0, 1, "O"), ranged(7, 0, 7, 1, "x")}, PositionEncoding::Utf16, 6);
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.error.empty());
    CHECK(r.edits.empty());
    CHECK_FALSE(d.valid());
    CHECK(d.source().empty());  // never keeps a diverged copy
    CHECK(d.version() == 5);
    // Further ranged changes fail too ...
    r = d.applyChanges({ranged(0, 0, 0, 0, "x")}, PositionEncoding::Utf16, 7);
    CHECK_FALSE(r.ok);
    // ... until a full text arrives.
    r = d.applyChanges({full("fresh\n"), ranged(0, 0, 0, 1, "F")}, PositionEncoding::Utf16, 8);
    REQUIRE(r.ok);
    CHECK(d.valid());
    CHECK(d.source() == "Fresh\n");
    CHECK(d.version() == 8);
  }

  TEST_CASE("document: a version that does not increase invalidates") {
    Document d("a.py", Lang::Python, 5, "x\n");
    auto r = d.applyChanges({ranged(0, 0, 0, 0, "y")}, PositionEncoding::Utf16, 5);
    CHECK_FALSE(r.ok);
    CHECK_FALSE(d.valid());
    d.reset(9, "z\n");
    CHECK(d.valid());
    CHECK(d.version() == 9);
    CHECK(d.source() == "z\n");
  }

  TEST_CASE("document: snapshots survive later edits; no-op changes make no edit") {
    Document d("a.py", Lang::Python, 0, "abc");
    auto snap = d.text();
    auto r = d.applyChanges({ranged(0, 1, 0, 1, ""), ranged(0, 0, 0, 3, "xyz")}, PositionEncoding::Utf8);
    REQUIRE(r.ok);
    CHECK(r.edits.size() == 1);
    CHECK(*snap == "abc");
    CHECK(d.source() == "xyz");
  }

  TEST_CASE("incremental: reparse equals a fresh parse and reports changed ranges") {
    Document d("a.py", Lang::Python, 0, "def f(x):\n    return x\n\nprint(f(1))\n");
    ParsedFile pf = parseFile(d.path(), d.lang(), d.text());
    REQUIRE(pf.tree.valid());
    auto r = d.applyChanges({ranged(1, 11, 1, 12, "x + 1")}, PositionEncoding::Utf16, 1);
    REQUIRE(r.ok);
    ReparseResult rr = reparse(pf, r.edits, d.text());
    REQUIRE(rr.file.tree.valid());
    CHECK(rr.incremental);
    CHECK_FALSE(rr.timedOut);
    ParsedFile fresh = parseFile(d.path(), d.lang(), d.text());
    CHECK(rr.file.tree.root().sexp() == fresh.tree.root().sexp());
    REQUIRE_FALSE(rr.changedRanges.empty());
    CHECK(rr.changedRanges.front().start_point.row == 1);
    // The previous snapshot is untouched (its tree was copied before editing).
    CHECK(pf.tree.root().endByte() == pf.source().size());
    CHECK(pf.tree.root().sexp().find("binary_operator") == std::string::npos);

    // Opening a string re-lexes the rest of the file; still identical to a fresh parse.
    r = d.applyChanges({ranged(0, 0, 0, 0, "\"\"\"")}, PositionEncoding::Utf16, 2);
    REQUIRE(r.ok);
    rr = reparse(rr.file, r.edits, d.text());
    CHECK(rr.file.tree.root().sexp() == parseFile("a.py", Lang::Python, d.text()).tree.root().sexp());
  }

  TEST_CASE("incremental: full replacement, languages without a grammar, and the time budget") {
    ParsedFile pf = parseFile("a.js", Lang::JavaScript, std::make_shared<const std::string>("let a = 1;"));
    auto text = std::make_shared<const std::string>("const b = [1, 2];");
    ReparseResult rr = reparse(pf, {}, text, /*fullReplace=*/true);
    CHECK_FALSE(rr.incremental);
    CHECK(rr.changedRanges.empty());
    CHECK(rr.file.tree.root().sexp() == parseFile("a.js", Lang::JavaScript, text).tree.root().sexp());

    ParsedFile env = parseFile(".env", Lang::DotEnv, std::make_shared<const std::string>("A=1\n"));
    rr = reparse(env, {}, std::make_shared<const std::string>("A=2\n"));
    CHECK_FALSE(rr.file.tree.valid());
    CHECK_FALSE(rr.timedOut);
    CHECK(rr.file.source() == "A=2\n");

    // A large file with a zero budget times out instead of blocking.
    std::string big;
    for (int i = 0; i < 20000; ++i) big += "x" + std::to_string(i) + " = [" + std::to_string(i) + ", 'a']\n";
    rr = reparse("big.py", Lang::Python, agentlens::ts::Tree(), {}, std::make_shared<const std::string>(big), false,
                 std::chrono::milliseconds(0));
    CHECK(rr.timedOut);
    CHECK_FALSE(rr.file.tree.valid());
    // The thread's parser is usable again afterwards.
    rr = reparse("s.py", Lang::Python, agentlens::ts::Tree(), {}, std::make_shared<const std::string>("a = 1\n"));
    CHECK(rr.file.tree.valid());
    CHECK(rr.file.tree.root().sexp() == "(module (expression_statement (assignment left: (identifier) right: (integer))))");
  }

  TEST_CASE("incremental: a superseded job's cancel flag stops the parse") {
    std::string big;
    for (int i = 0; i < 40000; ++i) big += "def f" + std::to_string(i) + "(a, b):\n    return [a, b, '" + std::to_string(i) + "']\n";
    auto text = std::make_shared<const std::string>(big);
    // Set while the parse runs (from another thread, as Scheduler::update does): it stops early.
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      cancel = true;
    });
    auto t0 = std::chrono::steady_clock::now();
    ReparseResult rr = reparse("big.py", Lang::Python, agentlens::ts::Tree(), {}, text, false, {}, &cancel);
    auto took = std::chrono::steady_clock::now() - t0;
    canceller.join();
    ReparseResult whole = reparse("big.py", Lang::Python, agentlens::ts::Tree(), {}, text);  // no flag: completes
    REQUIRE(whole.file.tree.valid());
    // 1.8 MB takes far longer than 5 ms to parse: the flag arrives mid-parse.
    CHECK(rr.cancelled);
    CHECK_FALSE(rr.timedOut);
    CHECK_FALSE(rr.file.tree.valid());
    CHECK(took < std::chrono::seconds(5));
    // Already set: nothing is parsed; an unset flag changes nothing; the parser is reusable.
    std::atomic<bool> set{true};
    rr = reparse("big.py", Lang::Python, agentlens::ts::Tree(), {}, text, false, {}, &set);
    CHECK(rr.cancelled);
    CHECK_FALSE(rr.file.tree.valid());
    std::atomic<bool> unset{false};
    rr = reparse("s.py", Lang::Python, agentlens::ts::Tree(), {}, std::make_shared<const std::string>("a = 1\n"), false, {}, &unset);
    REQUIRE(rr.file.tree.valid());
    CHECK_FALSE(rr.cancelled);
    CHECK(rr.file.tree.root().sexp() == "(module (expression_statement (assignment left: (identifier) right: (integer))))");
  }

  TEST_CASE("incremental: a copied tree is reparsed on another thread while the original is read") {
    Document d("a.go", Lang::Go, 0, "package main\n\nfunc main() {\n\tx := 1\n\t_ = x\n}\n");
    ParsedFile pf = parseFile(d.path(), d.lang(), d.text());
    auto r = d.applyChanges({ranged(3, 6, 3, 7, "[]int{1, 2}")}, PositionEncoding::Utf16, 1);
    REQUIRE(r.ok);
    agentlens::ts::Tree copy = pf.tree.copy();  // made on the owning thread
    ReparseResult rr;
    std::thread worker([&] { rr = reparse(pf.path, pf.lang, std::move(copy), r.edits, d.text()); });
    std::string before = pf.tree.root().sexp();  // the owner keeps reading its own tree
    worker.join();
    CHECK(before == parseFile("a.go", Lang::Go, pf.text).tree.root().sexp());
    CHECK(rr.incremental);
    CHECK(rr.file.tree.root().sexp() == parseFile("a.go", Lang::Go, d.text()).tree.root().sexp());
    CHECK(rr.file.tree.root().sexp().find("composite_literal") != std::string::npos);
  }
}
