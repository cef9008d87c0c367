#include <algorithm>
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

// Each check file defines one accessor returning its static instance.
const WorkspaceCheck& noTests();
const WorkspaceCheck& ciMissingOrNotTesting();
const WorkspaceCheck& envFileHygiene();
const WorkspaceCheck& unpinnedDependencies();
const WorkspaceCheck& noHealthEndpoint();
const WorkspaceCheck& noAuthLayer();
const WorkspaceCheck& noGracefulShutdown();
const WorkspaceCheck& noGlobalErrorHandler();
const WorkspaceCheck& noLoggingConfig();
const WorkspaceCheck& dockerfileHardening();
const WorkspaceCheck& schemaWithoutMigrations();
const WorkspaceCheck& noRequestId();
const WorkspaceCheck& noMetricsTracingErrorTracking();
const WorkspaceCheck& noRateLimiting();
const WorkspaceCheck& k8sManifestGaps();

namespace {
std::vector<const WorkspaceCheck*> build() {
  std::vector<const WorkspaceCheck*> all = {
      &noTests(),
      &ciMissingOrNotTesting(),
      &envFileHygiene(),
      &unpinnedDependencies(),
      &noHealthEndpoint(),
      &noAuthLayer(),
      &noGracefulShutdown(),
      &noGlobalErrorHandler(),
      &noLoggingConfig(),
      &dockerfileHardening(),
      &schemaWithoutMigrations(),
      &noRequestId(),
      &noMetricsTracingErrorTracking(),
      &noRateLimiting(),
      &k8sManifestGaps(),
  };
  std::sort(all.begin(), all.end(), [](auto* a, auto* b) { return a->meta().id < b->meta().id; });
  return all;
}
}  // namespace

std::span<const WorkspaceCheck* const> allWorkspaceChecks() {
  static const std::vector<const WorkspaceCheck*> checks = build();
  return checks;
}

const WorkspaceCheck* findWorkspaceCheck(std::string_view id) {
  for (const auto* c : allWorkspaceChecks())
    if (c->meta().id == id) return c;
  return nullptr;
}

}  // namespace agentlens::rules
