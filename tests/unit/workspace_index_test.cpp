// WorkspaceIndex: per-file updates and the workspace questions, over Facts extracted from source.
#include <doctest/doctest.h>

#include "core/index/workspace_index.hpp"
#include "support/fixture.hpp"

using namespace agentlens;

namespace {
core::FileResult analyze(const std::string& path, std::string_view text) {
  return testing::analyzeText(path, text, {});
}
std::vector<std::string> routeKeys(const std::vector<core::RouteRef>& v) {
  std::vector<std::string> out;
  for (const auto& r : v) out.push_back(r.route.method + " " + r.route.path + " " + std::string(core::authStatusName(r.route.auth)));
  return out;
}
}  // namespace

TEST_SUITE("facts") {
  TEST_CASE("index: health endpoint appears and disappears with file updates") {
    core::WorkspaceIndex idx;
    idx.update(analyze("app.py", "from flask import Flask\napp = Flask(__name__)\n\n@app.post('/orders')\ndef create():\n    return {}, 201\n"));
    CHECK_FALSE(idx.hasHealthEndpoint());
    idx.update(analyze("health.py", "from flask import Blueprint\nbp = Blueprint('h', __name__)\n\n@bp.get('/healthz')\ndef h():\n    return 'ok'\n"));
    CHECK(idx.hasHealthEndpoint());
    CHECK_FALSE(idx.hasReadinessEndpoint());
    idx.update(analyze("health.py", "from flask import Blueprint\nbp = Blueprint('h', __name__)\n\n@bp.get('/ready')\ndef h():\n    return 'ok'\n"));
    CHECK(idx.hasReadinessEndpoint());
    idx.remove("health.py");
    CHECK_FALSE(idx.hasHealthEndpoint());
    CHECK(idx.size() == 1);
  }

  TEST_CASE("index: cross-file mounts apply prefixes and inherited auth") {
    core::WorkspaceIndex idx;
    idx.update(analyze("main.py",
                       "from fastapi import FastAPI, Depends\nfrom .routers import items, public\nfrom .auth import get_current_user\n"
                       "app = FastAPI()\n"
                       "app.include_router(items.router, prefix='/items', dependencies=[Depends(get_current_user)])\n"
                       "app.include_router(public.router, prefix='/pub')\n"));
    idx.update(analyze("routers/items.py", "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.delete('/{item_id}')\ndef d(item_id: int):\n    return None\n"));
    idx.update(analyze("routers/public.py", "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/feedback')\ndef f():\n    return None\n"));
    auto keys = routeKeys(idx.routes());
    CHECK(keys == std::vector<std::string>{"DELETE /items/{item_id} inherited", "POST /pub/feedback none"});
    CHECK(routeKeys(idx.routesWithoutAuth()) == std::vector<std::string>{"POST /pub/feedback none"});
  }

  TEST_CASE("index: route references from tests") {
    core::WorkspaceIndex idx;
    idx.update(analyze("server.js",
                       "const express = require('express');\nconst app = express();\n"
                       "app.get('/users/:id', (req, res) => res.json({}));\n"
                       "app.post('/users', (req, res) => res.status(201).end());\n"
                       "app.get('/health', (req, res) => res.end());\n"));
    CHECK(routeKeys(idx.untestedRoutes()) == std::vector<std::string>{"GET /users/:id none", "POST /users none"});
    idx.update(analyze("test/users.test.js",
                       "const request = require('supertest');\ntest('x', async () => { await request(app).get('/users/42'); });\n"));
    CHECK(routeKeys(idx.untestedRoutes()) == std::vector<std::string>{"POST /users none"});
    CHECK(idx.testFiles().size() == 1);
    core::Route r;
    r.method = "GET";
    r.path = "/items/{id}/parts/<int:n>";
    CHECK(core::WorkspaceIndex::refMatchesRoute("GET /items/3/parts/4", r));
    CHECK(core::WorkspaceIndex::refMatchesRoute("HEAD /items/3/parts/4", r));
    CHECK_FALSE(core::WorkspaceIndex::refMatchesRoute("POST /items/3/parts/4", r));
    CHECK_FALSE(core::WorkspaceIndex::refMatchesRoute("GET /items/3", r));
  }

  TEST_CASE("index: env vars read vs .env.example keys") {
    core::WorkspaceIndex idx;
    idx.update(analyze("settings.py", "import os\nDB = os.environ['DATABASE_URL']\nKEY = os.getenv('API_KEY', '')\n"));
    CHECK_FALSE(idx.envExampleKeys().has_value());
    CHECK(idx.envVarsMissingFromExample() == std::vector<std::string>{"API_KEY", "DATABASE_URL"});
    idx.update(analyze(".env.example", "# example\nDATABASE_URL=\nexport DEBUG=0\n"));
    REQUIRE(idx.envExampleKeys().has_value());
    CHECK(*idx.envExampleKeys() == std::vector<std::string>{"DATABASE_URL", "DEBUG"});
    CHECK(idx.envVarsMissingFromExample() == std::vector<std::string>{"API_KEY"});
  }

  TEST_CASE("index: infra, CI, lockfiles, signals, stack") {
    core::WorkspaceIndex idx;
    idx.update(analyze("main.go",
                       "package main\n\nimport (\n\t\"net/http\"\n\t\"os/signal\"\n\t\"syscall\"\n\t\"os\"\n)\n\n"
                       "func main() {\n\tc := make(chan os.Signal, 1)\n\tsignal.Notify(c, syscall.SIGTERM)\n"
                       "\thttp.HandleFunc(\"GET /healthz\", func(w http.ResponseWriter, r *http.Request) {})\n}\n"));
    CHECK(idx.handlesSignal("SIGTERM"));
    CHECK(idx.hasHealthEndpoint());
    CHECK(idx.frameworks() == std::vector<std::string>{"net/http"});
    REQUIRE(idx.entryModules().size() == 1);
    CHECK(idx.entryModules()[0]->path == "main.go");
    CHECK_FALSE(idx.hasDeployDescriptor());
    idx.update(analyze("Dockerfile", "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/base\nUSER nonroot\nCMD [\"/app\"]\n"));
    CHECK(idx.hasDeployDescriptor());
    CHECK(idx.filesOfKind("dockerfile").size() == 1);
    CHECK_FALSE(idx.hasLockfile("go"));
    idx.noteKnownPath("go.sum");
    CHECK(idx.hasLockfile("go"));
    CHECK(idx.ciFiles().empty());
    idx.update(analyze("Procfile", "web: ./app\nworker: ./app -worker\n"));
    CHECK(idx.commands().size() == 3);
    CHECK(core::commandRunsTests("python -m pytest -q"));
    CHECK(core::commandRunsTests("npm test"));
    CHECK(core::commandRunsTests("go test ./..."));
    CHECK_FALSE(core::commandRunsTests("npm run build"));
    CHECK_FALSE(idx.usesDb());
  }
}

TEST_SUITE("facts") {
  TEST_CASE("index: Next.js middleware matcher protects the routes it covers") {
    core::WorkspaceIndex idx;
    idx.update(analyze("app/api/admin/stats/route.ts", "export async function POST() { return Response.json({}); }\n"));
    idx.update(analyze("app/api/public/route.ts", "export async function POST() { return Response.json({}); }\n"));
    CHECK(idx.routesWithoutAuth().size() == 2);
    idx.update(analyze("middleware.ts",
                       "import { NextResponse } from 'next/server';\nimport { getToken } from 'next-auth/jwt';\n"
                       "export async function middleware(req) { if (!(await getToken({ req }))) return NextResponse.redirect('/login'); }\n"
                       "export const config = { matcher: ['/api/admin/:path*'] };\n"));
    CHECK(routeKeys(idx.routesWithoutAuth()) == std::vector<std::string>{"POST /api/public none"});
    CHECK(routeKeys(idx.routes()) ==
          std::vector<std::string>{"POST /api/admin/stats inherited", "POST /api/public none"});
  }
}

TEST_SUITE("facts") {
  TEST_CASE("precision: HTTP client calls and test requests are not routes") {
    core::WorkspaceIndex idx;
    idx.update(analyze("src/client.ts",
                       "import axios from 'axios';\nconst api = axios.create({ baseURL: '/api' });\n"
                       "export const users = () => api.get('/users', { params: { page: 1 } });\n"
                       "export const save = (u) => api.post('/users', u);\n"));
    idx.update(analyze("app.py", "import requests\n\ndef f(session):\n    return session.get('/users', timeout=5)\n"));
    idx.update(analyze("tests/test_app.py",
                       "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/fake')\ndef fake():\n    return ''\n"));
    CHECK(idx.routes().empty());
  }
}
