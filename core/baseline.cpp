#include "core/baseline.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace agentlens::core {

std::string lineFingerprint(std::string_view excerpt) {
  // Whitespace is collapsed away entirely, so re-indenting or reformatting spaces keeps the
  // fingerprint; FNV-1a 64 is plenty to tell the lines of one file and rule apart.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : excerpt) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

Baseline::Baseline(std::vector<BaselineEntry> entries) : entries_(std::move(entries)) { index(); }

void Baseline::index() {
  std::stable_sort(entries_.begin(), entries_.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.path, a.line, a.rule) < std::tie(b.path, b.line, b.rule);
  });
  counts_.clear();
  for (const auto& e : entries_) ++counts_[Key{e.path, e.rule, e.fingerprint}];
}

void Baseline::addFindings(std::string_view relPath, const std::vector<Finding>& findings) {
  for (const auto& f : findings) {
    if (f.suppressedReason) continue;
    entries_.push_back({f.ruleId, std::string(relPath), lineFingerprint(f.excerpt), f.start.line + 1, f.message});
  }
  index();
}

std::size_t Baseline::apply(std::string_view relPath, std::vector<Finding>& findings, std::string_view reason) const {
  if (counts_.empty()) return 0;
  std::map<Key, std::size_t> seen;
  std::size_t n = 0;
  for (auto& f : findings) {
    if (f.suppressedReason) continue;
    Key k{std::string(relPath), f.ruleId, lineFingerprint(f.excerpt)};
    auto it = counts_.find(k);
    if (it == counts_.end()) continue;
    if (seen[k]++ >= it->second) continue;  // more occurrences now than accepted: the extra is new
    f.suppressedReason = std::string(reason);
    ++n;
  }
  return n;
}

Baseline Baseline::pruned(const std::map<std::string, const std::vector<Finding>*>& current,
                          const std::function<bool(const std::string&)>& keepUnscanned) const {
  std::vector<BaselineEntry> kept;
  std::map<Key, std::size_t> available;  // current occurrences per key
  for (const auto& [path, findings] : current)
    for (const auto& f : *findings)
      if (!f.suppressedReason) ++available[Key{path, f.ruleId, lineFingerprint(f.excerpt)}];
  for (const auto& e : entries_) {
    if (!current.count(e.path)) {
      if (keepUnscanned && keepUnscanned(e.path)) kept.push_back(e);
      continue;
    }
    auto it = available.find(Key{e.path, e.rule, e.fingerprint});
    if (it != available.end() && it->second > 0) {
      --it->second;
      kept.push_back(e);
    }
  }
  return Baseline(std::move(kept));
}

}  // namespace agentlens::core
