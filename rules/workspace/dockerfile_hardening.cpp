// dockerfile-hardening: root user, no HEALTHCHECK, unpinned base images, secrets in ARG/ENV or
// a copied .env, no .dockerignore — and no deploy descriptor at all.
#include <algorithm>
#include <cctype>

#include "rules/common/secrets.hpp"
#include "rules/workspace/deploy_evidence.hpp"
#include "rules/workspace/probe_tools.hpp"
#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Checks each Dockerfile that builds a deployed image (the last stage is the image that runs):
1. it sets `USER` to a non-root user (images such as distroless `:nonroot` and Chainguard run as
   non-root already; compose `user:` or Kubernetes `runAsNonRoot` also count);
2. it has a `HEALTHCHECK` (not needed when Kubernetes manifests define probes, or AWS CDK code gives
   the ECS container a `healthCheck`: the orchestrator probes it;
   nor when the repository has no Kubernetes manifests and the compose service built from this
   Dockerfile defines a `healthcheck:`; nor for a shell-less final image, `scratch` or distroless,
   when the service has a health route: no command can run there, the orchestrator's HTTP
   probe is the check); a compose healthcheck that calls `curl` or `wget` in an image that does
   not ship it (`python:*-slim`, `node:*-slim`, `curl` in `*-alpine`, distroless, `scratch`) and
   that the Dockerfile never installs is reported: it always fails;
3. base images are pinned (a tag other than `latest`, or a digest);
4. no `ARG`/`ENV` has a secret-looking name (a `.env` file copied into the image is reported by
   `env-file-in-image`);
5. a `COPY . .` in the last stage is backed by a `.dockerignore` (a `COPY .` in a build stage of
   a multi-stage build does not reach the shipped image).
A compose service that builds from an empty Dockerfile is reported at its `build:`: the build
fails. Images that are not deployed are skipped: Dockerfiles under test, e2e, seed or fixture folders,
named for local development or tests (`local.Dockerfile`, `Dockerfile.dev`, `Dockerfile.test`,
`.devcontainer/`), empty Dockerfiles (no `FROM`), and Dockerfiles of a project the Azure
Developer CLI (`azure.yaml`) deploys as code (`host: appservice`/`function` without `docker:`).
It also reports a service with no deploy descriptor at all (no Dockerfile, Procfile, fly.toml,
render.yaml, app.yaml, vercel.json, netlify.toml, serverless.yml, Kubernetes or Helm files, no CI
workflow that deploys it by ssh, kubectl, helm, flyctl, gcloud, az, …). A Next.js app is exempt:
Vercel, Netlify and Amplify build and run it with zero configuration.
The score is the share of these parts that pass.

## Why is this bad?
A root process turns any code-execution bug into control of the container; `latest` makes builds
irreproducible; secrets in build args end up in image layers anyone with the image can read; and
without a `.dockerignore` the build context carries `.env`, `.git` and `node_modules` into the image.

## Example
```dockerfile
FROM python:latest
COPY . .
CMD ["gunicorn", "app:app"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN useradd -r -u 10001 app
COPY --chown=app . .
USER app
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
```

## Fix safety
Creating a `.dockerignore` (excluding `.env*`, `.git`, `node_modules`, `__pycache__`) is safe.
Adding a user changes file ownership inside the image: unsafe, review `COPY --chown`.

## References
- hadolint DL3002, DL3006, DL3007; checkov CKV_DOCKER_2, CKV_DOCKER_3
- OpenSSF Scorecard Pinned-Dependencies
)md";

const RuleMeta kMeta{
    .id = "dockerfile-hardening",
    .category = core::Category::Deployment,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Container image runs as root, is unpinned, leaks secrets, or has no health check",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .planTitle = "Harden the container image",
    .effort = core::Effort::L,
};

bool unpinned(const std::string& image) {
  if (image == "scratch") return false;
  if (image.find('@') != std::string::npos) return false;
  auto slash = image.find_last_of('/');
  auto colon = image.find(':', slash == std::string::npos ? 0 : slash);
  if (colon == std::string::npos) return true;
  return image.substr(colon + 1) == "latest";
}

bool nonRootImage(const std::string& image) {
  return (image.find("distroless") != std::string::npos && image.find("nonroot") != std::string::npos) ||
         image.find("cgr.dev/chainguard") != std::string::npos;
}

/// The compose healthcheck standing in for HEALTHCHECK calls curl/wget, which the image lacks.
void probeCannotRun(WorkspaceContext& ctx, const std::string& dockerfile, const std::string& image) {
  auto probe = composeHealthcheck(ctx.view(), dockerfile);
  if (!probe) return;
  std::string tool = probe_tools::firstProgram(probe->test);
  auto text = ctx.view().read(dockerfile);
  if (!text || !probe_tools::missingFromImage(tool, image, *text)) return;
  ctx.report(probe->composePath, probe->line,
             "the compose healthcheck runs `" + tool + "`, which the image (`" + image + "`, built from " + dockerfile +
                 ") does not ship: the check always fails and the container is reported unhealthy; install `" +
                 tool + "` in the image or probe with the app's own runtime");
}

/// A compose service builds its image from this Dockerfile, which is empty: the build fails.
void composeBuildsEmpty(WorkspaceContext& ctx, const std::string& dockerfile) {
  auto text = ctx.view().read(dockerfile);
  if (!text) return;
  for (char c : *text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;  // comments-only or odd files: not judged
  std::string key = composePathKey(dockerfile);
  for (const auto* f : ctx.view().index().filesOfKind("compose")) {
    auto compose = ctx.view().read(f->path);
    if (!compose) continue;
    for (const auto& b : composeBuilds(f->path, *compose))
      if (b.dockerfile == key) {
        ctx.applicable();
        ctx.report(f->path, b.buildLine,
                   "compose service `" + b.service + "` builds its image from " + dockerfile +
                       ", which is empty: the build fails, so this service cannot be deployed from the repository");
      }
  }
}

class DockerfileHardening final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    const auto& idx = v.index();
    auto dockerfiles = idx.filesOfKind("dockerfile");
    if (dockerfiles.empty()) {
      if (v.serverModules().empty()) return;
      ctx.applicable();
      if (idx.hasDeployDescriptor() || deployWorkflow(idx) || zeroConfigPlatformApp(v)) return;
      if (const core::FileResult* entry = v.entryModule(); entry && lambdaDeployed(v, *entry)) return;
      Anchor a = appAnchor(v);
      ctx.report(a.path, a.line,
                 "no deploy descriptor (Dockerfile, Procfile, fly.toml, Kubernetes, …): the way this service runs in "
                 "production is not reproducible from the repository");
      return;
    }
    bool k8sProbes = idx.hasK8sProbes() || ecsContainerHealthCheck(v);
    bool k8sManifests = !idx.filesOfKind("k8s").empty();
    bool composeUser = false;
    for (const auto* f : idx.filesOfKind("compose"))
      for (const auto& s : f->facts.compose) composeUser |= !s.user.empty();
    bool k8sNonRoot = false;
    for (const auto* f : idx.filesOfKind("k8s"))
      for (const auto& o : f->facts.k8s) k8sNonRoot |= o.runAsNonRoot;
    for (const auto* f : dockerfiles) {
      if (!f->facts.dockerfile || nonDeployedImage(f->path) || codeDeployedByAzd(v, f->path)) continue;
      const auto& d = *f->facts.dockerfile;
      if (d.baseImages.empty()) {  // empty or not a Dockerfile: no image to harden
        composeBuildsEmpty(ctx, f->path);
        continue;
      }
      ctx.applicable(5);
      std::string last = d.baseImages.empty() ? "" : d.baseImages.back();
      // 1. non-root
      bool root = d.user.empty() || d.user == "root" || d.user == "0" || d.user.starts_with("0:") || d.user.starts_with("root:");
      if (root && !nonRootImage(last) && !composeUser && !k8sNonRoot) {
        ctx.report(f->path, d.user.empty() ? (d.cmdLine ? d.cmdLine : d.lastFromLine) : d.userLine,
                   "the container runs as root: add a user and `USER app` before CMD");
      }
      // 2. HEALTHCHECK, unless Kubernetes probes exist
      bool composeProbe = !k8sManifests && composeHealthchecks(v, f->path);
      // A shell-less final image (scratch, distroless) cannot run a HEALTHCHECK command: with a
      // health route the orchestrator's HTTP probe is the check.
      bool shellless = last == "scratch" || last.find("distroless") != std::string::npos;
      if (!d.healthcheck && !k8sProbes && !composeProbe && !(shellless && idx.hasHealthEndpoint()))
        ctx.report(f->path, d.cmdLine ? d.cmdLine : d.lastFromLine,
                   "no HEALTHCHECK: the runtime cannot tell a hung container from a healthy one (or define Kubernetes probes)");
      else if (!d.healthcheck && !k8sProbes && composeProbe) probeCannotRun(ctx, f->path, last);
      // 3. pinned base images; 4. secrets in the image; 5. .dockerignore for COPY . .
      for (const auto& image : d.baseImages)
        if (unpinned(image)) {
          ctx.report(f->path, v.lineOfAny(f->path, {"FROM " + image, "from " + image}),
                     "base image `" + image + "` is not pinned: use a version tag or a digest");
          break;
        }
      secretsInImage(ctx, f->path, d);
      contextCopyWithoutIgnore(ctx, f->path, d);
    }
  }

 private:
  /// Secrets in build args or ENV (stored in the image layers). A copied .env file is
  /// env-file-in-image's (security) finding.
  static void secretsInImage(WorkspaceContext& ctx, const std::string& path, const core::DockerfileInfo& d) {
    const WorkspaceView& v = ctx.view();
    std::string secretKey;
    for (const auto& k : d.argKeys)
      if (secretKey.empty() && secrets::isCredentialName(k)) secretKey = k;
    for (const auto& k : d.envKeys)
      if (secretKey.empty() && secrets::isCredentialName(k)) secretKey = k;
    if (!secretKey.empty())
      ctx.report(path, v.lineOfAny(path, {"ARG " + secretKey, "ENV " + secretKey}),
                 "`" + secretKey + "` is set with ARG/ENV: it is stored in the image layers; pass secrets at run time");
  }

  /// `COPY . .` in the final stage without a .dockerignore next to the Dockerfile.
  static void contextCopyWithoutIgnore(WorkspaceContext& ctx, const std::string& path, const core::DockerfileInfo& d) {
    const WorkspaceView& v = ctx.view();
    std::string dir = path.find('/') == std::string::npos ? "" : path.substr(0, path.find_last_of('/') + 1);
    auto text = d.copiesContext ? v.read(path) : std::nullopt;
    auto copyLine = text ? finalStageContextCopy(*text) : std::nullopt;
    if (copyLine && !v.exists(dir + ".dockerignore")) {
      core::Finding& fi = ctx.report(path, *copyLine,
                                     "`COPY .` without a .dockerignore copies .env, .git and node_modules into the image");
      core::Fix fix{.title = "Create " + dir + ".dockerignore", .applicability = core::Applicability::Safe};
      core::TextEdit e;
      e.kind = core::TextEdit::Kind::CreateFile;
      e.path = dir + ".dockerignore";
      e.text = ".git\n.env\n.env.*\n!.env.example\nnode_modules\n__pycache__\n*.pyc\n.venv\ndist\nbuild\ncoverage\n";
      fix.edits.push_back(e);
      fi.fixes.push_back(fix);
    }
  }
};

}  // namespace

const WorkspaceCheck& dockerfileHardening() {
  static const DockerfileHardening check;
  return check;
}

}  // namespace agentlens::rules
