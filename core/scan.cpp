#include "core/scan.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>

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
        auto p0 = std::chrono::steady_clock::now();
        std::uint64_t bytes = text->size();
        ParsedFile pf = parseFile(df.path, df.lang, std::move(text));
        double parseMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - p0).count();
        FileResult fr = analyzer.analyze(pf, *configs[i]);
        fr.absPath = df.absPath;
        fr.parseMs = parseMs;
        {
          std::lock_guard lock(mu);
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
