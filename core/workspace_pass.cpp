#include "core/workspace_pass.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/score/services.hpp"

namespace agentlens::core {
namespace {

using Key = std::tuple<std::string, std::uint32_t, std::uint32_t>;  // rule, range

Key keyOf(const Finding& f) { return {f.ruleId, f.range.start, f.range.end}; }

bool sameContent(const Finding& a, const Finding& b) {
  return a.message == b.message && a.severity == b.severity && a.confidence == b.confidence &&
         a.fixes.size() == b.fixes.size() && a.related.size() == b.related.size() &&
         a.suppressedReason == b.suppressedReason;
}

}  // namespace

void runWorkspacePass(const Analyzer& analyzer, std::vector<FileResult>& files, const Analyzer::SourceReader& read,
                      const ServiceOptions& services, const WorkspaceConfigLookup& configOf) {
  if (files.empty()) return;
  // The findings handed in obey their file's configuration already (as it was when they were
  // computed: the server may hold findings of a configuration being replaced, which their own
  // re-analysis, not this pass, updates).
  std::map<std::string, std::set<Key>> handedIn;
  if (configOf)
    for (const auto& file : files)
      for (const auto& f : file.findings) handedIn[file.path].insert(keyOf(f));
  analyzer.analyzeWorkspace(files, read, services);
  if (!configOf) return;
  // What the pass added obeys the configuration of the file it is anchored at.
  for (auto& file : files) {
    if (file.findings.empty()) continue;
    auto cfg = configOf(file);
    if (!cfg) continue;
    const auto in = handedIn.find(file.path);
    std::erase_if(file.findings, [&](const Finding& f) {
      if (in != handedIn.end() && in->second.count(keyOf(f))) return false;
      return cfg->excluded() || !cfg->enabled(f.ruleId, f.category);
    });
  }
}

FindingDelta diffFindings(const std::vector<Finding>& before, const std::vector<Finding>& after) {
  FindingDelta delta;
  // Output findings by key, in order: each input finding takes the first unused one.
  std::map<Key, std::vector<std::size_t>> out;
  for (std::size_t i = 0; i < after.size(); ++i) out[keyOf(after[i])].push_back(i);
  std::vector<bool> used(after.size(), false);
  for (const auto& f : before) {
    auto it = out.find(keyOf(f));
    if (it == out.end() || it->second.empty()) {
      delta.removed.push_back(f);
      continue;
    }
    std::size_t j = it->second.front();
    it->second.erase(it->second.begin());
    used[j] = true;
    if (!sameContent(f, after[j])) delta.adjusted.emplace_back(f, after[j]);
  }
  for (std::size_t i = 0; i < after.size(); ++i)
    if (!used[i]) delta.added.push_back(after[i]);
  return delta;
}

void applyDelta(std::vector<Finding>& findings, const FindingDelta& delta,
                const std::function<std::optional<std::uint32_t>(std::uint32_t)>* mapLine) {
  if (delta.removed.empty() && delta.adjusted.empty()) return;
  std::vector<bool> taken(findings.size(), false);
  // The first untaken finding that is `named` (as the pass saw it) in the current findings.
  auto find = [&](const Finding& named) -> std::optional<std::size_t> {
    std::optional<std::uint32_t> line;
    if (mapLine) {
      line = (*mapLine)(named.start.line);
      if (!line) return std::nullopt;  // its line was edited: the next pass judges it
    }
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const Finding& f = findings[i];
      if (taken[i] || f.ruleId != named.ruleId || f.message != named.message) continue;
      bool at = line ? f.start.line == *line : f.range.start == named.range.start && f.range.end == named.range.end;
      if (at) return i;
    }
    return std::nullopt;
  };
  std::vector<bool> drop(findings.size(), false);
  for (const auto& r : delta.removed)
    if (auto i = find(r)) drop[*i] = taken[*i] = true;
  for (const auto& [was, now] : delta.adjusted) {
    auto i = find(was);
    if (!i) continue;
    taken[*i] = true;
    Finding& f = findings[*i];
    if (!mapLine) {
      f = now;  // the same text: exactly what the pass produced
      continue;
    }
    // A newer text: the finding keeps its own position and fixes, and takes the pass's verdict.
    f.message = now.message;
    f.severity = now.severity;
    f.confidence = now.confidence;
    f.related = now.related;
  }
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (!drop[i]) kept.push_back(std::move(findings[i]));
  findings = std::move(kept);
}

}  // namespace agentlens::core
