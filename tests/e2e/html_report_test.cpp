// The HTML report renders in a real browser: headless Chromium (Debian package `chromium`) loads
// the page, a screenshot is taken, and the rendered DOM shows the score.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/fixture.hpp"

namespace fs = std::filesystem;

namespace {
int sh(const std::string& cmd) {
  int st = std::system(cmd.c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
std::string findChromium() {
  for (const char* c : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (fs::exists(c)) return c;
  return "";
}
}  // namespace

TEST_SUITE("html") {
  TEST_CASE("HTML report is self-contained and renders the score in headless Chromium") {
    fs::path dir = fs::temp_directory_path() / ("agentlens-html-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path html = dir / "report.html", json = dir / "report.json";
    std::string example = (agentlens::testing::sourceDir() / "examples/shop-prototype").string();
    sh(std::string(AGENTLENS_BINARY) + " check --format html -o " + html.string() + " " + example);
    sh(std::string(AGENTLENS_BINARY) + " check --format json -o " + json.string() + " " + example);
    REQUIRE(fs::exists(html));
    std::string page = agentlens::testing::readText(html);
    // Self-contained: no external stylesheet, script or image.
    CHECK(page.find("<link") == std::string::npos);
    CHECK(page.find("src=\"http") == std::string::npos);
    CHECK(page.find("@import") == std::string::npos);
    CHECK(page.find("sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ") == std::string::npos);  // secrets masked

    auto report = nlohmann::json::parse(agentlens::testing::readText(json));
    double score = report["readiness"]["score"].get<double>();
    char expected[32];
    std::snprintf(expected, sizeof expected, "%.1f/100", score);

    std::string chromium = findChromium();
    REQUIRE_MESSAGE(!chromium.empty(), "chromium is not installed (scripts/setup.sh --test installs it)");
    std::string flags = " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                        " --disable-background-networking --disable-component-update --disable-sync"
                        " --user-data-dir=" + (dir / "profile").string() + " --window-size=1200,1600";
    fs::path png = dir / "report.png", dom = dir / "dom.html";
    int rc = sh("timeout 90 " + chromium + flags + " --screenshot=" + png.string() + " file://" + html.string() +
                " >/dev/null 2>&1");
    CHECK(rc == 0);
    REQUIRE(fs::exists(png));
    CHECK(fs::file_size(png) > 20000);  // a real rendering, not a blank page
    rc = sh("timeout 90 " + chromium + flags + " --dump-dom file://" + html.string() + " > " + dom.string() + " 2>/dev/null");
    CHECK(rc == 0);
    std::string rendered = agentlens::testing::readText(dom);
    CHECK(rendered.find(expected) != std::string::npos);
    CHECK(rendered.find("Action plan") != std::string::npos);
    CHECK(rendered.find("AI hand-off") != std::string::npos);
    if (!std::getenv("AGENTLENS_KEEP_HTML")) fs::remove_all(dir);
  }
}
