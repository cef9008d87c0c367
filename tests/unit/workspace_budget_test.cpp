// The server's per-file analysis budget (core::WorkspaceOptions::budget): a text whose parse or
// rule pass runs over it gets no findings for that version, and the file's next version is
// analysed as usual (the worker was not held).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "core/analyzer.hpp"
#include "core/cancel.hpp"
#include "core/workspace.hpp"

using namespace agentlens;
using namespace std::chrono_literals;

namespace {

/// One finding per file, except for a text containing "SPIN": its rule pass spins until the
/// analysis is told to stop (the budget), as a pathological rule would.
class SpinningAnalyzer : public core::Analyzer {
 public:
  [[nodiscard]] core::FileResult analyze(const core::ParsedFile& file) const override {
    core::FileResult r;
    r.path = file.path;
    r.lang = file.lang;
    if (file.source().find("SPIN") != std::string_view::npos) {
      auto guard = std::chrono::steady_clock::now() + 30s;  // the test fails instead of hanging
      while (!core::cancelRequested() && std::chrono::steady_clock::now() < guard) std::this_thread::sleep_for(1ms);
      stoppedByBudget = core::cancelRequested();
      return r;  // a partial result: the workspace must drop it
    }
    core::Finding f;
    f.ruleId = "one-per-file";
    f.path = file.path;
    f.message = "found";
    r.findings.push_back(f);
    return r;
  }
  [[nodiscard]] std::string fingerprint() const override { return "spinning"; }
  mutable std::atomic<bool> stoppedByBudget{false};
};

struct Collector : core::WorkspaceCallbacks {
  void onDiagnosticsReady(const core::FileDiagnostics& d) override {
    std::lock_guard lk(mu);
    last[d.path] = d;
  }
  core::FileDiagnostics get(const std::string& path) {
    std::lock_guard lk(mu);
    return last[path];
  }
  std::mutex mu;
  std::map<std::string, core::FileDiagnostics> last;
};

core::ContentChange full(std::string text) { return core::ContentChange{std::nullopt, std::move(text)}; }

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("workspace budget: a rule pass over budget yields no findings for that version; the next version is analysed") {
    auto analyzer = std::make_shared<SpinningAnalyzer>();
    Collector out;
    core::WorkspaceOptions opts;
    opts.synchronous = true;
    opts.indexWorkspace = false;
    opts.budget = 200ms;
    core::Workspace ws(analyzer, out, opts);

    ws.open("/ws/a.py", 1, "x = 1\n");
    CHECK(out.get("/ws/a.py").version == 1);
    CHECK(out.get("/ws/a.py").findings.size() == 1);

    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(ws.change("/ws/a.py", 2, {full("x = 1  # SPIN\n")}, core::PositionEncoding::Utf16));
    auto took = std::chrono::steady_clock::now() - t0;
    CHECK(analyzer->stoppedByBudget);
    CHECK(took < 10s);
    auto d = out.get("/ws/a.py");
    CHECK(d.version == 2);
    CHECK(d.findings.empty());  // the partial result is not shown

    REQUIRE(ws.change("/ws/a.py", 3, {full("y = 2\n")}, core::PositionEncoding::Utf16));
    d = out.get("/ws/a.py");
    CHECK(d.version == 3);
    CHECK(d.findings.size() == 1);
  }

  TEST_CASE("workspace budget: a parse over budget yields no findings; a budget of zero means none") {
    std::string big;
    for (int i = 0; i < 40000; ++i) big += "def f" + std::to_string(i) + "(a, b):\n    return [a, b, '" + std::to_string(i) + "']\n";
    for (auto budget : {1ms, 0ms}) {
      CAPTURE(budget.count());
      auto analyzer = std::make_shared<SpinningAnalyzer>();
      Collector out;
      core::WorkspaceOptions opts;
      opts.synchronous = true;
      opts.indexWorkspace = false;
      opts.budget = budget;
      core::Workspace ws(analyzer, out, opts);
      ws.open("/ws/big.py", 1, big);
      auto d = out.get("/ws/big.py");
      CHECK(d.version == 1);
      // 1.8 MB does not parse in 1 ms: no findings; without a budget the analysis completes.
      CHECK(d.findings.size() == (budget.count() == 0 ? 1u : 0u));
      // A small edit afterwards is analysed (from scratch when there was no tree).
      REQUIRE(ws.change("/ws/big.py", 2, {full("z = 3\n")}, core::PositionEncoding::Utf16));
      d = out.get("/ws/big.py");
      CHECK(d.version == 2);
      CHECK(d.findings.size() == 1);
    }
  }
}
