// How a service reaches production, read from the repository: which Dockerfiles build images
// that are deployed (not test runners, seed jobs or local dev images), which compose services
// health-check them, and deploy paths other than a descriptor file (a deploy workflow, a
// zero-config platform framework).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// A Dockerfile that builds no deployed image: under a test/e2e/seed folder, or named for local
/// development or tests (`local.Dockerfile`, `Dockerfile.dev`, `Dockerfile.test`,
/// `.devcontainer/Dockerfile`).
bool nonDeployedImage(std::string_view dockerfilePath);

/// The 0-based line of a `COPY .`/`ADD .` in the last stage of a Dockerfile (what ships); nullopt
/// when the context is copied only into build stages of a multi-stage build, or not at all.
std::optional<std::uint32_t> finalStageContextCopy(std::string_view dockerfile);

/// A compose service that builds an image from the repository (`build:`).
struct ComposeBuild {
  std::string service;
  std::string dockerfile;  ///< repository-relative path of the Dockerfile it builds
  bool healthcheck = false;
  std::string healthTest;           ///< the one-line `test:` value of its healthcheck, if any
  std::uint32_t healthTestLine = 0;  ///< 0-based line of that `test:`
  std::uint32_t buildLine = 0;       ///< 0-based line of its `build:`
};
/// The key composeBuilds gives a Dockerfile path (normalised, lower-cased), for comparing.
std::string composePathKey(std::string_view path);
/// The built services of one compose file (`path` is where it lives, `text` its content).
std::vector<ComposeBuild> composeBuilds(std::string_view path, std::string_view text);

/// A compose service built from this Dockerfile defines a `healthcheck:`.
bool composeHealthchecks(const WorkspaceView& view, std::string_view dockerfilePath);

/// The compose healthcheck of a service built from this Dockerfile (one-line `test:` form;
/// defined in probe_tools.cpp).
struct ComposeProbe {
  std::string composePath;
  std::uint32_t line = 0;  ///< 0-based line of `test:`
  std::string test;
};
std::optional<ComposeProbe> composeHealthcheck(const WorkspaceView& view, std::string_view dockerfilePath);

/// An ECS container health check defined in infrastructure code (AWS CDK `addContainer(…, {
/// healthCheck: { command: […] } })`, Python `health_check=ecs.HealthCheck(…)`): the
/// orchestrator probes the container, as Kubernetes probes do.
bool ecsContainerHealthCheck(const WorkspaceView& view);

/// A CI workflow that deploys (ssh/scp to a host, kubectl/helm, flyctl, gcloud, az, …): how
/// the service runs in production is in the repository even without a descriptor file.
bool deployWorkflow(const core::WorkspaceIndex& idx);

/// The repository runs several services of its own together: one compose file builds two or
/// more distinct images from the repository's code (not one image run as web + worker).
bool runsSeveralOwnServices(const WorkspaceView& view);

/// A Next.js app: its platforms (Vercel, Netlify, Amplify) build and run it with zero config.
bool zeroConfigPlatformApp(const WorkspaceView& view);

/// The service of `server` runs as a serverless function deployed as code: the server module (or
/// a module beside it) wraps the app in a
/// Lambda adapter (serverless-http, @vendia/@codegenie serverless-express, aws-serverless-express,
/// @fastify/aws-lambda, hono/aws-lambda, Mangum, serverless_wsgi, apig_wsgi) or starts a Go Lambda
/// handler, and the repository deploys functions (AWS CDK or SAM function constructs,
/// CloudFormation function resources, serverless.yml). No long-lived server to drain, no image.
bool lambdaDeployed(const WorkspaceView& view, const core::FileResult& server);

/// The Azure Developer CLI (`azure.yaml`) deploys the project holding this Dockerfile as code
/// (`host: appservice`, `function`, `staticwebapp`, `springapp` without a `docker:` section):
/// the image is not on the documented deploy path.
bool codeDeployedByAzd(const WorkspaceView& view, std::string_view dockerfilePath);

}  // namespace agentlens::rules
