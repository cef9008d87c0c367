// The FactsBuilder timing contract rules rely on: a route registered by a decorator or with an
// inline handler is visible through ctx.facts().routeAt() while the handler's body is visited;
// signature-recognised handlers are in handlerSpans by then; named handlers defined after their
// registration are resolved by finish().
#include <doctest/doctest.h>

#include "rules/engine.hpp"
#include "support/fixture.hpp"

using namespace agentlens;

namespace {

struct Seen : rules::RuleState {
  std::vector<std::string> atVisit;   // "route" / "handler" / "-" per visited return/call
  std::vector<std::string> atFinish;  // handler names of routes with a byte range
};

class Probe final : public rules::Rule {
 public:
  const rules::RuleMeta& meta() const override {
    static const rules::RuleMeta m{.id = "facts-probe",
                                   .category = core::Category::Testing,
                                   .severity = core::Severity::Info,
                                   .confidence = core::Confidence::High,
                                   .languages = rules::kAllCode,
                                   .summary = "probe",
                                   .docs = "",
                                   .fix = std::nullopt};
    return m;
  }
  std::vector<std::string_view> nodeTypes(core::Lang) const override { return {"return_statement"}; }
  void visit(ts::Node n, rules::RuleContext& ctx) const override {
    auto& s = ctx.state<Seen>();
    const core::Route* r = ctx.facts().routeAt(n.startByte());
    s.atVisit.push_back(r ? r->method + " " + r->path : (ctx.facts().inHandler(n.startByte()) ? "handler" : "-"));
  }
  void finish(rules::RuleContext& ctx) const override {
    auto& s = ctx.state<Seen>();
    std::string line;
    for (const auto& r : ctx.facts().routes) line += r.handlerEnd > r.handlerStart ? "+" : "0";
    s.atFinish.push_back(line);
    last_ = s;
  }
  std::unique_ptr<rules::RuleState> makeState() const override { return std::make_unique<Seen>(); }
  mutable Seen last_;  // single-threaded test use only
};

}  // namespace

TEST_SUITE("facts") {
  TEST_CASE("routes are visible to rules while the handler body is visited") {
    Probe probe;
    testing::analyzeText("app.py",
                         "from flask import Flask\napp = Flask(__name__)\n\n"
                         "@app.post('/orders')\ndef create():\n    return {}, 201\n\n"
                         "def helper():\n    return 1\n",
                         {&probe});
    CHECK(probe.last_.atVisit == std::vector<std::string>{"POST /orders", "-"});

    testing::analyzeText("main.go",
                         "package main\n\nimport \"net/http\"\n\n"
                         "func items(w http.ResponseWriter, r *http.Request) {\n\treturn\n}\n\n"
                         "func main() {\n\thttp.HandleFunc(\"GET /items\", items)\n"
                         "\thttp.HandleFunc(\"GET /x\", func(w http.ResponseWriter, r *http.Request) {\n\t\treturn\n\t})\n}\n",
                         {&probe});
    // `items` is defined before its registration: known as a handler by signature during the
    // walk, attached to its route in finish().
    CHECK(probe.last_.atVisit == std::vector<std::string>{"handler", "GET /x"});
    CHECK(probe.last_.atFinish == std::vector<std::string>{"++"});
  }
}
