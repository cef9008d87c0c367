// k8s-manifest-gaps: Kubernetes workloads without probes, resources, pinned images or a
// non-root security context.
#include <algorithm>

#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Checks Kubernetes `Deployment`, `StatefulSet` and `DaemonSet` manifests (Jobs and CronJobs need no
probes and are skipped):
- liveness and readiness probes are defined, and their HTTP paths exist in the service's routes
  (a workload that declares no port and that none of the manifests' Services is named after,
  such as a queue worker beside the served apps, is not asked for probes: nothing sends it traffic);
- every container sets CPU/memory requests and limits;
- images are pinned (no `:latest`, no untagged image);
- the pod runs as non-root (`runAsNonRoot`) or with `allowPrivilegeEscalation: false`, and is not
  privileged (official database and broker images — postgres, redis, mysql, mariadb, mongo,
  rabbitmq, memcached — drop to their own user themselves and are not asked);
- secret-named environment variables come from `secretKeyRef`, not literal `value:`.
Fields supplied by Kustomize overlays or Helm values cannot be seen: suppress with that reason.

## Why is this bad?
Without probes Kubernetes routes traffic to pods that are not ready and never restarts hung ones;
without requests and limits one pod can starve a node; `latest` makes rollbacks meaningless;
literal secrets in manifests are committed secrets.

## Example
```yaml
containers:
  - name: api
    image: shop/api:latest
```

Use instead: a pinned image, `readinessProbe`/`livenessProbe` with `httpGet` on your `/ready` and
`/health` routes, `resources.requests`/`limits`, and `securityContext: {runAsNonRoot: true,
allowPrivilegeEscalation: false}`.

## References
- kube-linter no-liveness-probe, no-readiness-probe, unset-cpu-requirements, latest-tag, run-as-non-root
- checkov CKV_K8S_8–13
)md";

const RuleMeta kMeta{
    .id = "k8s-manifest-gaps",
    .category = core::Category::Deployment,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Kubernetes workloads without probes, resources, pinned images or non-root security",
    .docs = kDocs,
    .planTitle = "Complete the Kubernetes manifests",
    .effort = core::Effort::L,
};

bool unpinned(const std::string& image) {
  if (image.find('@') != std::string::npos) return false;
  auto slash = image.find_last_of('/');
  auto colon = image.find(':', slash == std::string::npos ? 0 : slash);
  return colon == std::string::npos || image.substr(colon + 1) == "latest";
}

/// Official database and broker images start as root only to drop to their own user (postgres,
/// redis, mysql, …): runAsNonRoot would need an explicit UID the image does not document.
bool dropsPrivilegesItself(const std::vector<std::string>& images) {
  if (images.empty()) return false;
  for (const auto& image : images) {
    std::string repo = image.substr(0, image.find_first_of(":@"));
    if (repo.starts_with("docker.io/library/")) repo = repo.substr(18);
    if (!(repo == "postgres" || repo == "redis" || repo == "mysql" || repo == "mariadb" || repo == "mongo" ||
          repo == "rabbitmq" || repo == "memcached"))
      return false;
  }
  return true;
}

/// Nothing sends this workload traffic: its manifest declares no port and, among the manifests'
/// Services, none is named after it (a queue worker beside served apps). One workload per file is assumed when reading the text.
bool receivesNoTraffic(const WorkspaceView& v, const core::FileResult& f, const core::K8sObject& o) {
  if (f.facts.k8s.size() != 1) return false;
  bool services = false;  // the manifests declare Services, so a missing one means something
  for (const auto* m : v.index().filesOfKind("k8s"))
    for (const auto& other : m->facts.k8s) {
      if (other.kind != "Service") continue;
      services = true;
      if (other.name == o.name || other.name == o.name + "-service" || other.name == o.name + "-svc") return false;
    }
  if (!services) return false;
  auto text = v.read(f.path);
  return text && text->find("containerPort") == std::string::npos && text->find("ports:") == std::string::npos;
}

class K8sManifestGaps final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    auto routes = v.index().routes();
    for (const auto* f : v.index().filesOfKind("k8s")) {
      for (const auto& o : f->facts.k8s) {
        if (o.kind != "Deployment" && o.kind != "StatefulSet" && o.kind != "DaemonSet") continue;
        ctx.applicable(5);
        std::string what = o.kind + " `" + o.name + "`";
        if ((!o.livenessProbe || !o.readinessProbe) &&
            !(!o.livenessProbe && !o.readinessProbe && receivesNoTraffic(v, *f, o))) {
          ctx.report(f->path, o.line, what + " has no " +
                                          std::string(!o.livenessProbe && !o.readinessProbe ? "liveness or readiness probe"
                                                      : !o.livenessProbe                     ? "liveness probe"
                                                                                             : "readiness probe"));
        } else if (!routes.empty()) {
          for (const auto& p : o.probePaths) {
            bool served = std::any_of(routes.begin(), routes.end(), [&](const core::RouteRef& r) { return r.route.path == p; });
            if (!served) {
              ctx.report(f->path, o.line, what + " probes `" + p + "`, which no route serves");
              break;
            }
          }
        }
        if (!o.resourceRequests || !o.resourceLimits)
          ctx.report(f->path, o.line, what + " does not set CPU/memory " +
                                          std::string(!o.resourceRequests ? "requests" : "limits") + " for every container");
        for (const auto& image : o.images)
          if (unpinned(image)) {
            ctx.report(f->path, o.line, what + " uses an unpinned image `" + image + "`");
            break;
          }
        if (o.privileged || (!o.runAsNonRoot && !o.noPrivilegeEscalation && !dropsPrivilegesItself(o.images)))
          ctx.report(f->path, o.line, what + (o.privileged ? " runs a privileged container"
                                                           : " may run as root: set runAsNonRoot and allowPrivilegeEscalation: false"));
        if (!o.literalSecretEnv.empty())
          ctx.report(f->path, o.line, what + " sets `" + o.literalSecretEnv.front() +
                                          "` as a literal value: use valueFrom.secretKeyRef");
      }
    }
  }
};

}  // namespace

const WorkspaceCheck& k8sManifestGaps() {
  static const K8sManifestGaps check;
  return check;
}

}  // namespace agentlens::rules
