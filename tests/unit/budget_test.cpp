// Per-file budgets and cooperative cancellation: core/cancel.hpp's scopes, the rule engine
// stopping early under them, and `scan` skipping a file whose analysis overruns its budget.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "core/cancel.hpp"
#include "core/parsed_file.hpp"
#include "core/scan.hpp"
#include "rules/engine.hpp"
#include "rules/registry.hpp"
#include "support/fixture.hpp"
#include "support/temp_dir.hpp"

using namespace agentlens;
using namespace std::chrono_literals;

namespace {

/// An analyzer that works until it is told to stop (or 20 s pass): stands for a rule that went
/// quadratic on some input.
class Endless final : public core::Analyzer {
 public:
  core::FileResult analyze(const core::ParsedFile& file) const override {
    auto stop = std::chrono::steady_clock::now() + 20s;
    while (!core::cancelRequested() && std::chrono::steady_clock::now() < stop) std::this_thread::sleep_for(1ms);
    core::FileResult r;
    r.path = file.path;
    r.lang = file.lang;
    return r;
  }
  std::string fingerprint() const override { return "endless"; }
};

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("cancel and deadline scopes: per thread, nested, restored") {
    CHECK_FALSE(core::cancelRequested());
    std::atomic<bool> flag{false};
    {
      core::CancelScope outer(&flag);
      CHECK_FALSE(core::cancelRequested());
      flag = true;
      CHECK(core::cancelRequested());
      bool otherThread = true;
      std::thread([&] { otherThread = core::cancelRequested(); }).join();
      CHECK_FALSE(otherThread);  // another thread's work is not cancelled
      {
        core::CancelScope inner(nullptr);
        CHECK_FALSE(core::cancelRequested());
      }
      CHECK(core::cancelRequested());
    }
    CHECK_FALSE(core::cancelRequested());
    {
      core::DeadlineScope future(std::chrono::steady_clock::now() + 1h);
      CHECK_FALSE(core::cancelRequested());
      CHECK_FALSE(future.expired());
      {
        core::DeadlineScope past(std::chrono::steady_clock::now() - 1ms);
        CHECK(core::cancelRequested());
        CHECK(past.expired());
      }
      CHECK_FALSE(core::cancelRequested());
    }
  }

  TEST_CASE("the rule engine stops early when its work is cancelled") {
    std::string src = "import logging\n";
    for (int i = 0; i < 400; ++i) src += "try:\n    f()\nexcept:\n    pass\n";
    auto file = core::parseFile("app.py", core::Lang::Python, std::make_shared<const std::string>(src));
    auto all = rules::allRules();
    rules::Engine engine(std::vector<const rules::Rule*>(all.begin(), all.end()));
    std::size_t full = engine.analyze(file).findings.size();
    CHECK(full >= 400);
    std::atomic<bool> flag{true};
    core::CancelScope scope(&flag);
    CHECK(engine.analyze(file).findings.size() < full / 2);
  }

  TEST_CASE("scan skips a file whose analysis overruns the budget, and keeps going") {
    testing::TempDir dir("budget");
    dir.write("slow.py", "x = 1\n");
    dir.write("README.md", "# r\n");
    Endless endless;
    core::ScanOptions opts;
    opts.threads = 1;
    opts.analysisTimeout = 50ms;
    auto t0 = std::chrono::steady_clock::now();
    auto r = core::scan({dir.str()}, endless, opts);
    CHECK(std::chrono::steady_clock::now() - t0 < 10s);  // stopped by the budget, not by the 20 s cap
    bool skipped = false;
    for (const auto& s : r.skipped) skipped |= s.path == "slow.py" && s.reason == "analysis timed out";
    CHECK(skipped);
    for (const auto& f : r.files) CHECK(f.path != "slow.py");
  }
}
