// The score on the calibration twins (tests/calibration/README.md): each prototype scores 0–40,
// each hardened twin 75 or more, and each pair's gap is at least 30. On the twins and the shipped
// examples, every plan item shows a gain > 0 and the gate agrees with the blockers.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/fixture.hpp"

using nlohmann::json;

namespace {

json readiness(const std::filesystem::path& dir) {
  std::string cmd = std::string(AGENTLENS_BINARY) + " check -q --no-cache --no-baseline --fail-on none --format json '" +
                    dir.string() + "' 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int st = pclose(p);
  REQUIRE(WIFEXITED(st));
  REQUIRE(WEXITSTATUS(st) == 0);
  return json::parse(out).at("readiness");
}

void checkPlanAndGate(const json& r) {
  for (const auto& item : r["plan"]) {
    CAPTURE(item["rule"].get<std::string>());
    CHECK(item["expectedGain"]["overall"].get<double>() > 0);
  }
  CHECK(r["gate"]["passed"].get<bool>() == (r["gate"]["blockers"].get<int>() == 0));
  CHECK(r["scoreVersion"] == "2");
  CHECK(r["singleFindingBound"].get<double>() > 0);
  CHECK_FALSE(r.contains("cap"));
}

}  // namespace

TEST_SUITE("calibration") {
  TEST_CASE("twins: prototypes score 0-40, hardened twins 75 or more, each gap at least 30") {
    auto root = agentlens::testing::sourceDir() / "tests" / "calibration";
    int pairs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(root)) {
      if (!entry.is_directory()) continue;
      auto proto = readiness(entry.path() / "prototype");
      auto hard = readiness(entry.path() / "hardened");
      double p = proto["score"].get<double>(), h = hard["score"].get<double>();
      INFO(entry.path().filename().string(), ": prototype ", p, ", hardened ", h);
      CHECK(p >= 0);
      CHECK(p <= 40);
      CHECK(h >= 75);
      CHECK(h - p >= 30);
      checkPlanAndGate(proto);
      checkPlanAndGate(hard);
      ++pairs;
    }
    CHECK(pairs >= 8);
  }

  TEST_CASE("examples: every plan item shows a gain > 0") {
    for (const char* ex : {"shop-prototype", "shop-hardened"}) {
      CAPTURE(ex);
      checkPlanAndGate(readiness(agentlens::testing::sourceDir() / "examples" / ex));
    }
  }

  TEST_CASE("per service: shop-hardened's three services each get a score, gate and plan") {
    auto r = readiness(agentlens::testing::sourceDir() / "examples" / "shop-hardened");
    REQUIRE(r["services"].size() == 3);
    std::vector<std::string> roots;
    for (const auto& s : r["services"]) {
      roots.push_back(s["root"].get<std::string>());
      CHECK(s["score"].is_number());
      CHECK(s["gate"]["headline"].is_string());
      CHECK(s["plan"].is_array());
      checkPlanAndGate(json{{"plan", s["plan"]}, {"gate", s["gate"]}, {"scoreVersion", "2"}, {"singleFindingBound", 8}});
    }
    CHECK(roots == std::vector<std::string>{"", "inventory", "notifications"});
  }

  TEST_CASE("per service: .agentlens.toml [services] excludes and declares services") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("agentlens-services-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(agentlens::testing::sourceDir() / "examples" / "shop-hardened", dir, fs::copy_options::recursive);
    INFO(dir.string());
    CHECK(readiness(dir)["services"].size() == 3);
    auto roots = [&] {
      std::string out;
      json r = readiness(dir);
      for (const auto& s : r["services"])
        out += (out.empty() ? "" : ", ") + s["root"].get<std::string>() + "=" + s["name"].get<std::string>();
      return out;
    };
    agentlens::testing::writeText(dir / ".agentlens.toml", "[services]\nexclude = [\"notifications\"]\n");
    CHECK(roots() == "=(root), inventory=inventory");
    agentlens::testing::writeText(dir / ".agentlens.toml",
                                  "[services]\ndeclare = [{ path = \"inventory\", name = \"stock\" }, \"notifications\"]\n");
    CHECK(roots() == "inventory=stock, notifications=notifications");
    fs::remove_all(dir);
  }
}
