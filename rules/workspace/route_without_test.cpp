// route-without-test: HTTP routes that no test requests (cross-file: routes vs test references).
#include <algorithm>

#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Lists each HTTP route (method and path, router prefixes applied) that no test requests. A test
requests a route through a test client: `client.get("/users/42")` (Flask, FastAPI
`TestClient`, Django's client), supertest's `request(app).post("/orders")`, or Go's
`httptest.NewRequest("GET", "/users/1", nil)`. Paths are compared segment by segment, and
parameters match any value: `/users/42`, `f"/users/{uid}"` and `` `/users/${id}` `` all test
`/users/<int:id>`, `/users/:id` and `/users/{id}`.

Tests also reach a route through its name (`app.url_path_for("articles:list")`, Django's
`reverse("shop:cart")`, Flask's `url_for`), through the path it is mounted under (a test of
`/v1/auth/register` reaches `router.post("/register")` mounted at `/auth` under `/v1`, and a Go
test that mounts `UsersRegister(r.Group("/users"))` itself reaches `/users`), through Fastify's
`app.inject({ url })`, by calling the handler directly (`h.Login(c)`, a Next.js `POST(req)`
imported from the route file), and by wiring the handler on a test router
(`router.POST("/login", handler.Login)`).

Not reported: workspaces with no tests at all (`no-tests` reports that once; test files without
a single test and assertion, such as an empty `tests.py` or a script printing what a live server
answers, are not tests), health, readiness, metrics, docs, Swagger UI and static routes, CORS
preflight (`OPTIONS`) handlers, Django's admin site, and routes defined in test files. When
tests exist but none requests any route (the test client may be one this tool does not
recognise), findings are reported at medium confidence.

## Why is this bad?
A route without a test is verified by hand or by users. The happy path of every endpoint is the
cheapest end-to-end check there is, and the first thing an upgrade, a refactor or an
AI-generated edit breaks.

## Example
```python
@app.post("/orders")
def create_order(): ...
# tests/test_orders.py only tests the pricing helper
```

Use instead:
```python
def test_create_order(client):
    response = client.post("/orders", json={"sku": "A1", "qty": 1})
    assert response.status_code == 201
```

## References
- Google SRE book, "Testing for Reliability"
- The test pyramid: a thin layer of end-to-end tests over the happy paths
)md";

const RuleMeta kMeta{
    .id = "route-without-test",
    .category = core::Category::Testing,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "HTTP route that no test requests",
    .docs = kDocs,
    .mode = ScoreMode::Density,
    .planTitle = "Test every route's happy path",
    .effort = core::Effort::M,
};

std::string testHint(const core::Route& r) {
  const std::string& fw = r.framework;
  if (fw == "flask") return "call it through `app.test_client()` in a pytest test";
  if (fw == "fastapi" || fw == "starlette") return "call it through `TestClient(app)` in a pytest test";
  if (fw == "django") return "call it through Django's test `client`";
  if (fw == "express" || fw == "koa" || fw == "fastify" || fw == "hono") return "call it with supertest (`request(app)`)";
  if (fw == "nextjs") return "call the handler in a vitest/jest test";
  return "call it with `httptest.NewRequest` and a recorder";
}

class RouteWithoutTest final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    bool hasTests = std::any_of(v.files().begin(), v.files().end(),
                                [&](const auto* f) { return isTestSource(*f) && holdsTests(v, *f); });
    if (!hasTests) return;  // no tests at all: one gap (no-tests), not one per route
    // Requests by path or name; a handler called directly is not a test client.
    bool anyRef = std::any_of(v.files().begin(), v.files().end(), [](const auto* f) {
      return std::any_of(f->facts.testRouteRefs.begin(), f->facts.testRouteRefs.end(),
                         [](const std::string& r) { return !r.starts_with("call:") && !r.starts_with("wired:"); });
    });
    const core::WorkspaceIndex& index = v.index();
    std::uint32_t eligible = 0;
    for (const auto& r : index.routes())
      if (!r.file->facts.isTestOrGenerated() && !core::exemptFromTests(r.route.path) && r.route.method != "OPTIONS") ++eligible;
    if (eligible == 0) return;
    ctx.applicable(eligible);
    auto untested = index.untestedRoutes();
    for (const auto& r : untested) {
      if (r.file->facts.isTestOrGenerated()) continue;
      std::string method = r.route.method == "*" ? "ANY" : r.route.method;
      core::Finding& f = ctx.report(r.file->path, r.route.line,
                                    "`" + method + " " + r.route.path + "` has no test: no test requests this path; " +
                                        testHint(r.route));
      if (!anyRef) {
        f.confidence = core::Confidence::Medium;
        f.message += " (no test requests any route: if your tests use another client, this may be a false alarm)";
      }
    }
  }
};

}  // namespace

const WorkspaceCheck& routeWithoutTest() {
  static const RouteWithoutTest check;
  return check;
}

}  // namespace agentlens::rules
