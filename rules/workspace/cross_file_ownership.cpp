// object-access-without-ownership-check across files: see cross_file_ownership.hpp.
#include "rules/workspace/cross_file_ownership.hpp"

#include <map>

namespace agentlens::rules {

void ownershipNeedsAuth(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  std::map<std::pair<std::string, std::uint32_t>, bool> anonymous;  // (path, line) -> every route on it unauthenticated
  for (const auto& r : view.index().routes()) {
    auto key = std::make_pair(r.file->path, r.route.line);
    bool none = r.route.auth == core::AuthStatus::None;
    auto [it, fresh] = anonymous.emplace(key, none);
    if (!fresh) it->second = it->second && none;
  }
  for (auto& fr : files)
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (f.ruleId != "object-access-without-ownership-check") return false;
      auto it = anonymous.find({fr.path, f.start.line});
      return it != anonymous.end() && it->second;
    });
}

}  // namespace agentlens::rules
