// Facts snapshots: each fixture app under tests/facts/<app>/ is scanned like `agentlens facts`
// and its Facts JSON compared with tests/facts/<app>.facts.snap (UPDATE_SNAPSHOTS=1 rewrites).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/index/workspace_index.hpp"
#include "core/scan.hpp"
#include "report/facts_json.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"
#include "support/diff.hpp"
#include "support/fixture.hpp"

namespace fs = std::filesystem;
using namespace agentlens;

namespace {

core::ScanResult scanApp(const fs::path& dir) {
  std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
  rules::Engine engine(all);
  core::ScanOptions opts;
  opts.threads = 1;
  return core::scan({dir.string()}, engine, opts);
}

const core::Route* findRoute(const core::ScanResult& r, std::string_view method, std::string_view path) {
  for (const auto& f : r.files)
    for (const auto& route : f.facts.routes)
      if (route.method == method && route.path == path) return &route;
  return nullptr;
}

}  // namespace

TEST_SUITE("facts") {
  TEST_CASE("facts snapshots of the fixture apps") {
    fs::path root = testing::sourceDir() / "tests" / "facts";
    bool update = std::getenv("UPDATE_SNAPSHOTS") != nullptr;
    int apps = 0;
    for (const auto& e : fs::directory_iterator(root)) {
      if (!e.is_directory()) continue;
      ++apps;
      auto result = scanApp(e.path());
      std::string actual = report::renderFactsJson(result.files);
      fs::path snap = root / (e.path().filename().string() + ".facts.snap");
      if (update || !fs::exists(snap)) {
        testing::writeText(snap, actual);
        continue;
      }
      std::string expected = testing::readText(snap);
      INFO("snapshot " << snap.string() << " differs:\n" << testing::unifiedDiff(expected, actual));
      CHECK(expected == actual);
    }
    CHECK(apps >= 5);
  }

  TEST_CASE("route registry: method, path and auth per framework") {
    fs::path root = testing::sourceDir() / "tests" / "facts";
    struct Expect {
      const char* app;
      const char* method;
      const char* path;
      core::AuthStatus auth;
    };
    using A = core::AuthStatus;
    const Expect cases[] = {
        {"flask", "GET", "/health", A::None},
        {"flask", "POST", "/users", A::None},
        {"flask", "DELETE", "/users/<int:user_id>", A::Explicit},
        {"flask", "GET", "/admin/stats", A::Explicit},
        {"flask", "POST", "/admin/reset", A::None},
        {"flask", "POST", "/export", A::None},
        {"flask", "POST", "/orders", A::Inherited},
        {"fastapi", "POST", "/orders", A::Explicit},
        {"fastapi", "GET", "/orders/{order_id}", A::None},
        {"fastapi", "DELETE", "/admin/cache", A::Inherited},
        {"express", "POST", "/orders", A::Explicit},
        {"express", "DELETE", "/orders/:id", A::None},
        {"express", "GET", "/account", A::Inherited},
        {"express", "GET", "/api/admin/users", A::Inherited},
        {"nextjs", "GET", "/api/users/[id]", A::None},
        {"nextjs", "DELETE", "/api/users/[id]", A::Explicit},
        {"nextjs", "GET", "/api/health", A::None},
        {"nextjs", "*", "/api/legacy", A::None},
        {"gin", "GET", "/healthz", A::None},
        {"gin", "DELETE", "/admin/users/:id", A::Inherited},
        {"gin", "PUT", "/api/v1/account/settings", A::Inherited},
        {"gin", "POST", "/items/{id}", A::None},
        {"gin", "DELETE", "/items/{id}", A::Explicit},
        {"gin", "POST", "/private", A::Explicit},
        {"gin", "GET", "/billing/invoices", A::Inherited},
    };
    std::string lastApp;
    core::ScanResult result;
    for (const auto& c : cases) {
      if (lastApp != c.app) {
        result = scanApp(root / c.app);
        lastApp = c.app;
      }
      CAPTURE(c.app);
      CAPTURE(c.method);
      CAPTURE(c.path);
      const core::Route* r = findRoute(result, c.method, c.path);
      REQUIRE(r != nullptr);
      CHECK(core::authStatusName(r->auth) == core::authStatusName(c.auth));
    }
  }

  TEST_CASE("service routes: mounts across files, inherited auth and its evidence, public by design") {
    fs::path root = testing::sourceDir() / "tests" / "facts";
    struct Expect {
      const char* app;
      const char* file;
      const char* method;
      const char* path;  ///< effective path, mounts applied
      core::AuthStatus auth;
      const char* evidence;  ///< substring of authBy, or of the public reason when auth is None
    };
    using A = core::AuthStatus;
    const Expect cases[] = {
        {"go-wiring", "orders/routes.go", "POST", "/api/orders", A::Inherited, "api.Use(accounts.RequireUser())"},
        {"go-wiring", "reports/routes.go", "POST", "/api/reports/export", A::None, ""},
        {"go-wiring", "accounts/routes.go", "POST", "/api/accounts", A::None, "registration"},
        {"go-wiring", "web/invoices.go", "POST", "/invoices", A::Inherited, "r.Use(s.requireAuth)"},
        {"go-wiring", "web/guest.go", "POST", "/preferences", A::None, ""},
        {"fastify-wiring", "src/routes/api/notes/index.ts", "DELETE", "/api/notes/:id", A::Inherited, "onRequest hook"},
        {"fastify-wiring", "src/routes/api/session/index.ts", "POST", "/api/session/login", A::None, "allowlisted"},
        {"fastify-wiring", "src/routes/admin/index.ts", "POST", "/admin/reindex", A::None, ""},
        {"express-wiring", "src/routes/v1/account.route.js", "POST", "/v1/accounts/register", A::None, "registration"},
        {"flask-wiring", "shop/billing.py", "POST", "/billing/cards", A::Inherited, "app.before_request require_login"},
        {"flask-wiring", "shop/app.py", "GET", "/pricing", A::None, "allowlisted"},
        {"flask-wiring", "shop/app.py", "POST", "/orders", A::Inherited, "before_request"},
    };
    std::string lastApp;
    std::vector<core::RouteRef> routes;
    core::ScanResult result;
    core::WorkspaceIndex index;
    for (const auto& c : cases) {
      if (lastApp != c.app) {
        result = scanApp(root / c.app);
        index.clear();
        for (const auto& f : result.files) index.update(f);
        routes = index.routes();
        lastApp = c.app;
      }
      CAPTURE(c.app);
      CAPTURE(c.method);
      CAPTURE(c.path);
      auto it = std::find_if(routes.begin(), routes.end(), [&](const core::RouteRef& r) {
        return r.file->path == c.file && r.route.method == c.method && r.route.path == c.path;
      });
      REQUIRE(it != routes.end());
      CHECK(core::authStatusName(it->route.auth) == core::authStatusName(c.auth));
      const std::string& why = c.auth == A::None ? it->route.publicReason : it->route.authBy;
      if (*c.evidence) CHECK(why.find(c.evidence) != std::string::npos);
      else CHECK(why.empty());
    }
  }
}
