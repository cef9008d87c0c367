// Workspace checks per service: the repository-wide run answers "does this repository have a
// health route, tests, a SIGTERM handler"; in a monorepo the answer of one service hides the gap
// of another. This pass re-runs the checks over each service's view and keeps what is new.
#include <algorithm>
#include <set>
#include <tuple>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

void addPerServiceFindings(std::vector<core::FileResult>& files, const WorkspaceView::Reader& read,
                           std::span<const WorkspaceCheck* const> checks, const core::ServiceOptions& services) {
  auto all = core::findServices(files, services);
  // Frontends and libraries have no server to check: the pass runs per service.
  auto isService = [](const core::ServiceRoot& s) { return s.kind == core::UnitKind::Service; };
  if (std::count_if(all.begin(), all.end(), isService) < 2) return;
  // What the repository-wide run reported: (rule, file). A service adds a check's finding only in
  // its own files and only where that rule has not spoken yet.
  std::set<std::pair<std::string, std::string>> reported;
  for (const auto& f : files)
    for (const auto& x : f.findings) reported.emplace(x.ruleId, f.path);

  // CI is a property of the repository (one pipeline runs every service's tests), not of a
  // service: its repository-wide answer stands.
  std::vector<const WorkspaceCheck*> perService;
  for (const WorkspaceCheck* c : checks)
    if (c->meta().id != "ci-missing-or-not-testing") perService.push_back(c);

  std::vector<core::Finding> added;
  SitesByPath sites;
  for (const auto& svc : all) {
    if (!isService(svc)) continue;
    std::vector<const core::FileResult*> view;
    std::set<std::string> own;
    for (const auto& f : files) {
      auto m = core::membershipOf(f.path, all, services);
      // A frontend's or library's files stay in every service's view, as shared code and
      // infrastructure (the CDK app that deploys the service, the client that calls it).
      if (m.excluded || (m.owner && isService(*m.owner) && m.owner->root != svc.root)) continue;
      view.push_back(&f);
      if (m.owner && m.owner->root == svc.root) own.insert(f.path);
    }
    WorkspaceView v(std::move(view), read);
    SitesByPath ignoredSites;  // the repository run already counted this check's parts
    for (auto& x : collectWorkspaceFindings(v, perService, ignoredSites)) {
      if (!own.count(x.path) || reported.count({x.ruleId, x.path})) continue;
      // One service that fails the check is one more part of it, failing.
      bool counted = false;
      for (const auto& a : added) counted |= a.ruleId == x.ruleId && a.path == x.path;
      if (!counted) sites[x.path].emplace_back(x.ruleId, 1);
      added.push_back(std::move(x));
    }
  }
  if (!added.empty()) mergeWorkspaceFindings(files, std::move(added), read, sites);
}

}  // namespace agentlens::rules
