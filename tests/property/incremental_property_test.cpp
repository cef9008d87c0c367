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
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/incremental.hpp"
#include "core/text/document.hpp"
#include "support/fixture.hpp"
#include "support/tree_compare.hpp"

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
  for (const char* dir : {"tests/property/corpus", "examples/shop-prototype", "examples/shop-hardened"})
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

/// One change in bytes, with what it removed, so that it can be undone.
struct ByteChange {
  bool full = false;
  std::size_t start = 0, end = 0;  // in the text before the change
  std::string text;                // inserted (the whole new text when full)
  std::string removed;             // the replaced bytes (the whole old text when full)

  [[nodiscard]] ByteChange inverse() const {
    return ByteChange{full, start, start + (full ? removed.size() : text.size()), removed, text};
  }
};


struct Step {
  PositionEncoding enc = PositionEncoding::Utf16;
  std::vector<ByteChange> bytes;
  std::vector<ContentChange> changes;
  std::vector<TSInputEdit> expectedEdits;  // computed independently of Document
  bool singleChar = false;                 // one change inserting or deleting one character

  /// Converts `bc` to an LSP change against `expected`, applies it there and records the edit.
  void add(std::string& expected, ByteChange bc) {
    if (bc.full) {
      bc.removed = expected;
      expected = bc.text;
      expectedEdits.clear();  // a full text makes every earlier edit moot
      changes.push_back({std::nullopt, bc.text});
      bytes.push_back(std::move(bc));
      return;
    }
    bc.removed = expected.substr(bc.start, bc.end - bc.start);
    Range rg{refPosition(expected, bc.start, enc), refPosition(expected, bc.end, enc)};
    TSInputEdit e{};
    e.start_byte = static_cast<std::uint32_t>(bc.start);
    e.old_end_byte = static_cast<std::uint32_t>(bc.end);
    e.new_end_byte = static_cast<std::uint32_t>(bc.start + bc.text.size());
    e.start_point = testing::referencePoint(expected, bc.start);
    e.old_end_point = testing::referencePoint(expected, bc.end);
    expected.replace(bc.start, bc.end - bc.start, bc.text);
    e.new_end_point = testing::referencePoint(expected, bc.start + bc.text.size());
    if (bc.start != bc.end || !bc.text.empty()) expectedEdits.push_back(e);
    changes.push_back({rg, bc.text});
    bytes.push_back(std::move(bc));
  }

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

PositionEncoding pickEncoding(Rng& rng) {
  auto e = rng.below(10);
  return e < 5 ? PositionEncoding::Utf16 : e < 9 ? PositionEncoding::Utf8 : PositionEncoding::Utf32;
}

/// Generates one batch of changes against `expected` and applies it to `expected`.
Step makeStep(Rng& rng, std::string& expected, const CorpusFile& f, std::size_t& cursor) {
  Step st;
  st.enc = pickEncoding(rng);
  const auto& langSnips = kLangSnippets.at(f.lang);
  std::size_t nChanges = rng.chance(80) ? 1 : 2 + rng.below(3);
  for (std::size_t i = 0; i < nChanges; ++i) {
    if (rng.chance(1)) {  // a full-text change: the original with a small mutation
      std::string t = f.text;
      t.insert(boundary(t, rng.below(t.size() + 1)), rng.pick(kCommonSnippets));
      st.add(expected, ByteChange{true, 0, 0, std::move(t), {}});
      cursor = std::min(cursor, expected.size());
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
      text = rng.pick(rng.chance(50) ? langSnips : kCommonSnippets);
    }
    st.singleChar = nChanges == 1 &&
                    ((text.empty() && end > start && seqLen(static_cast<unsigned char>(expected[start])) == end - start) ||
                     (start == end && !text.empty() && seqLen(static_cast<unsigned char>(text[0])) == text.size()));
    // Inserting after a lone '\r' or before a '\n' can join them into "\r\n": fine, positions
    // of the next change are computed from the new text.
    st.add(expected, ByteChange{false, start, end, std::move(text), {}});
  }
  return st;
}

/// The batch that undoes `done` (its changes inverted, in reverse order).
Step undoStep(Rng& rng, std::string& expected, const Step& done) {
  Step st;
  st.enc = pickEncoding(rng);
  for (auto it = done.bytes.rbegin(); it != done.bytes.rend(); ++it) {
    ByteChange inv = it->inverse();
    // A change may have joined a '\r' and a '\n' into "\r\n"; LSP cannot address the point
    // between them, so widen the inverse over the pair and put the bytes back in its text.
    auto insideCrlf = [&](std::size_t off) {
      return off > 0 && off < expected.size() && expected[off - 1] == '\r' && expected[off] == '\n';
    };
    if (!inv.full && insideCrlf(inv.start)) {
      --inv.start;
      inv.text.insert(0, "\r");
    }
    if (!inv.full && insideCrlf(inv.end)) {
      ++inv.end;
      inv.text += "\n";
    }
    st.add(expected, std::move(inv));
  }
  return st;
}

struct Stats {
  std::size_t steps = 0;
  std::size_t changes = 0;
  std::size_t sequences = 0;
  std::size_t tolerated = 0;  // differences inside syntax errors (see checkStep)
  std::size_t commentPlacement = 0;  // a comment attached to the other side of a node boundary
  std::map<std::string, std::vector<double>> singleCharMs;  // per file: incremental reparse CPU time
  std::map<std::string, std::vector<double>> freshMs;       // per file: fresh parse CPU time
};

/// CPU time of the calling thread: the machine is shared, wall-clock would measure the others.
double threadMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::string editsText(const std::vector<TSInputEdit>& edits) {
  std::string s;
  for (const auto& e : edits)
    s += "{" + std::to_string(e.start_byte) + "," + std::to_string(e.old_end_byte) + "," +
         std::to_string(e.new_end_byte) + " (" + std::to_string(e.start_point.row) + "," +
         std::to_string(e.start_point.column) + ")(" + std::to_string(e.old_end_point.row) + "," +
         std::to_string(e.old_end_point.column) + ")(" + std::to_string(e.new_end_point.row) + "," +
         std::to_string(e.new_end_point.column) + ")} ";
  return s;
}

bool sameEdits(const std::vector<TSInputEdit>& a, const std::vector<TSInputEdit>& b) {
  return editsText(a) == editsText(b);
}

/// One file's random walk. Each round starts from the file's text, makes `steps` random batches,
/// then undoes them one batch at a time, so it ends on the original text again.
class Walk {
 public:
  Walk(const CorpusFile& f, std::uint64_t seed, Stats& stats) : f_(f), seed_(seed), rng_(seed), stats_(stats) {}

  bool run(std::size_t rounds, std::size_t steps) {
    for (round_ = 0; round_ < rounds; ++round_) {
      expected_ = f_.text;
      doc_.emplace(f_.path, f_.lang, 0, expected_);
      current_ = parseFile(f_.path, f_.lang, doc_->text());
      std::size_t cursor = boundary(expected_, rng_.below(expected_.size() + 1));
      std::vector<Step> done;
      for (step_ = 0; step_ < steps; ++step_) {
        done.push_back(makeStep(rng_, expected_, f_, cursor));
        if (!check(done.back())) return false;
      }
      for (; !done.empty(); done.pop_back(), ++step_) {
        if (!check(undoStep(rng_, expected_, done.back()))) return false;
      }
      ++stats_.sequences;
      if (expected_ != f_.text) {
        FAIL_CHECK(where() << ": undoing every step did not restore the original text");
        return false;
      }
    }
    return true;
  }

 private:
  std::string where() const {
    return f_.path + " seed=" + std::to_string(seed_) + " round=" + std::to_string(round_) + " step=" +
           std::to_string(step_);
  }

  /// Applies `st` to the Document and reparses; checks the text, the edits and the tree.
  /// Trees must be identical to a fresh parse whenever the fresh parse has no syntax error.
  /// Inside syntax errors tree-sitter's error recovery depends on which old nodes it reuses, so
  /// an incremental tree may legitimately group ERROR nodes differently from a fresh parse (the
  /// same happens when replaying the single edit on a fresh tree); those are counted, and the
  /// walk's undo phase must converge back to the exact fresh tree of the original text.
  bool check(const Step& st) {
    std::string before(doc_->source());
    ApplyResult r = doc_->applyChanges(st.changes, st.enc, doc_->version() + 1);
    if (!r.ok || r.clamped || doc_->source() != expected_) {
      FAIL_CHECK("text diverged: " << where() << " " << st.describe() << (r.ok ? "" : " error=" + r.error)
                                   << (r.clamped ? " (clamped)" : ""));
      return false;
    }
    if (!sameEdits(r.edits, st.expectedEdits)) {
      FAIL_CHECK("wrong TSInputEdits: " << where() << " " << st.describe() << "\n  got:      " << editsText(r.edits)
                                        << "\n  expected: " << editsText(st.expectedEdits));
      return false;
    }
    double t0 = threadMs();
    ReparseResult rr = reparse(current_, r.edits, doc_->text(), r.fullReplace);
    double t1 = threadMs();
    ParsedFile fresh = parseFile(f_.path, f_.lang, doc_->text());
    double t2 = threadMs();
    if (st.singleChar) stats_.singleCharMs[f_.path].push_back(t1 - t0);
    stats_.freshMs[f_.path].push_back(t2 - t1);
    if (!rr.file.tree.valid() || rr.incremental == r.fullReplace) {
      FAIL_CHECK("reparse produced no tree or the wrong mode: " << where() << " " << st.describe());
      return false;
    }
    ts::Node inc = rr.file.tree.root(), ref = fresh.tree.root();
    testing::TreeComparison cmp = testing::compareIncremental(inc, ref);
    if (cmp.kind == testing::TreeComparison::Kind::CommentPlacement) {
      ++stats_.commentPlacement;
    } else if (cmp.kind == testing::TreeComparison::Kind::InsideErrors) {
      ++stats_.tolerated;
    } else if (cmp.kind == testing::TreeComparison::Kind::Different) {
      dump(before, r.edits);
      FAIL_CHECK("tree differs from a fresh parse: " << where() << " " << st.describe() << "\n  " << cmp.detail);
      return false;
    }
    for (const TSRange& cr : rr.changedRanges) {
      if (cr.start_byte > cr.end_byte || cr.end_byte > doc_->source().size()) {
        FAIL_CHECK("changed range out of bounds: " << where());
        return false;
      }
    }
    current_ = std::move(rr.file);
    ++stats_.steps;
    stats_.changes += st.changes.size();
    return true;
  }

  /// With AGENTLENS_PROPERTY_DUMP=dir, writes the failing step's texts and edits for replay.
  void dump(const std::string& before, const std::vector<TSInputEdit>& edits) const {
    const char* root = std::getenv("AGENTLENS_PROPERTY_DUMP");
    if (!root) return;
    fs::path dir = fs::path(root) / (fs::path(f_.path).filename().string() + "." + std::to_string(round_) + "." +
                                     std::to_string(step_));
    fs::create_directories(dir);
    testing::writeText(dir / "before.txt", before);
    testing::writeText(dir / "after.txt", expected_);
    testing::writeText(dir / "edits.txt", editsText(edits));
  }

  const CorpusFile& f_;
  std::uint64_t seed_;
  Rng rng_;
  Stats& stats_;
  std::size_t round_ = 0, step_ = 0;
  std::string expected_;
  std::optional<Document> doc_;
  ParsedFile current_;
};

/// FNV-1a: a per-file seed that does not move when other corpus files come and go.
std::uint64_t hashPath(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
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
    std::clock_t c0 = std::clock();
    for (std::size_t i = 0; i < corpus.size(); ++i) {
      const CorpusFile& f = corpus[i];
      bool own = f.path.rfind("tests/rules/", 0) != 0;
      std::size_t rounds = own ? 5 : 2;
      std::size_t steps = std::max<std::size_t>(1, (own ? 30 : 25) * scale / 100);
      std::uint64_t seed = baseSeed ^ hashPath(f.path);
      Walk(f, seed, stats).run(rounds, steps);
    }
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;

    const CorpusFile* largest = &corpus.front();
    for (const auto& f : corpus)
      if (f.text.size() > largest->text.size()) largest = &f;
    std::vector<double> all;
    for (const auto& [path, v] : stats.singleCharMs) all.insert(all.end(), v.begin(), v.end());
    std::printf("property: %zu steps (%zu changes, %zu sequences) over %zu files in %.1f s wall, %.1f s CPU; %zu "
                "tree differences inside syntax errors tolerated, %zu comment placements at node boundaries\n",
                stats.steps, stats.changes, stats.sequences, corpus.size(), secs, cpu, stats.tolerated,
                stats.commentPlacement);
    std::printf("property: 1-char edit, incremental reparse CPU median %.3f ms vs fresh parse %.3f ms on %s "
                "(%zu bytes, n=%zu); all files: %.3f ms (n=%zu)\n",
                median(stats.singleCharMs[largest->path]), median(stats.freshMs[largest->path]), largest->path.c_str(),
                largest->text.size(), stats.singleCharMs[largest->path].size(), median(all), all.size());
    CHECK(stats.steps >= 1000);
    // Tolerated differences must stay rare: a wrong edit would make most error states differ.
    CHECK(stats.tolerated * 50 < stats.steps);
    CHECK(stats.commentPlacement * 50 < stats.steps);
  }

  TEST_CASE("timing: incremental reparse after 1-character edits") {
    // The largest corpus file as it is, and repeated to ~100 KB: insert a character at a random
    // place, reparse, delete it, reparse. CPU time of the calling thread.
    std::vector<CorpusFile> corpus = loadCorpus();
    const CorpusFile* largest = &corpus.front();
    for (const auto& f : corpus)
      if (f.text.size() > largest->text.size()) largest = &f;
    std::string big;
    while (big.size() < 100000) big += largest->text;
    for (const std::string* text : std::vector<const std::string*>{&largest->text, &big}) {
      Rng rng(42);
      Document doc(largest->path, largest->lang, 0, *text);
      ParsedFile cur = parseFile(doc.path(), doc.lang(), doc.text());
      std::vector<double> inc, fresh;
      int rounds = text == &big ? 25 : 100;
      for (int i = 0; i < rounds; ++i) {
        std::size_t at = boundary(doc.source(), rng.below(doc.source().size()));
        Position p = refPosition(doc.source(), at, PositionEncoding::Utf16);
        for (auto change : {ContentChange{Range{p, p}, "a"}, ContentChange{Range{p, {p.line, p.character + 1}}, ""}}) {
          ApplyResult r = doc.applyChanges({change}, PositionEncoding::Utf16, doc.version() + 1);
          REQUIRE(r.ok);
          double t0 = threadMs();
          ReparseResult rr = reparse(cur, r.edits, doc.text());
          double t1 = threadMs();
          ParsedFile f = parseFile(doc.path(), doc.lang(), doc.text());
          double t2 = threadMs();
          inc.push_back(t1 - t0);
          fresh.push_back(t2 - t1);
          cur = std::move(rr.file);
        }
      }
      CHECK(doc.source() == *text);
      CHECK(cur.tree.root().sexp() == parseFile(doc.path(), doc.lang(), doc.text()).tree.root().sexp());
      std::sort(inc.begin(), inc.end());
      std::printf("timing: %s x%zu (%zu bytes): 1-char edit reparse CPU median %.3f ms, p90 %.3f ms; fresh parse "
                  "median %.3f ms (n=%zu)\n",
                  largest->path.c_str(), text->size() / largest->text.size(), text->size(), inc[inc.size() / 2],
                  inc[inc.size() * 9 / 10], median(fresh), inc.size());
    }
  }
}
