// Fuzz target: core::Document::applyChanges with arbitrary LSP content changes (ranges anywhere,
// reversed, past the end, inside characters; full-text changes; all three position encodings;
// versions that do not increase), then incremental reparsing.
//
// Oracles, after every batch:
//  - applyChanges agrees with a reference model written here from the contract in
//    core/text/document.hpp (success or failure, the resulting text, and the TSInputEdits);
//    the text oracle applies when every text is valid UTF-8 (the input's first byte chooses);
//  - after a successful batch the incrementally reparsed tree equals a fresh parse of the same
//    text (support/tree_compare, the property test's comparison).
#include <spdlog/spdlog.h>

#include <optional>
#include <string>
#include <vector>

#include "core/incremental.hpp"
#include "core/parsed_file.hpp"
#include "core/text/document.hpp"
#include "fuzz/fuzz_input.hpp"
#include "support/tree_compare.hpp"

using namespace agentlens;
using namespace agentlens::core;

namespace {

constexpr std::size_t kMaxText = 8192;  // deeper nesting than this only slows the fuzzer down

struct Lines {
  std::vector<std::size_t> starts{0};
  std::vector<std::size_t> contentEnds;  // end of each line before its break
};

Lines splitLines(std::string_view t) {
  Lines l;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n' || t[i] == '\r') {
      l.contentEnds.push_back(i);
      if (t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
      l.starts.push_back(i + 1);
    }
  }
  l.contentEnds.push_back(t.size());
  return l;
}

std::size_t utf8Len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

/// Reference position -> offset for valid UTF-8, per the Document contract: a line one past the
/// last is the end of the text, a character past the line's end is the line's end, a position
/// inside a character (or surrogate pair) is the character's start.
std::size_t refOffset(std::string_view t, const Lines& l, Position p, PositionEncoding enc) {
  if (p.line >= l.starts.size()) return t.size();
  std::size_t i = l.starts[p.line], end = l.contentEnds[p.line];
  std::uint64_t col = 0;
  while (i < end) {
    std::size_t n = utf8Len(static_cast<unsigned char>(t[i]));
    std::uint64_t units = enc == PositionEncoding::Utf8 ? n : enc == PositionEncoding::Utf16 ? (n == 4 ? 2 : 1) : 1;
    if (col + units > p.character) break;
    col += units;
    i += n;
  }
  return i;
}


bool samePoint(TSPoint a, TSPoint b) { return a.row == b.row && a.column == b.column; }

struct RefResult {
  bool ok = true;
  std::string text;
  std::vector<TSInputEdit> edits;
};

RefResult refApply(const std::string& text, bool valid, std::int64_t version, const std::vector<ContentChange>& changes,
                   PositionEncoding enc, std::int64_t newVersion) {
  RefResult r;
  if (newVersion <= version) return {false, "", {}};
  std::size_t first = 0;
  bool full = false;
  for (std::size_t i = changes.size(); i-- > 0;)
    if (!changes[i].range) {
      first = i;
      full = true;
      break;
    }
  if (full) {
    r.text = changes[first++].text;
  } else {
    if (!valid) return {false, "", {}};
    r.text = text;
  }
  for (std::size_t i = first; i < changes.size(); ++i) {
    Lines l = splitLines(r.text);
    const Range& rg = *changes[i].range;
    if (rg.start.line > l.starts.size() || rg.end.line > l.starts.size()) return {false, "", {}};
    std::size_t s = refOffset(r.text, l, rg.start, enc), e = refOffset(r.text, l, rg.end, enc);
    if (e < s) e = s;
    const std::string& ins = changes[i].text;
    if (s == e && ins.empty()) continue;
    TSInputEdit ed{};
    ed.start_byte = static_cast<std::uint32_t>(s);
    ed.old_end_byte = static_cast<std::uint32_t>(e);
    ed.new_end_byte = static_cast<std::uint32_t>(s + ins.size());
    ed.start_point = testing::referencePoint(r.text, s);
    ed.old_end_point = testing::referencePoint(r.text, e);
    r.text.replace(s, e - s, ins);
    ed.new_end_point = testing::referencePoint(r.text, s + ins.size());
    r.edits.push_back(ed);
  }
  return r;
}

std::string editText(const TSInputEdit& e) {
  return std::to_string(e.start_byte) + "," + std::to_string(e.old_end_byte) + "," + std::to_string(e.new_end_byte) +
         " (" + std::to_string(e.start_point.row) + ":" + std::to_string(e.start_point.column) + ")(" +
         std::to_string(e.old_end_point.row) + ":" + std::to_string(e.old_end_point.column) + ")(" +
         std::to_string(e.new_end_point.row) + ":" + std::to_string(e.new_end_point.column) + ")";
}

bool sameEdit(const TSInputEdit& a, const TSInputEdit& b) {
  return a.start_byte == b.start_byte && a.old_end_byte == b.old_end_byte && a.new_end_byte == b.new_end_byte &&
         samePoint(a.start_point, b.start_point) && samePoint(a.old_end_point, b.old_end_point) &&
         samePoint(a.new_end_point, b.new_end_point);
}

// Snippets that open and close constructs (strings, comments, blocks) and multi-byte characters:
// raw fuzz bytes rarely produce them.
const char* const kSnippets[] = {"\n", "\r\n", "\r", "    ", "\t", "\"", "'", "`", "\"\"\"", "/*", "*/", "//", "#",
                                 "(", ")", "{", "}", "[", "]", ":", "${", "def f(x):\n    return x\n",
                                 "function g() {\n}\n", "func h() {\n}\n", "<div>{x}</div>", "é", "中", "😀", "\xF0\x9F",
                                 "package p\n", "class C:\n    pass\n", "if (a) {", "} else {", "=>", "x", "0"};

std::string text(fuzz::Input& in, bool raw) {
  std::uint8_t k = in.byte();
  std::string s;
  if (k < 64) {
    s = kSnippets[k % std::size(kSnippets)];
  } else {
    s = std::string(in.take(k & 0x3f));
  }
  return raw ? s : fuzz::validUtf8(s);
}

Position position(fuzz::Input& in) {
  Position p;
  p.line = in.smallNumber();
  p.character = in.smallNumber();
  return p;
}

const char* pathOf(Lang l) {
  switch (l) {
    case Lang::Python: return "app.py";
    case Lang::JavaScript: return "app.js";
    case Lang::TypeScript: return "app.ts";
    case Lang::Tsx: return "app.tsx";
    default: return "main.go";
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::silenceLogs();
  fuzz::Input in(data, size);
  std::uint8_t head = in.byte();
  static constexpr Lang kLangs[] = {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Go};
  Lang lang = kLangs[(head & 0x7f) % 5];
  bool raw = head & 0x80;  // raw bytes: no text oracle (the reference model assumes UTF-8)
  std::string initial(in.take(in.u16() % 2048));
  if (!raw) initial = fuzz::validUtf8(initial);

  Document doc(pathOf(lang), lang, 0, initial);
  ParsedFile cur = parseFile(doc.path(), lang, doc.text());
  std::string expected = initial;
  bool expectedValid = true;

  for (int step = 0; step < 64 && !in.empty(); ++step) {
    std::uint8_t ctl = in.byte();
    auto enc = static_cast<PositionEncoding>(ctl % 3);
    std::size_t n = 1 + (ctl >> 2) % 4;
    std::int64_t newVersion = (ctl & 0xf0) == 0xf0 ? doc.version() : doc.version() + 1;
    std::vector<ContentChange> changes;
    for (std::size_t i = 0; i < n && !in.empty(); ++i) {
      std::uint8_t kind = in.byte();
      if (kind % 16 == 0) {
        changes.push_back({std::nullopt, text(in, raw)});
      } else {
        Position a = position(in);
        Position b = kind % 4 == 1 ? a : position(in);
        if (kind % 4 == 2) b.line = a.line + (b.line % 3);  // mostly forward ranges
        changes.push_back({Range{a, b}, text(in, raw)});
      }
    }
    if (changes.empty()) break;

    // The reference model assumes UTF-8 (it steps whole characters): raw inputs skip it.
    RefResult want = raw ? RefResult{} : refApply(expected, expectedValid, doc.version(), changes, enc, newVersion);
    ApplyResult got = doc.applyChanges(changes, enc, newVersion);
    if (!raw) {
      FUZZ_CHECK(got.ok == want.ok, "applyChanges ok=" + std::to_string(got.ok) + " but the reference says " +
                                        std::to_string(want.ok) + " (" + got.error + ")");
    }
    if (!got.ok) {
      FUZZ_CHECK(!doc.valid() && doc.source().empty(), "a failed batch must drop the text");
      expected.clear();
      expectedValid = false;
      cur = parseFile(doc.path(), lang, doc.text());
      continue;
    }
    FUZZ_CHECK(doc.valid(), "a successful batch leaves the document valid");
    if (!raw) {
      FUZZ_CHECK(doc.source() == want.text, "text differs from the reference model");
      FUZZ_CHECK(got.edits.size() == want.edits.size(),
                 "edit count " + std::to_string(got.edits.size()) + " vs " + std::to_string(want.edits.size()));
      for (std::size_t i = 0; i < got.edits.size(); ++i)
        FUZZ_CHECK(sameEdit(got.edits[i], want.edits[i]),
                   "edit " + std::to_string(i) + ": " + editText(got.edits[i]) + " vs " + editText(want.edits[i]));
    }
    expected = std::string(doc.source());
    expectedValid = true;

    ReparseResult rr = reparse(cur, got.edits, doc.text(), got.fullReplace);
    FUZZ_CHECK(rr.file.tree.valid(), "reparse produced no tree");
    ParsedFile fresh = parseFile(doc.path(), lang, doc.text());
    testing::TreeComparison cmp = testing::compareIncremental(rr.file.tree.root(), fresh.tree.root());
    FUZZ_CHECK(cmp.kind != testing::TreeComparison::Kind::Different, "incremental tree differs from a fresh parse: " + cmp.detail);
    for (const TSRange& r : rr.changedRanges)
      FUZZ_CHECK(r.start_byte <= r.end_byte && r.end_byte <= doc.source().size(), "changed range out of bounds");
    cur = std::move(rr.file);
    if (doc.source().size() > kMaxText) break;
  }
  return 0;
}
