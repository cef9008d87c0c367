// didOpen → diagnostics and didChange → diagnostics latency on a 5,000-line file, through the
// server with the real (asynchronous) scheduler. Prints median and p99 excluding the debounce.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "lsp/client.hpp"

using agentlens::testing::TempDir;
using agentlens::testing::TestClient;
using nlohmann::json;

namespace {

std::string bigPython(int lines) {
  std::string s = "import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\n";
  int n = 5;
  for (int i = 0; n < lines; ++i) {
    s += "@app.get(\"/r" + std::to_string(i) + "\")\ndef handler_" + std::to_string(i) + "(x):\n";
    s += "    # comment line\n    try:\n        value = compute(x) + " + std::to_string(i) + "\n";
    if (i % 10 == 0) s += "    except Exception:\n        pass\n";
    else s += "    except ValueError:\n        raise\n";
    s += "    return value\n\n";
    n += 9;
  }
  return s;
}

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

TEST_SUITE("lsp-latency") {
  TEST_CASE("diagnostics latency on a 5,000-line file (median / p99, debounce excluded)") {
    TempDir dir;
    std::string text = bigPython(5000);
    std::string path = dir.write("svc/big.py", text);
    TestClient c({.roots = {dir.path.string()}, .synchronous = false});
    c.initialize();
    using Clock = std::chrono::steady_clock;
    auto published = [&](std::int64_t v) {
      auto d = c.lastDiagnostics(path);
      return !d.is_null() && d.value("version", -1) == v;
    };

    std::vector<double> openMs, changeMs;
    std::int64_t version = 0;
    for (int i = 0; i < 15; ++i) {
      double debounce = static_cast<double>(c.server().workspace().debounceFor(path).count());
      auto t0 = Clock::now();
      c.open(path, text, ++version);
      REQUIRE(c.pumpUntil([&] { return published(version); }, 10000));
      openMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count() - debounce);
      if (i + 1 < 15) c.close(path);
    }
    for (int i = 0; i < 40; ++i) {
      double debounce = static_cast<double>(c.server().workspace().debounceFor(path).count());
      json pos = {{"line", 2502 + i}, {"character", 0}};
      auto t0 = Clock::now();
      c.change(path, ++version, json::array({{{"range", {{"start", pos}, {"end", pos}}}, {"text", "# e\n"}}}));
      REQUIRE(c.pumpUntil([&] { return published(version); }, 10000));
      changeMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count() - debounce);
    }
    auto d = c.lastDiagnostics(path)["diagnostics"];
    CHECK(d.size() >= 50);  // every 10th handler swallows
    std::printf("lsp latency, %zu-byte 5,000-line Python file (debounce excluded):\n", text.size());
    std::printf("  didOpen   -> diagnostics: median %.1f ms, p99 %.1f ms (n=%zu)\n", pct(openMs, 0.5), pct(openMs, 0.99), openMs.size());
    std::printf("  didChange -> diagnostics: median %.1f ms, p99 %.1f ms (n=%zu)\n", pct(changeMs, 0.5), pct(changeMs, 0.99), changeMs.size());
    CHECK(pct(changeMs, 0.5) < 2000);  // loose: shared CI machines
    c.request("shutdown", nullptr);
  }
}
