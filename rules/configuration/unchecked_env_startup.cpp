// One unset variable, one finding at start-up (see unchecked_env_startup.hpp).
#include "rules/configuration/unchecked_env_startup.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

namespace agentlens::rules {
namespace {

constexpr std::string_view kRule = "unchecked-env-config";

/// The variable a finding is about: the file's env read on its line whose name its message cites.
std::string envOf(const core::FileResult& fr, const core::Finding& f) {
  for (const auto& r : fr.facts.envReads)
    if (r.line == f.start.line && f.message.find(r.name) != std::string::npos) return r.name;
  return {};
}

std::string dirOf(std::string_view path) {
  auto s = path.find_last_of('/');
  return s == std::string_view::npos ? std::string() : std::string(path.substr(0, s));
}

bool under(std::string_view path, const std::string& dir) {
  return dir.empty() || (path.starts_with(dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

bool startsService(const core::FileResult& fr) {
  bool lang = fr.lang == core::Lang::Python || core::isJsFamily(fr.lang);
  return lang && (!fr.facts.appObjects.empty() || fr.facts.hasMainGuard);
}

/// The finding's line is a top-level statement (not indented): it runs when the module loads.
bool topLevel(const WorkspaceView& view, const core::FileResult& fr, const core::Finding& f) {
  auto text = view.read(fr.path);
  if (!text) return false;
  std::size_t at = 0;
  for (std::uint32_t line = 0; line < f.start.line && at != std::string::npos; ++line) {
    at = text->find('\n', at);
    if (at != std::string::npos) ++at;
  }
  return at != std::string::npos && at < text->size() && (*text)[at] != ' ' && (*text)[at] != '\t';
}

}  // namespace

void envGapsReportedAtStartup(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  // (folder of the start-up module, variable) → the start-up finding's file and line.
  std::set<std::pair<std::string, std::string>> startup;
  std::set<std::pair<std::string, std::uint32_t>> keep;
  for (const auto& fr : files) {
    if (!startsService(fr)) continue;
    for (const auto& f : fr.findings) {
      if (f.ruleId != kRule) continue;
      std::string env = envOf(fr, f);
      if (env.empty() || !topLevel(view, fr, f)) continue;
      startup.insert({dirOf(fr.path), env});
      keep.insert({fr.path, f.start.line});
    }
  }
  if (startup.empty()) return;
  for (auto& fr : files) {
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (f.ruleId != kRule || keep.count({fr.path, f.start.line})) return false;
      std::string env = envOf(fr, f);
      return !env.empty() && std::any_of(startup.begin(), startup.end(), [&](const auto& s) {
               return s.second == env && under(fr.path, s.first);
             });
    });
  }
}

}  // namespace agentlens::rules
