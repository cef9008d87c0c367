// End-to-end: secrets found in code and in configuration files never appear in full in any
// output format of the real binary.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string runCapture(const std::string& args) {
  std::string cmd = std::string(AGENTLENS_BINARY) + " " + args + " 2>/dev/null";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("secrets in code, YAML, JSON, TOML and .env are masked in text, JSON and SARIF") {
    fs::path dir = fs::temp_directory_path() / ("agentlens-secrets-" + std::to_string(::getpid()));
    fs::create_directories(dir / "deploy");
    const std::string github = "ghp_R7tY8xQ2eZvKYlo2C8Nv3mR7tYpQa1b2c3d4";
    const std::string stripe = "sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ";
    const std::string password = "Tr0ub4dor&3x!Zq";
    const std::string fallback = "dev-fallback-Q9x";
    std::ofstream(dir / "app.py") << "import os\nTOKEN = \"" << github << "\"\nJWT_SECRET = os.environ.get(\"JWT_SECRET\", \""
                                  << fallback << "\")\n";
    std::ofstream(dir / "deploy/compose.yaml") << "services:\n  api:\n    environment:\n      - STRIPE_KEY=" << stripe
                                               << "\n";
    std::ofstream(dir / "settings.json") << "{\n  \"db_password\": \"" << password << "\"\n}\n";
    std::ofstream(dir / "config.toml") << "[stripe]\nsecret_key = \"" << stripe << "\"\n";
    std::ofstream(dir / "prod.env") << "GITHUB_TOKEN=" << github << "\n";

    for (std::string format : {"text", "json", "sarif"}) {
      INFO("format: ", format);
      std::string out = runCapture("check --color never --fail-on none --format " + format + " " + dir.string());
      CHECK(out.find("hardcoded-secret") != std::string::npos);
      CHECK(out.find("secret-env-default") != std::string::npos);
      CHECK(out.find(github) == std::string::npos);
      CHECK(out.find(stripe) == std::string::npos);
      CHECK(out.find(password) == std::string::npos);
      CHECK(out.find(fallback) == std::string::npos);
      CHECK(out.find("ghp_****") != std::string::npos);
    }
    fs::remove_all(dir);
  }
}
