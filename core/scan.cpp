#include "core/scan.hpp"

#include "core/cancel.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>

#include "core/cache/result_cache.hpp"

namespace agentlens::core {

bool readFile(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size < 0) {
    error = "cannot determine size";
    return false;
  }
  in.seekg(0);
  out.resize(static_cast<std::size_t>(size));
  if (size > 0 && !in.read(out.data(), size)) {
    error = "read failed";
    return false;
  }
  return true;
}

std::string cacheFingerprint(std::string_view analyzerFingerprint, const FileConfig& config) {
  return std::string(analyzerFingerprint) + '\0' + config.fingerprint();
}

ScanResult scan(const std::vector<std::string>& roots, const Analyzer& analyzer, const ScanOptions& opts) {
  auto t0 = std::chrono::steady_clock::now();
  ScanResult result;
  std::vector<DiscoveredFile> files;
  for (const auto& root : roots) {
    DiscoveryResult d = discover(root, opts.discovery);
    bool prefix = roots.size() > 1;
    for (auto& f : d.files) {
      if (prefix && f.path != root) f.path = root + (root.ends_with('/') ? "" : "/") + f.path;
      files.push_back(std::move(f));
    }
    for (auto& s : d.skipped) result.skipped.push_back(std::move(s));
    for (auto& e : d.errors) result.errors.push_back(std::move(e));
  }

  // Configuration is resolved up front, on this thread: the resolver caches per directory and
  // excluded files never reach a worker.
  std::vector<std::shared_ptr<const FileConfig>> configs(files.size());
  if (opts.configFor) {
    std::vector<DiscoveredFile> kept;
    std::vector<std::shared_ptr<const FileConfig>> keptConfigs;
    for (std::size_t i = 0; i < files.size(); ++i) {
      auto cfg = opts.configFor(files[i]);
      if (cfg && cfg->excluded()) {
        result.skipped.push_back({files[i].path, cfg->excludedBy()});
        continue;
      }
      kept.push_back(std::move(files[i]));
      keptConfigs.push_back(std::move(cfg));
    }
    files = std::move(kept);
    configs = std::move(keptConfigs);
  }
  auto defaults = FileConfig::defaults();
  for (auto& c : configs)
    if (!c) c = defaults;

  std::vector<std::optional<FileResult>> slots(files.size());
  std::mutex mu;  // guards result.skipped / result.errors / stats
  std::atomic<std::size_t> next{0}, done{0};
  unsigned n = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(1, files.size())));

  const ResultCache* cache = opts.cache && opts.cache->enabled() ? opts.cache : nullptr;
  const std::string fingerprint = cache ? analyzer.fingerprint() : std::string();  // once, not per file

  auto worker = [&] {
    for (;;) {
      std::size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      const DiscoveredFile& df = files[i];
      auto text = std::make_shared<std::string>();
      std::string err;
      if (!readFile(df.absPath, *text, err)) {
        std::lock_guard lock(mu);
        result.errors.push_back(df.path + ": cannot read (" + err + ")");
      } else if (looksBinary(*text)) {
        std::lock_guard lock(mu);
        result.skipped.push_back({df.path, "binary"});
      } else if (isJsFamily(df.lang) && looksMinified(*text)) {
        std::lock_guard lock(mu);
        result.skipped.push_back({df.path, "minified"});
      } else {
        std::uint64_t bytes = text->size();
        std::uint64_t hash = contentHash(*text);
        std::string key;
        if (cache) {
          // The file's effective configuration is part of the key: a select/ignore/severity/option
          // change must never be answered with a result computed under the old settings.
          key = ResultCache::key(df.path, df.lang, *text, cacheFingerprint(fingerprint, *configs[i]));
          if (auto hit = cache->load(key)) {
            hit->absPath = df.absPath;
            hit->contentHash = hash;
            hit->parseMs = hit->analyzeMs = 0;
            {
              std::lock_guard lock(mu);
              result.stats.bytes += bytes;
              ++result.stats.cacheHits;
            }
            slots[i] = std::move(*hit);
            std::size_t d = done.fetch_add(1) + 1;
            if (opts.progress) opts.progress(d, files.size());
            continue;
          }
        }
        auto p0 = std::chrono::steady_clock::now();
        std::optional<std::chrono::steady_clock::time_point> deadline;
        if (opts.parseTimeout.count() > 0) deadline = p0 + opts.parseTimeout;
        ParsedFile pf = parseFile(df.path, df.lang, std::move(text), deadline);
        double parseMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - p0).count();
        // A file over its budget is reported as skipped and counts as done.
        auto skipOverBudget = [&](const char* reason) {
          {
            std::lock_guard lock(mu);
            result.skipped.push_back({df.path, reason});
          }
          std::size_t d = done.fetch_add(1) + 1;
          if (opts.progress) opts.progress(d, files.size());
        };
        if (hasGrammar(df.lang) && !pf.tree.valid()) {
          spdlog::debug("{}: parse timed out after {} ms, skipped", df.path, opts.parseTimeout.count());
          skipOverBudget("parse timed out");
          continue;
        }
        FileResult fr;
        {
          std::optional<std::chrono::steady_clock::time_point> budget;
          if (opts.analysisTimeout.count() > 0) budget = std::chrono::steady_clock::now() + opts.analysisTimeout;
          DeadlineScope scope(budget);
          fr = analyzer.analyze(pf, *configs[i]);
          if (scope.expired()) {
            spdlog::warn("{}: analysis took longer than {} ms, skipped", df.path, opts.analysisTimeout.count());
            skipOverBudget("analysis timed out");
            continue;
          }
        }
        spdlog::debug("{}: parsed in {:.1f} ms, analysed in {:.1f} ms, {} findings", df.path, parseMs, fr.analyzeMs,
                      fr.findings.size());
        // Messages never hold a secret in full (rules mask them): safe to log (a test checks it).
        for (const auto& f : fr.findings)
          spdlog::trace("{}:{}: {}: {}", df.path, f.start.line + 1, f.ruleId, f.message);
        fr.absPath = df.absPath;
        fr.contentHash = hash;
        fr.parseMs = parseMs;
        if (cache) cache->store(key, fr);
        {
          std::lock_guard lock(mu);
          if (cache) ++result.stats.cacheMisses;
          result.stats.bytes += bytes;
          result.stats.parseMs += parseMs;
          result.stats.analyzeMs += fr.analyzeMs;
        }
        slots[i] = std::move(fr);
      }
      std::size_t d = done.fetch_add(1) + 1;
      if (opts.progress) opts.progress(d, files.size());
    }
  };
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < n; ++k) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();

  for (auto& s : slots)
    if (s) result.files.push_back(std::move(*s));
  result.stats.files = result.files.size();
  std::sort(result.skipped.begin(), result.skipped.end(), [](auto& a, auto& b) { return a.path < b.path; });
  result.stats.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace agentlens::core
