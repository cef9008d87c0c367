// pyproject.toml metadata for rules (rules/common/pyproject.hpp): read with toml++.
#include <doctest/doctest.h>

#include "rules/common/pyproject.hpp"

using namespace agentlens::rules;

TEST_SUITE("unit") {
  TEST_CASE("pyproject: console scripts from [project.scripts] and [tool.poetry.scripts]") {
    auto e = pyproject::scriptEntries(R"toml(
[project]
name = "shop"

[project.scripts]
shopctl = "shop.cli:main"
"shop-admin" = 'shop.admin:run'   # quoted key, literal string

[tool.poetry.scripts]
seed = { callable = "shop.seed:main" }
legacy = "shop.legacy"

[tool.other]
x = "not.a:script"
)toml");
    REQUIRE(e.size() == 4);
    CHECK(e[0].name == "shop-admin");  // toml++ tables iterate their keys sorted
    CHECK(e[0].module == "shop.admin");
    CHECK(e[0].function == "run");
    CHECK(e[1].module == "shop.cli");
    CHECK(e[1].function == "main");
    CHECK(e[2].module == "shop.legacy");
    CHECK(e[2].function.empty());
    CHECK(e[3].module == "shop.seed");
    // A malformed file declares nothing; so does one without scripts.
    CHECK(pyproject::scriptEntries("[project.scripts\nx = 1").empty());
    CHECK(pyproject::scriptEntries("[project]\nname = 'x'\n").empty());
  }

  TEST_CASE("pyproject: module paths") {
    CHECK(pyproject::isModule("src/shop/cli.py", "shop.cli"));
    CHECK(pyproject::isModule("shop/cli/__init__.py", "shop.cli"));
    CHECK_FALSE(pyproject::isModule("shop/cli_tools.py", "shop.cli"));
    CHECK_FALSE(pyproject::isModule("myshop/cli.py", "shop.cli"));
  }
}
