// Infra facts: Dockerfile and .env line parsers, Procfile, requirements, go.mod, package.json,
// and YAML manifests (compose, GitHub Actions, GitLab CI, Kubernetes) read as structured data.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/index/workspace_index.hpp"
#include "support/fixture.hpp"

using namespace agentlens;

namespace {
core::Facts factsOf(const std::string& path, std::string_view text) { return testing::analyzeText(path, text, {}).facts; }
bool hasCommand(const core::Facts& f, std::string_view source, std::string_view text) {
  return std::any_of(f.commands.begin(), f.commands.end(),
                     [&](const core::Command& c) { return c.source == source && c.text == text; });
}
}  // namespace

TEST_SUITE("facts") {
  TEST_CASE("infra: Dockerfile") {
    auto f = factsOf("Dockerfile",
                     "# syntax=docker/dockerfile:1\n"
                     "FROM python:3.12-slim AS base\n"
                     "ARG PIP_TOKEN\n"
                     "ENV PYTHONUNBUFFERED=1 APP_HOME=/app\n"
                     "COPY requirements.txt .\n"
                     "RUN pip install -r requirements.txt && \\\n    pip install gunicorn\n"
                     "FROM base\n"
                     "COPY . .\n"
                     "COPY .env /app/.env\n"
                     "EXPOSE 8000/tcp\n"
                     "USER app\n"
                     "HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n"
                     "CMD gunicorn -b 0.0.0.0:8000 app:app\n");
    CHECK(f.infraKind == "dockerfile");
    CHECK(f.role == core::FileRole::Infra);
    REQUIRE(f.dockerfile.has_value());
    const auto& d = *f.dockerfile;
    CHECK(d.baseImages == std::vector<std::string>{"python:3.12-slim", "python:3.12-slim"});
    CHECK(d.user == "app");
    CHECK(d.healthcheck);
    CHECK(d.hasCmd);
    CHECK_FALSE(d.cmdExecForm);
    CHECK(d.cmdLine == 13);
    CHECK(d.argKeys == std::vector<std::string>{"PIP_TOKEN"});
    CHECK(d.envKeys == std::vector<std::string>{"PYTHONUNBUFFERED", "APP_HOME"});
    CHECK(d.copiesContext);
    CHECK(d.copiesEnvFile);
    CHECK(d.exposedPorts == std::vector<int>{8000});
    CHECK(d.unpinnedPipInstall);  // `pip install gunicorn` on the continuation line
    CHECK(hasCommand(f, "dockerfile:CMD", "gunicorn -b 0.0.0.0:8000 app:app"));

    auto g = factsOf("Dockerfile", "FROM node:20\nRUN npm ci\nUSER root\nCMD [\"node\", \"server.js\"]\n");
    CHECK(g.dockerfile->user == "root");
    CHECK(g.dockerfile->cmdExecForm);
    CHECK_FALSE(g.dockerfile->npmInstall);
    CHECK_FALSE(g.dockerfile->healthcheck);
    auto h = factsOf("Dockerfile", "FROM node\nRUN npm install\nHEALTHCHECK NONE\n");
    CHECK(h.dockerfile->npmInstall);
    CHECK_FALSE(h.dockerfile->healthcheck);
    CHECK(h.dockerfile->user.empty());
  }

  TEST_CASE("infra: .env, Procfile, requirements, go.mod, package.json") {
    auto env = factsOf(".env.example", "# comment\nDATABASE_URL=\nexport SECRET_KEY=changeme\n  \nBAD LINE\n");
    CHECK(env.infraKind == "dotenv");
    CHECK(env.envKeys == std::vector<std::string>{"DATABASE_URL", "SECRET_KEY"});

    auto proc = factsOf("Procfile", "web: gunicorn app:app\nworker: celery -A tasks worker\n");
    CHECK(hasCommand(proc, "procfile:web", "gunicorn app:app"));
    CHECK(hasCommand(proc, "procfile:worker", "celery -A tasks worker"));

    auto req = factsOf("requirements.txt", "flask==3.0.0\nrequests>=2  # http\n-r base.txt\nuvicorn[standard]\n\n");
    REQUIRE(req.deps.size() == 3);
    CHECK(req.deps[0].name == "flask");
    CHECK(req.deps[0].spec == "==3.0.0");
    CHECK(req.deps[1].spec == ">=2");
    CHECK(req.deps[2].name == "uvicorn");
    CHECK(req.deps[2].spec.empty());

    auto mod = factsOf("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n"
                                 "require (\n\tgithub.com/lib/pq v1.10.9 // indirect\n)\n");
    CHECK(mod.dependencies == std::vector<std::string>{"github.com/gin-gonic/gin", "github.com/lib/pq"});

    auto pkg = factsOf("package.json", R"({
  "name": "api",
  "scripts": { "start": "node dist/server.js", "dev": "nodemon src/server.ts", "test": "echo \"Error: no test specified\" && exit 1" },
  "dependencies": { "express": "^4.18.2", "pg": "8.11.0" },
  "devDependencies": { "jest": "^29.0.0" }
})");
    CHECK(pkg.infraKind == "package.json");
    CHECK(hasCommand(pkg, "package.json:start", "node dist/server.js"));
    CHECK(hasCommand(pkg, "package.json:test", "echo \"Error: no test specified\" && exit 1"));
    REQUIRE(pkg.deps.size() == 3);
    CHECK(pkg.deps[0].name == "express");
    CHECK(pkg.deps[0].spec == "^4.18.2");
    CHECK(pkg.deps[2].dev);
  }

  TEST_CASE("infra: docker-compose and CI workflows") {
    auto compose = factsOf("docker-compose.yml", R"(services:
  web:
    build: .
    command: ["gunicorn", "app:app"]
    restart: unless-stopped
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]
  db:
    image: postgres:16
    privileged: true
)");
    CHECK(compose.infraKind == "compose");
    REQUIRE(compose.compose.size() == 2);
    CHECK(compose.compose[0].name == "web");
    CHECK(compose.compose[0].restart);
    CHECK(compose.compose[0].healthcheck);
    CHECK(compose.compose[1].image == "postgres:16");
    CHECK(compose.compose[1].privileged);
    CHECK_FALSE(compose.compose[1].restart);
    CHECK(hasCommand(compose, "compose:web", "gunicorn app:app"));

    auto gha = factsOf(".github/workflows/ci.yml", R"(name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
      - name: Tests
        run: |
          python -m pytest -q
)");
    CHECK(gha.infraKind == "github-actions");
    CHECK(hasCommand(gha, "ci:uses", "actions/checkout@v4"));
    CHECK(hasCommand(gha, "ci:run", "python -m pytest -q"));

    auto gitlab = factsOf(".gitlab-ci.yml", "stages: [test]\nunit:\n  stage: test\n  script:\n    - npm ci\n    - npm test\n");
    CHECK(gitlab.infraKind == "gitlab-ci");
    CHECK(hasCommand(gitlab, "ci:script", "npm test"));

    core::WorkspaceIndex idx;
    idx.update(testing::analyzeText(".gitlab-ci.yml", "build:\n  script:\n    - npm run build\n", {}));
    CHECK(idx.ciFiles().size() == 1);
    CHECK_FALSE(idx.ciRunsTests());
    idx.update(testing::analyzeText(".github/workflows/ci.yml", "jobs:\n  t:\n    steps:\n      - run: go test ./...\n", {}));
    CHECK(idx.ciRunsTests());
  }

  TEST_CASE("infra: Kubernetes manifests") {
    auto k = factsOf("deploy/k8s.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations:
    nginx.ingress.kubernetes.io/limit-rps: "10"
spec:
  replicas: 1
  template:
    spec:
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
      containers:
        - name: api
          image: ghcr.io/acme/api:latest
          command: ["gunicorn"]
          args: ["app:app"]
          env:
            - name: DB_PASSWORD
              value: hunter2
            - name: API_TOKEN
              valueFrom:
                secretKeyRef: {name: s, key: t}
          readinessProbe:
            httpGet: {path: /ready, port: 8000}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
          securityContext:
            allowPrivilegeEscalation: false
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: busybox
)");
    CHECK(k.infraKind == "k8s");
    REQUIRE(k.k8s.size() == 2);
    const auto& d = k.k8s[0];
    CHECK(d.kind == "Deployment");
    CHECK(d.name == "api");
    CHECK(d.replicas == 1);
    CHECK(d.terminationGracePeriodSeconds == 30);
    CHECK(d.runAsNonRoot);
    CHECK(d.noPrivilegeEscalation);
    CHECK_FALSE(d.livenessProbe);
    CHECK(d.readinessProbe);
    CHECK(d.probePaths == std::vector<std::string>{"/ready"});
    CHECK(d.resourceRequests);
    CHECK_FALSE(d.resourceLimits);
    CHECK(d.images == std::vector<std::string>{"ghcr.io/acme/api:latest"});
    CHECK(d.literalSecretEnv == std::vector<std::string>{"DB_PASSWORD"});
    CHECK(d.annotations == std::vector<std::string>{"nginx.ingress.kubernetes.io/limit-rps"});
    CHECK(hasCommand(k, "k8s:api", "gunicorn app:app"));
    CHECK(k.k8s[1].kind == "CronJob");
    CHECK(k.k8s[1].images == std::vector<std::string>{"busybox"});

    core::WorkspaceIndex idx;
    idx.update(testing::analyzeText("deploy/k8s.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n", {}));
    CHECK(idx.hasDeployDescriptor());
    CHECK_FALSE(idx.hasK8sProbes());
  }
}
