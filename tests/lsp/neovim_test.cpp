// Neovim (Debian 0.7.2, installed by scripts/setup.sh --test) as a real client of the server.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lsp/client.hpp"
#include "support/fixture.hpp"

TEST_SUITE("lsp") {
  TEST_CASE("Neovim headless: diagnostics and a quick fix through vim.lsp") {
    if (std::system("command -v nvim >/dev/null 2>&1") != 0) {
      MESSAGE("SKIPPED: nvim is not installed (scripts/setup.sh --test installs it)");
      return;
    }
    agentlens::testing::TempDir dir;
    std::string file = dir.write("app.py",
                                 "def charge(order):\n"
                                 "    try:\n"
                                 "        gateway.charge(order)\n"
                                 "    except Exception:\n"
                                 "        pass\n");
    std::string script = (agentlens::testing::sourceDir() / "tests/lsp/neovim/quickfix_test.lua").string();
    std::string cmd = "cd '" + dir.path.string() + "' && AGENTLENS_BINARY='" + AGENTLENS_BINARY + "' AGENTLENS_FILE='" + file +
                      "' HOME='" + dir.path.string() + "' XDG_STATE_HOME='" + dir.path.string() +
                      "' timeout 60 nvim --headless -u NONE -i NONE -n -c \"luafile " + script + "\" 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int st = pclose(p);
    INFO(out);
    CHECK(WIFEXITED(st));
    CHECK(WEXITSTATUS(st) == 0);
    CHECK(out.find("all checks passed") != std::string::npos);
  }
}
