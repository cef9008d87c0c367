// database-on-ephemeral-volume: a Kubernetes database container keeps its data in an emptyDir.
#include <string>

#include "rules/common/launch.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Reads Kubernetes manifests (Deployment, StatefulSet, Pod, …) and finds a database container —
the official `postgres`, `mysql`, `mariadb` or `mongo` images (and their Bitnami variants) — whose
data directory (`/var/lib/postgresql/data` or `$PGDATA`, `/var/lib/mysql`, `/data/db`) is mounted
from an `emptyDir` volume.

Not flagged: data on a `persistentVolumeClaim`, a StatefulSet's `volumeClaimTemplates`, a
`hostPath`; an `emptyDir` mounted elsewhere (`/dev/shm`, `/tmp`); caches such as Redis;
development manifests (`*.dev.*`, `dev/` overlays of local tooling).

## Why is this bad?
An `emptyDir` lives exactly as long as the pod: every reschedule, node drain, eviction, image
update or `kubectl rollout restart` starts the database on an empty directory. Every row written
since the pod started is gone, and the app comes back against an empty schema.

## Example
```yaml
      containers:
        - name: postgres
          image: postgres:16
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
      volumes:
        - name: data
          emptyDir: {}
```

Use instead: a StatefulSet with a `volumeClaimTemplates` entry for `data` (or a
`persistentVolumeClaim` volume), or a managed database outside the cluster.

## References
- Kubernetes docs: Volumes (`emptyDir`: "the data in the emptyDir is deleted permanently" when
  the Pod is removed); Run a Replicated Stateful Application
- CWE-404
)md";

const RuleMeta kMeta{
    .id = "database-on-ephemeral-volume",
    .category = core::Category::Database,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = {Lang::Yaml},
    .summary = "Kubernetes database keeps its data in an emptyDir volume",
    .docs = kDocs,
    .planTitle = "Put database data on a persistent volume",
    .effort = core::Effort::S,
};

core::ByteRange lineRange(std::string_view src, std::uint32_t line) {
  std::size_t start = 0;
  for (std::uint32_t l = 0; l < line && start != std::string_view::npos; ++l) {
    start = src.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || start > src.size()) start = src.size();
  std::size_t end = src.find('\n', start);
  if (end == std::string_view::npos) end = src.size();
  while (start < end && (src[start] == ' ' || src[start] == '\t')) ++start;
  return {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)};
}

class DatabaseOnEphemeralVolume final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void finish(RuleContext& ctx) const override {
    if (devOnlyPath(ctx.file().path) || ctx.facts().isTestOrGenerated()) return;
    for (const auto& o : ctx.facts().k8s)
      for (const auto& d : o.ephemeralData)
        ctx.report(lineRange(ctx.source(), d.line),
                   o.kind + " `" + o.name + "` keeps the data of `" + d.image + "` (" + d.mountPath +
                       ") in an emptyDir volume: every row is lost when the pod is replaced (reschedule, rollout, eviction); use a "
                       "PersistentVolumeClaim (StatefulSet volumeClaimTemplates)");
  }
};

}  // namespace

const Rule& databaseOnEphemeralVolume() {
  static const DatabaseOnEphemeralVolume rule;
  return rule;
}

}  // namespace agentlens::rules
