#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/scheduler.hpp"

using namespace agentlens::core;
using namespace std::chrono_literals;

namespace {

/// Records which jobs ran and which published, in order.
struct Log {
  std::vector<std::string> ran;        // "path@version"
  std::vector<std::string> published;  // "path@version"

  Work job(std::string tag, std::chrono::milliseconds takes = 0ms, ManualClock* clock = nullptr) {
    return [this, tag, takes, clock](const JobContext& ctx) -> Publish {
      ran.push_back(tag + "@" + std::to_string(ctx.version));
      if (clock) clock->advance(takes);
      return [this, tag, v = ctx.version] { published.push_back(tag + "@" + std::to_string(v)); };
    };
  }
};

SchedulerOptions syncOptions(ManualClock& clock) {
  SchedulerOptions o;
  o.manualClock = &clock;
  return o;
}

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("scheduler: adaptive debounce is the median of recent runs, clamped") {
    using ns = std::chrono::nanoseconds;
    CHECK(adaptiveDebounce({}, 50ms, 500ms) == 50ms);
    std::vector<ns> fast{ns(1ms), ns(2ms), ns(3ms)};
    CHECK(adaptiveDebounce(fast, 50ms, 500ms) == 50ms);
    std::vector<ns> mid{ns(90ms), ns(400ms), ns(120ms), ns(100ms), ns(5ms)};
    CHECK(adaptiveDebounce(mid, 50ms, 500ms) == 100ms);
    std::vector<ns> slow{ns(2s), ns(3s)};
    CHECK(adaptiveDebounce(slow, 50ms, 500ms) == 500ms);
  }

  TEST_CASE("scheduler: a burst of updates is coalesced into one run of the latest version") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    CHECK(s.update("a.py", 1, log.job("a")));
    clock.advance(10ms);
    CHECK(s.update("a.py", 2, log.job("a")));
    clock.advance(10ms);
    CHECK(s.update("a.py", 3, log.job("a")));
    CHECK(s.runDue() == 0);
    clock.advance(49ms);  // 1 ms before the last update's debounce ends
    CHECK(s.runDue() == 0);
    clock.advance(1ms);
    CHECK(s.runDue() == 1);
    CHECK(log.ran == std::vector<std::string>{"a@3"});
    CHECK(log.published == std::vector<std::string>{"a@3"});
    CHECK(s.stats().superseded == 2);
  }

  TEST_CASE("scheduler: an undebounced interactive update (a file just opened) is due at once") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    CHECK(s.update("open.py", 1, log.job("open"), Priority::Interactive, false));
    CHECK(s.update("typed.py", 1, log.job("typed")));
    CHECK(s.runDue() == 1);  // no clock advance: only the undebounced job is due
    CHECK(log.ran == std::vector<std::string>{"open@1"});
    // The next edit of the same file is debounced as usual.
    CHECK(s.update("open.py", 2, log.job("open")));
    CHECK(s.runDue() == 0);
    clock.advance(50ms);
    CHECK(s.runDue() == 2);
  }

  TEST_CASE("scheduler: expedite makes a debounced job due now (a pull waits for it)") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    CHECK(s.update("a.py", 1, log.job("a")));
    CHECK(s.update("b.py", 1, log.job("b")));
    CHECK(s.runDue() == 0);  // both wait for their debounce
    CHECK(s.expedite("a.py"));
    CHECK(s.runDue() == 1);  // no clock advance: only the expedited job ran
    CHECK(log.ran == std::vector<std::string>{"a@1"});
    CHECK(log.published == std::vector<std::string>{"a@1"});
    CHECK_FALSE(s.expedite("a.py"));  // nothing pending: nothing to do
    CHECK_FALSE(s.expedite("unknown.py"));
    // Background jobs keep their place behind interactive work.
    CHECK(s.update("c.py", 1, log.job("c"), Priority::Background));
    CHECK(s.expedite("c.py"));
    clock.advance(50ms);
    CHECK(s.runUntilIdle() == 2);
  }

  TEST_CASE("scheduler: continuous typing still runs once maxDebounce has passed") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    for (int v = 1; v <= 30; ++v) {  // an update every 40 ms: each resets the 50 ms debounce
      s.update("a.ts", v, log.job("a"));
      clock.advance(40ms);
      s.runDue();
    }
    // The burst started at 0 ms; the cap is 500 ms: the update at 480 ms (version 13) runs.
    REQUIRE_FALSE(log.ran.empty());
    CHECK(log.ran.front() == "a@13");
  }

  TEST_CASE("scheduler: latest version wins; older updates are refused") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    CHECK(s.update("a.go", 5, log.job("a")));
    CHECK_FALSE(s.update("a.go", 4, log.job("a")));
    CHECK(s.update("a.go", 5, log.job("again")));  // same version: a re-run request replaces it
    CHECK(s.runUntilIdle() == 1);
    CHECK(log.ran == std::vector<std::string>{"again@5"});
  }

  TEST_CASE("scheduler: open documents run ahead of background indexing") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    s.update("lib/a.py", 0, log.job("bg-a"), Priority::Background);
    s.update("lib/b.py", 0, log.job("bg-b"), Priority::Background);
    s.update("open.py", 7, log.job("open"), Priority::Interactive);
    s.update("lib/c.py", 0, log.job("bg-c"), Priority::Background);
    clock.advance(50ms);  // every job is due now
    CHECK(s.runDue() == 4);
    CHECK(log.ran == std::vector<std::string>{"open@7", "bg-a@0", "bg-b@0", "bg-c@0"});

    // Background work does not wait for a debounce; a debouncing open document does not block it.
    log = {};
    s.update("open.py", 8, log.job("open"), Priority::Interactive);
    s.update("lib/d.py", 0, log.job("bg-d"), Priority::Background);
    CHECK(s.runDue() == 1);
    CHECK(log.ran == std::vector<std::string>{"bg-d@0"});
    // A background update of an open document keeps it interactive.
    s.update("open.py", 9, log.job("open-bg"), Priority::Background);
    CHECK(s.runDue() == 0);
    CHECK(s.runUntilIdle() == 1);
    CHECK(log.ran.back() == "open-bg@9");
  }

  TEST_CASE("scheduler: cancel drops pending work and forgets the version") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    s.update("a.js", 10, log.job("a"));
    s.update("b.js", 1, log.job("b"));
    s.cancel("a.js");
    CHECK(s.runUntilIdle() == 1);
    CHECK(log.ran == std::vector<std::string>{"b@1"});
    CHECK(s.stats().cancelled == 1);
    // Reopened: any version is accepted again.
    CHECK(s.update("a.js", 1, log.job("a")));
    CHECK(s.runUntilIdle() == 1);
    CHECK(log.ran.back() == "a@1");
  }

  TEST_CASE("scheduler: a result that went stale while running is dropped") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    bool sawCancel = false;
    s.update("a.py", 1, [&](const JobContext& ctx) -> Publish {
      // An edit arrives while the job runs.
      s.update("a.py", 2, log.job("a"));
      sawCancel = ctx.cancelled();
      return [&] { log.published.push_back("a@1"); };
    });
    CHECK(s.runUntilIdle() == 2);
    CHECK(sawCancel);
    CHECK(log.published == std::vector<std::string>{"a@2"});
    CHECK(s.stats().dropped == 1);
    CHECK(s.stats().published == 1);

    // Cancelling a running job drops its result too.
    s.update("b.py", 1, [&](const JobContext& ctx) -> Publish {
      s.cancel("b.py");
      CHECK(ctx.cancelled());
      return [&] { log.published.push_back("b@1"); };
    });
    s.runUntilIdle();
    CHECK(log.published == std::vector<std::string>{"a@2"});
  }

  TEST_CASE("scheduler: the debounce adapts to how long a file's runs take") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    CHECK(s.debounceFor("big.ts") == 50ms);
    for (int v = 1; v <= 3; ++v) {
      s.update("big.ts", v, log.job("big", 200ms, &clock));
      s.runUntilIdle();
    }
    CHECK(s.debounceFor("big.ts") == 200ms);
    // The next update waits 200 ms, not 50.
    s.update("big.ts", 4, log.job("big"));
    clock.advance(199ms);
    CHECK(s.runDue() == 0);
    clock.advance(1ms);
    CHECK(s.runDue() == 1);
    for (int v = 5; v <= 12; ++v) {
      s.update("big.ts", v, log.job("big", 3s, &clock));
      s.runUntilIdle();
    }
    CHECK(s.debounceFor("big.ts") == 500ms);
    CHECK(s.debounceFor("other.ts") == 50ms);
  }

  TEST_CASE("scheduler: shutdown drops pending work and refuses new work") {
    ManualClock clock;
    Scheduler s(syncOptions(clock));
    Log log;
    s.update("a.py", 1, log.job("a"));
    s.shutdown();
    CHECK_FALSE(s.update("a.py", 2, log.job("a")));
    CHECK(s.runUntilIdle() == 0);
    CHECK(log.ran.empty());
    CHECK(s.stats().cancelled == 1);
    s.shutdown();  // idempotent
  }

  TEST_CASE("scheduler: thread pool mode publishes the latest version of every file once") {
    SchedulerOptions o;
    o.workers = 2;
    o.minDebounce = 1ms;
    o.maxDebounce = 5ms;
    Scheduler s(o);
    std::mutex mu;
    std::map<std::string, std::vector<std::int64_t>> published;
    auto job = [&](const JobContext& ctx) -> Publish {
      std::string path(ctx.path);
      std::int64_t v = ctx.version;
      return [&, path, v] {
        std::lock_guard lk(mu);
        published[path].push_back(v);
      };
    };
    for (int i = 0; i < 40; ++i) s.update("bg/" + std::to_string(i) + ".py", 0, job, Priority::Background);
    for (int v = 1; v <= 20; ++v) s.update("open.py", v, job);
    s.waitIdle();
    std::lock_guard lk(mu);
    CHECK(published.size() == 41);
    REQUIRE_FALSE(published["open.py"].empty());
    CHECK(published["open.py"].back() == 20);  // earlier versions may have run, never after 20
    CHECK(std::is_sorted(published["open.py"].begin(), published["open.py"].end()));
    for (int i = 0; i < 40; ++i) CHECK(published["bg/" + std::to_string(i) + ".py"].size() == 1);
  }

  TEST_CASE("scheduler: shutdown cancels a running job and waits for it") {
    SchedulerOptions o;
    o.workers = 1;
    Scheduler s(o);
    std::atomic<bool> started{false}, sawCancel{false}, published{false};
    s.update("slow.py", 1, [&](const JobContext& ctx) -> Publish {
      started = true;
      while (!ctx.cancelled()) std::this_thread::sleep_for(1ms);
      sawCancel = true;
      return [&] { published = true; };
    }, Priority::Background);
    while (!started) std::this_thread::sleep_for(1ms);
    s.shutdown();
    CHECK(sawCancel);
    CHECK_FALSE(published);
  }

  TEST_CASE("scheduler: an opened document runs while every worker is busy indexing") {
    SchedulerOptions o;
    o.workers = 1;
    Scheduler s(o);
    std::atomic<int> indexing{0};
    std::atomic<bool> release{false}, openPublished{false}, sawIndexRunning{false};
    std::atomic<int> maxIndexing{0};
    auto indexJob = [&](const JobContext&) -> Publish {
      int now = ++indexing;
      maxIndexing = std::max(maxIndexing.load(), now);
      while (!release) std::this_thread::sleep_for(1ms);
      --indexing;
      return nullptr;
    };
    // Index jobs first: they take the only worker and hold it until released.
    for (int i = 0; i < 3; ++i) s.update("bg/" + std::to_string(i) + ".py", 0, indexJob, Priority::Background);
    while (indexing == 0) std::this_thread::sleep_for(1ms);
    s.update("open.py", 1, [&](const JobContext&) -> Publish {
      sawIndexRunning = indexing > 0;
      return [&] { openPublished = true; };
    }, Priority::Interactive, /*debounce=*/false);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!openPublished && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    CHECK(openPublished);  // without the reserved thread it would wait for the index job
    CHECK(sawIndexRunning);
    release = true;
    s.waitIdle();
    CHECK(maxIndexing == 1);  // background work never takes more than `workers` threads
  }
}
