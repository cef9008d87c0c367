// agentlens-bench: the measurement floor for bench/run.sh.
//   agentlens-bench floor [-j N] PATH...   parse-only pass over the files `check` would read
//   agentlens-bench reparse FILE EDITS     the edits of EDITS ("line col charcode" lines, 0-based,
//                                          byte columns): bare incremental reparse, and the
//                                          server's per-edit work (core::reparse + every rule)
// Prints one JSON object per run on stdout.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "core/discovery.hpp"
#include "core/incremental.hpp"
#include "core/parsed_file.hpp"
#include "core/scan.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"

using namespace agentlens;
using Clock = std::chrono::steady_clock;

namespace {

// CPU time of the calling thread: on a shared machine wall times include waiting for a core.
double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

long peakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int floorCmd(std::vector<std::string> paths, unsigned threads) {
  auto t0 = Clock::now();
  std::vector<core::DiscoveredFile> files;
  for (const auto& p : paths) {
    auto d = core::discover(p);
    files.insert(files.end(), d.files.begin(), d.files.end());
  }
  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> bytes{0}, parsed{0};
  auto worker = [&] {
    for (;;) {
      std::size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      if (!core::hasGrammar(files[i].lang)) continue;
      auto text = std::make_shared<std::string>();
      std::string err;
      if (!core::readFile(files[i].absPath, *text, err) || core::looksBinary(*text)) continue;
      if (core::isJsFamily(files[i].lang) && core::looksMinified(*text)) continue;
      bytes += text->size();
      auto pf = core::parseFile(files[i].path, files[i].lang, text);
      if (pf.tree.valid()) ++parsed;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < threads; ++k) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::printf("{\"files\": %llu, \"bytes\": %llu, \"wallMs\": %.1f, \"mbPerSec\": %.2f, \"peakRssKb\": %ld}\n",
              static_cast<unsigned long long>(parsed.load()), static_cast<unsigned long long>(bytes.load()), ms,
              bytes / 1e6 / (ms / 1000.0), peakRssKb());
  return 0;
}

// One edit of the benchmark's sequence: insert `text` at (line, byte column); a line of the file
// is "line col charcode". The LSP client
// (lsp_latency.mjs --edits-out) writes the same sequence it sends, so both sides see the same edits.
struct Edit {
  std::uint32_t line = 0, col = 0;
  std::string text;
};

std::vector<Edit> readEdits(const std::string& path) {
  std::vector<Edit> out;
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return out;
  unsigned line = 0, col = 0, code = 0;
  while (std::fscanf(f, "%u %u %u", &line, &col, &code) == 3)
    out.push_back({line, col, std::string(1, static_cast<char>(code))});
  std::fclose(f);
  return out;
}

std::uint32_t offsetOf(const std::string& text, std::uint32_t line, std::uint32_t col) {
  std::uint32_t at = 0;
  for (std::uint32_t l = 0; l < line && at < text.size(); ++at)
    if (text[at] == '\n') ++l;
  return std::min<std::uint32_t>(at + col, static_cast<std::uint32_t>(text.size()));
}

struct Percentiles {
  double median = 0, p99 = 0, max = 0;
};
Percentiles percentiles(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  auto at = [&](double p) { return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))]; };
  return {at(0.5), at(0.99), v.back()};
}

// Per edit, side by side on the same text: (a) the bare tree-sitter incremental reparse (edit a
// copy of the tree, reparse with it), (b) what the server does for an open document without the
// transport and the debounce: core::reparse (which also computes the changed ranges) and the
// full rule engine over the new tree.
int reparseCmd(const std::string& path, const std::string& editsPath) {
  auto lang = core::detectLang(path);
  std::string text, err;
  if (!lang || !core::hasGrammar(*lang) || !core::readFile(path, text, err)) {
    std::fprintf(stderr, "cannot read %s as source\n", path.c_str());
    return 2;
  }
  auto edits = readEdits(editsPath);
  if (edits.empty()) {
    std::fprintf(stderr, "no edits in %s\n", editsPath.c_str());
    return 2;
  }
  ts::Parser parser;
  if (!parser.setLanguage(*lang)) return 2;
  ts::Tree tree = parser.parse(text);
  std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
  rules::Engine engine(all);
  auto shared = std::make_shared<const std::string>(text);
  core::ParsedFile doc = core::parseFile(path, *lang, shared);
  std::vector<double> bare, reparsed, analyzed, total, bareCpu, totalCpu;
  for (const Edit& ed : edits) {
    std::uint32_t at = offsetOf(text, ed.line, ed.col);
    auto n = static_cast<std::uint32_t>(ed.text.size());
    TSInputEdit e{at, at, at + n, {ed.line, ed.col}, {ed.line, ed.col}, {ed.line, ed.col + n}};
    text.insert(at, ed.text);
    double c0 = threadCpuMs();
    auto t0 = Clock::now();
    ts::Tree edited = tree.copy();
    edited.edit(e);
    tree = parser.parse(text, &edited);
    auto t1 = Clock::now();
    bareCpu.push_back(threadCpuMs() - c0);
    bare.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());

    auto next = std::make_shared<const std::string>(text);
    double c2 = threadCpuMs();
    auto t2 = Clock::now();
    core::ReparseResult r = core::reparse(doc, std::span<const TSInputEdit>(&e, 1), next);
    auto t3 = Clock::now();
    [[maybe_unused]] core::FileResult fr = engine.analyze(r.file);
    auto t4 = Clock::now();
    totalCpu.push_back(threadCpuMs() - c2);
    reparsed.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
    analyzed.push_back(std::chrono::duration<double, std::milli>(t4 - t3).count());
    total.push_back(std::chrono::duration<double, std::milli>(t4 - t2).count());
    doc = std::move(r.file);
  }
  auto b = percentiles(bare), rp = percentiles(reparsed), an = percentiles(analyzed), tt = percentiles(total);
  auto bc = percentiles(bareCpu), tc = percentiles(totalCpu);
  std::printf(
      "{\"file\": \"%s\", \"bytes\": %zu, \"edits\": %zu, \"rules\": %zu, "
      "\"bareReparseMedianMs\": %.3f, \"bareReparseP99Ms\": %.3f, \"bareReparseMaxMs\": %.3f, "
      "\"coreReparseMedianMs\": %.3f, \"coreReparseP99Ms\": %.3f, "
      "\"rulesMedianMs\": %.3f, \"rulesP99Ms\": %.3f, "
      "\"reparseAndRulesMedianMs\": %.3f, \"reparseAndRulesP99Ms\": %.3f, \"reparseAndRulesMaxMs\": %.3f, "
      "\"bareReparseCpuMedianMs\": %.3f, \"bareReparseCpuP99Ms\": %.3f, "
      "\"reparseAndRulesCpuMedianMs\": %.3f, \"reparseAndRulesCpuP99Ms\": %.3f}\n",
      path.c_str(), text.size(), edits.size(), all.size(), b.median, b.p99, b.max, rp.median, rp.p99, an.median,
      an.p99, tt.median, tt.p99, tt.max, bc.median, bc.p99, tc.median, tc.p99);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fprintf(stderr, "usage: agentlens-bench floor [-j N] PATH... | reparse FILE EDITS_FILE\n");
    return 2;
  }
  if (args[0] == "floor") {
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::string> paths;
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "-j" && i + 1 < args.size()) threads = static_cast<unsigned>(std::stoi(args[++i]));
      else paths.push_back(args[i]);
    }
    return floorCmd(paths, threads);
  }
  if (args[0] == "reparse" && args.size() == 3) return reparseCmd(args[1], args[2]);
  std::fprintf(stderr, "unknown command\n");
  return 2;
}
