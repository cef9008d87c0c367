// Property tests for Document::applyChanges and incremental reparsing: random LSP edit sequences
// on real files; after every step the Document's text equals an independently maintained text
// and the incremental tree equals a fresh parse of it (every node's type, byte range and points,
// and the S-expression). Fixed seeds; AGENTLENS_PROPERTY_SEED and AGENTLENS_PROPERTY_SCALE
// (a percentage of the default step counts) override them to reproduce or to soak.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/incremental.hpp"
#include "core/text/document.hpp"
#include "support/fixture.hpp"

namespace fs = std::filesystem;
using namespace agentlens;
using namespace agentlens::core;

namespace {

using Clock = std::chrono::steady_clock;

/// Deterministic everywhere (std distributions are implementation-defined).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : g_() % n; }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  std::mt19937_64 g_;
};

std::uint64_t envNumber(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 0) : fallback;
}

/// Length of a UTF-8 sequence from its lead byte; the corpus is checked to be valid UTF-8.
std::size_t seqLen(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

bool validUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 && (c < 0xC2 || c > 0xF4)) return false;
    std::size_t n = seqLen(c);
    if (i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

/// Reference offset → position, written independently of LineIndex: walk code points from the
/// start; "\r\n", "\r" and "\n" end a line.
Position refPosition(std::string_view text, std::size_t offset, PositionEncoding enc) {
  Position p;
  for (std::size_t i = 0; i < offset;) {
    char c = text[i];
    if (c == '\r' || c == '\n') {
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      ++p.line;
      p.character = 0;
      continue;
    }
    std::size_t n = seqLen(static_cast<unsigned char>(c));
    p.character += enc == PositionEncoding::Utf8 ? static_cast<std::uint32_t>(n)
                   : enc == PositionEncoding::Utf16 ? (n == 4 ? 2 : 1)
                                                    : 1;
    i += n;
  }
  return p;
}

/// Moves an offset back to a character boundary that is not between '\r' and '\n'.
std::size_t boundary(std::string_view text, std::size_t off) {
  off = std::min(off, text.size());
  while (off > 0 && off < text.size() &&
         ((static_cast<unsigned char>(text[off]) & 0xC0) == 0x80 || (text[off] == '\n' && text[off - 1] == '\r')))
    --off;
  return off;
}

const std::vector<std::string> kCommonSnippets = {
    "a", "x", "foo", "bar_baz", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "    ", "😀", "🚀🚀", "👩‍💻",
    "中文", "日本語", "é", "ß", "\"", "'", "(", ")", "[", "]", "{", "}", ",", ";", ":", "=", ".", "\\",
    "\"hello 世界\"", "'x'", "0", "42", "3.14", "\r\n\r\n", "return ", "if ", "else", "+", "-", "*", "<", ">",
};

const std::map<Lang, std::vector<std::string>> kLangSnippets = {
    {Lang::Python,
     {"\"\"\"", "'''", "\"\"\"doc 📄\"\"\"", "#", "# comment 😀\n", "def f(x):\n    return x\n", "f\"{x}\"",
      "f'{a[\"k\"]}'", "lambda: 0", "if x:\n    pass\n", "class C:\n    pass\n", "@decorator\n", "\\\n",
      "async ", "await ", "match x:\n    case 1:\n        pass\n", "    ", "        ", "b'\\x00'", "r'\\d'"}},
    {Lang::JavaScript,
     {"`", "${", "`${a}`", "/*", "*/", "/* 注释 */", "//", "// note\n", "/re+/g", "function g() {", "=> {",
      "}", "<div>", "</div>", "`line\nline`", "async ", "await ", "?.", "??", "...", "'use strict';\n",
      "const q = 1;\n", "#priv"}},
    {Lang::TypeScript,
     {"`", "${", "`${a}`", "/*", "*/", "//", "// note\n", ": string", "<T>", "interface I {", "type T = ",
      " as const", "enum E { A }", "=> {", "`a${b}c`", "readonly ", "?:", "satisfies ", "@dec\n", "<T,>"}},
    {Lang::Tsx,
     {"`", "${", "/*", "*/", "//", "<div>", "</div>", "<>", "</>", "{/* c */}", "<T,>", ": string",
      "<a href=\"x\">", "{x}", "className=\"c\"", "/>", "=> (", "`${a}`", "&amp;", "{`t`}"}},
    {Lang::Go,
     {"`", "/*", "*/", "//", "// note\n", "'x'", "'😀'", "func h() {\n}\n", ":=", "go ", "chan int",
      "`raw\nstring`", "map[string]int{", "defer ", "select {\n}\n", "[T any]", "package p\n", "\"%q\""}},
};

struct CorpusFile {
  std::string path;  // relative to the source dir
  Lang lang;
  std::string text;
};

std::vector<CorpusFile> loadCorpus() {
  fs::path root = testing::sourceDir();
  std::vector<CorpusFile> own, fixtures;
  auto add = [&](std::vector<CorpusFile>& into, const fs::path& p) {
    auto lang = detectLang(p.filename().string());
    if (!lang || !hasGrammar(*lang)) return;
    std::string text = testing::readText(p);
    if (!validUtf8(text)) return;
    into.push_back({fs::relative(p, root).generic_string(), *lang, std::move(text)});
  };
  for (const char* dir : {"tests/property/corpus", "examples"})
    for (const auto& e : fs::recursive_directory_iterator(root / dir))
      if (e.is_regular_file()) add(own, e.path());
  for (const auto& e : fs::recursive_directory_iterator(root / "tests/rules/fixtures"))
    if (e.is_regular_file()) add(fixtures, e.path());
  auto byPath = [](const CorpusFile& a, const CorpusFile& b) { return a.path < b.path; };
  std::sort(own.begin(), own.end(), byPath);
  // Rule fixtures grow with every rule: take the largest few per language so the suite's time
  // stays bounded (ties broken by path, so the choice is deterministic).
  std::sort(fixtures.begin(), fixtures.end(), [](const CorpusFile& a, const CorpusFile& b) {
    return a.text.size() != b.text.size() ? a.text.size() > b.text.size() : a.path < b.path;
  });
  std::map<Lang, int> taken;
  for (auto& f : fixtures)
    if (taken[f.lang]++ < 3) own.push_back(std::move(f));
  return own;
}

struct Step {
  std::vector<ContentChange> changes;
  PositionEncoding enc;
  bool singleChar = false;  // one change inserting or deleting one character
  std::string describe() const {
    std::string s = std::string("enc=") +
                    (enc == PositionEncoding::Utf8 ? "utf-8" : enc == PositionEncoding::Utf16 ? "utf-16" : "utf-32");
    for (const auto& c : changes) {
      if (c.range)
        s += " [" + std::to_string(c.range->start.line) + ":" + std::to_string(c.range->start.character) + "-" +
             std::to_string(c.range->end.line) + ":" + std::to_string(c.range->end.character) + "]";
      else
        s += " [full]";
      std::string t = c.text.size() > 40 ? c.text.substr(0, 40) + "…" : c.text;
      s += " \"" + t + "\"";
    }
    return s;
  }
};

/// Generates one batch of changes against `expected` and applies it to `expected`.
Step makeStep(Rng& rng, std::string& expected, const CorpusFile& f, std::size_t& cursor) {
  Step st;
  unsigned e = static_cast<unsigned>(rng.below(10));
  st.enc = e < 5 ? PositionEncoding::Utf16 : e < 9 ? PositionEncoding::Utf8 : PositionEncoding::Utf32;
  const auto& langSnips = kLangSnippets.at(f.lang);
  std::size_t nChanges = rng.chance(80) ? 1 : 2 + rng.below(3);
  for (std::size_t i = 0; i < nChanges; ++i) {
    if (rng.chance(1)) {  // a full-text change: back to the original with a small mutation
      std::string t = f.text;
      std::size_t at = boundary(t, rng.below(t.size() + 1));
      t.insert(at, rng.pick(kCommonSnippets));
      expected = t;
      st.changes.push_back({std::nullopt, std::move(t)});
      continue;
    }
    std::size_t start = 0, end = 0;
    std::string text;
    unsigned op = static_cast<unsigned>(rng.below(100));
    bool bigText = expected.size() > f.text.size() * 2 + 256;
    if (op < 30 && !bigText) {  // typing: one character at a moving cursor, sometimes a backspace
      cursor = boundary(expected, rng.chance(85) ? cursor : rng.below(expected.size() + 1));
      if (rng.chance(25) && cursor > 0) {
        start = boundary(expected, cursor - 1);
        end = cursor;
        cursor = start;
      } else {
        static const std::vector<std::string> kChars = {"a", "b", "_", " ", "(", ")", "{", "}", "\"", "'", "`",
                                                        "/", "*", "#", "\n", ":", ";", "<", ">", "é", "中", "😀"};
        text = rng.pick(kChars);
        start = end = cursor;
        cursor += text.size();
      }
    } else if (op < 55 && !bigText) {  // insert a snippet
      start = end = boundary(expected, rng.below(expected.size() + 1));
      text = rng.chance(50) ? rng.pick(langSnips) : rng.pick(kCommonSnippets);
    } else if (op < 80) {  // delete, mostly short, sometimes across many lines
      start = boundary(expected, rng.below(expected.size() + 1));
      std::size_t len = rng.chance(85) ? 1 + rng.below(12) : 1 + rng.below(400);
      end = boundary(expected, start + len);
    } else {  // replace a range with a snippet
      start = boundary(expected, rng.below(expected.size() + 1));
      end = boundary(expected, start + rng.below(30));
      text = rng.chance(50) ? rng.pick(langSnips) : rng.pick(kCommonSnippets);
    }
    // Inserting right after a lone '\r' or before a '\n' can join them into "\r\n"; that is
    // fine for the text, and positions are recomputed from the new text for the next change.
    Range rg{refPosition(expected, start, st.enc), refPosition(expected, end, st.enc)};
    st.singleChar = nChanges == 1 &&
                    ((text.empty() && end > start && seqLen(static_cast<unsigned char>(expected[start])) == end - start) ||
                     (start == end && !text.empty() && seqLen(static_cast<unsigned char>(text[0])) == text.size()));
    expected.replace(start, end - start, text);
    st.changes.push_back({rg, std::move(text)});
  }
  return st;
}

/// Compares two trees node by node (type, byte range, points, error and missing flags).
/// Returns "" when equal, else a description of the first difference.
std::string compareTrees(ts::Node a, ts::Node b) {
  ts::TreeCursor ca(a), cb(b);
  auto describe = [](ts::Node n) {
    return std::string(n.type()) + "@" + std::to_string(n.startByte()) + "-" + std::to_string(n.endByte()) + " (" +
           std::to_string(n.startPoint().row) + "," + std::to_string(n.startPoint().column) + ")-(" +
           std::to_string(n.endPoint().row) + "," + std::to_string(n.endPoint().column) + ")" +
           (n.isMissing() ? " MISSING" : "");
  };
  for (;;) {
    ts::Node x = ca.node(), y = cb.node();
    bool same = x.symbol() == y.symbol() && x.startByte() == y.startByte() && x.endByte() == y.endByte() &&
                x.startPoint().row == y.startPoint().row && x.startPoint().column == y.startPoint().column &&
                x.endPoint().row == y.endPoint().row && x.endPoint().column == y.endPoint().column &&
                x.isMissing() == y.isMissing() && x.isError() == y.isError() && x.childCount() == y.childCount();
    if (!same) return "incremental " + describe(x) + " vs fresh " + describe(y);
    bool da = ca.gotoFirstChild(), db = cb.gotoFirstChild();
    if (da != db) return "child mismatch at " + describe(x);
    if (da) continue;
    for (;;) {
      bool sa = ca.gotoNextSibling(), sb = cb.gotoNextSibling();
      if (sa != sb) return "sibling mismatch after " + describe(ca.node());
      if (sa) break;
      bool pa = ca.gotoParent(), pb = cb.gotoParent();
      if (!pa || !pb) return "";
    }
  }
}

struct Stats {
  std::size_t steps = 0;
  std::size_t changes = 0;
  std::map<std::string, std::vector<double>> singleCharMs;  // per file: incremental reparse times
};

void runFile(const CorpusFile& f, std::uint64_t seed, std::size_t rounds, std::size_t stepsPerRound, Stats& stats) {
  Rng rng(seed);
  for (std::size_t round = 0; round < rounds; ++round) {
    std::string expected = f.text;
    Document doc(f.path, f.lang, 0, expected);
    ParsedFile current = parseFile(f.path, f.lang, doc.text());
    std::size_t cursor = boundary(expected, rng.below(expected.size() + 1));
    for (std::size_t i = 0; i < stepsPerRound; ++i) {
      Step st = makeStep(rng, expected, f, cursor);
      auto where = [&] {
        return f.path + " seed=" + std::to_string(seed) + " round=" + std::to_string(round) + " step=" +
               std::to_string(i) + " " + st.describe();
      };
      ApplyResult r = doc.applyChanges(st.changes, st.enc, doc.version() + 1);
      if (!r.ok || r.clamped || doc.source() != expected) {
        FAIL_CHECK("text diverged: " << where() << (r.ok ? "" : " error=" + r.error));
        return;
      }
      auto t0 = Clock::now();
      ReparseResult rr = reparse(current, r.edits, doc.text(), r.fullReplace);
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      if (st.singleChar) stats.singleCharMs[f.path].push_back(ms);
      ParsedFile fresh = parseFile(f.path, f.lang, doc.text());
      if (!rr.file.tree.valid() || rr.incremental == r.fullReplace) {
        FAIL_CHECK("reparse produced no tree or the wrong mode: " << where());
        return;
      }
      std::string diff = compareTrees(rr.file.tree.root(), fresh.tree.root());
      std::string a = rr.file.tree.root().sexp(), b = fresh.tree.root().sexp();
      if (!diff.empty() || a != b) {
        FAIL_CHECK("tree differs from a fresh parse: " << where() << "\n  " << diff << "\n  incremental: " << a
                                                        << "\n  fresh:       " << b);
        return;
      }
      for (const TSRange& cr : rr.changedRanges) {
        if (cr.start_byte > cr.end_byte || cr.end_byte > doc.source().size()) {
          FAIL_CHECK("changed range out of bounds: " << where());
          return;
        }
      }
      current = std::move(rr.file);
      ++stats.steps;
      stats.changes += st.changes.size();
    }
  }
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

TEST_SUITE("property") {
  TEST_CASE("random edit sequences: document text and incremental trees stay exact") {
    const std::uint64_t baseSeed = envNumber("AGENTLENS_PROPERTY_SEED", 20261121);
    const std::uint64_t scale = envNumber("AGENTLENS_PROPERTY_SCALE", 100);
    std::vector<CorpusFile> corpus = loadCorpus();
    REQUIRE(corpus.size() >= 8);
    std::map<Lang, int> perLang;
    for (const auto& f : corpus) ++perLang[f.lang];
    for (Lang l : {Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Go}) {
      CAPTURE(langName(l));
      CHECK(perLang[l] >= 1);
    }

    Stats stats;
    auto t0 = Clock::now();
    for (std::size_t i = 0; i < corpus.size(); ++i) {
      const CorpusFile& f = corpus[i];
      bool own = f.path.rfind("tests/rules/", 0) != 0;
      std::size_t rounds = own ? 8 : 3;
      std::size_t steps = std::max<std::size_t>(1, 60 * scale / 100);
      std::uint64_t seed = baseSeed * 1000003 + i;
      runFile(f, seed, rounds, steps, stats);
    }
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();

    const CorpusFile* largest = &corpus.front();
    for (const auto& f : corpus)
      if (f.text.size() > largest->text.size()) largest = &f;
    std::vector<double> all;
    for (const auto& [path, v] : stats.singleCharMs) all.insert(all.end(), v.begin(), v.end());
    std::printf("property: %zu steps (%zu changes) over %zu files in %.1f s; 1-char incremental reparse median "
                "%.3f ms on %s (%zu bytes, n=%zu), %.3f ms over all files (n=%zu)\n",
                stats.steps, stats.changes, corpus.size(), secs, median(stats.singleCharMs[largest->path]),
                largest->path.c_str(), largest->text.size(), stats.singleCharMs[largest->path].size(), median(all),
                all.size());
    CHECK(stats.steps >= 1000);
  }
}
