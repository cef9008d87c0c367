// agentlens-bench: the measurement floor for bench/run.sh.
//   agentlens-bench floor [-j N] PATH...   parse-only pass over the files `check` would read
//   agentlens-bench reparse FILE [N]       N single-character edits, incremental reparse each
// Prints one JSON object per run on stdout.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/discovery.hpp"
#include "core/parsed_file.hpp"
#include "core/scan.hpp"

using namespace agentlens;
using Clock = std::chrono::steady_clock;

namespace {

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

int reparseCmd(const std::string& path, int edits) {
  auto lang = core::detectLang(path);
  std::string text, err;
  if (!lang || !core::hasGrammar(*lang) || !core::readFile(path, text, err)) {
    std::fprintf(stderr, "cannot read %s as source\n", path.c_str());
    return 2;
  }
  ts::Parser parser;
  if (!parser.setLanguage(*lang)) return 2;
  ts::Tree tree = parser.parse(text);
  std::mt19937 rng(42);
  std::vector<double> times;
  for (int i = 0; i < edits; ++i) {
    // Insert a space after a random space (keeps the file's structure: an "ordinary" edit).
    std::uint32_t at = 0;
    for (int tries = 0; tries < 100; ++tries) {
      at = static_cast<std::uint32_t>(rng() % text.size());
      if (text[at] == ' ') break;
    }
    std::uint32_t row = 0, col = 0;
    for (std::uint32_t k = 0; k < at; ++k) {
      if (text[k] == '\n') {
        ++row;
        col = 0;
      } else {
        ++col;
      }
    }
    auto t0 = Clock::now();
    text.insert(at, 1, ' ');
    TSInputEdit e{at, at, at + 1, {row, col}, {row, col}, {row, col + 1}};
    ts::Tree edited = tree.copy();
    edited.edit(e);
    tree = parser.parse(text, &edited);
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  auto pct = [&](double p) { return times[std::min(times.size() - 1, static_cast<std::size_t>(p * times.size()))]; };
  std::printf("{\"file\": \"%s\", \"bytes\": %zu, \"edits\": %d, \"medianMs\": %.3f, \"p99Ms\": %.3f}\n", path.c_str(),
              text.size(), edits, pct(0.5), pct(0.99));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fprintf(stderr, "usage: agentlens-bench floor [-j N] PATH... | reparse FILE [EDITS]\n");
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
  if (args[0] == "reparse" && args.size() >= 2) return reparseCmd(args[1], args.size() > 2 ? std::stoi(args[2]) : 1000);
  std::fprintf(stderr, "unknown command\n");
  return 2;
}
