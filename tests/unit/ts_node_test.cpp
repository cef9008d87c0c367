// core/ts wrappers: a missing field yields a null node that is safe to ask for its text and extent
// (rules call field(...).text(...) without checking; Go sources with unnamed parameters crashed).
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/parsed_file.hpp"
#include "rules/common/syntax.hpp"

using namespace agentlens::core;

TEST_SUITE("unit") {
  TEST_CASE("ts: a null node has empty text and an empty extent") {
    auto text = std::make_shared<const std::string>("package main\n\nfunc handle(http.ResponseWriter, *http.Request) {}\n");
    ParsedFile pf = parseFile("main.go", Lang::Go, text);
    REQUIRE(pf.tree.valid());
    agentlens::ts::Node root = pf.tree.root();
    agentlens::ts::Node fn = root.namedChild(1);
    CHECK(fn.type() == "function_declaration");
    agentlens::ts::Node params = fn.field("parameters");
    REQUIRE(!params.isNull());
    agentlens::ts::Node first = params.namedChild(0);
    CHECK(first.type() == "parameter_declaration");
    agentlens::ts::Node name = first.field("name");  // unnamed parameter
    CHECK(name.isNull());
    CHECK(name.text(*text).empty());
    CHECK(name.endByte() == name.startByte());
    CHECK(fn.field("no-such-field").text(*text).empty());
  }

  TEST_CASE("ts: field lookup by name matches tree-sitter's, per grammar, with and without the cache") {
    auto py = std::make_shared<const std::string>("def f(a):\n    return g(a)\n");
    auto go = std::make_shared<const std::string>("package m\n\nfunc f(a int) { g(a) }\n");
    ParsedFile p = parseFile("a.py", Lang::Python, py);
    ParsedFile g = parseFile("a.go", Lang::Go, go);
    REQUIRE(p.tree.valid());
    REQUIRE(g.tree.valid());
    agentlens::ts::Node pf = p.tree.root().namedChild(0);
    agentlens::ts::Node gf = g.tree.root().namedChild(1);
    // Several rounds: the first fills the per-thread cache, the others answer from it; the same
    // name has different ids in the two grammars.
    for (int round = 0; round < 3; ++round) {
      for (auto [node, src] : {std::pair{pf, py}, std::pair{gf, go}}) {
        for (std::string_view name : {"name", "parameters", "body", "result", "return_type", "no-such-field"}) {
          TSNode expected = ts_node_child_by_field_name(node.raw(), name.data(), static_cast<std::uint32_t>(name.size()));
          CHECK(node.field(name) == agentlens::ts::Node(expected));
        }
        CHECK(node.field("name").text(*src) == "f");
      }
    }
    CHECK(agentlens::ts::fieldId(ts_node_language(pf.raw()), "name") !=
          agentlens::ts::fieldId(ts_node_language(gf.raw()), "name"));
    CHECK(agentlens::ts::fieldId(ts_node_language(pf.raw()), "a_field_name_longer_than_the_cache_slot") == 0);
    CHECK(agentlens::ts::fieldId(nullptr, "name") == 0);
    CHECK(agentlens::ts::Node().field("name").isNull());
    CHECK(pf.field(TSFieldId{0}).isNull());
  }

  TEST_CASE("syntax: the callee memo never answers for a node of another tree") {
    auto a = std::make_shared<const std::string>("requests.get(u)\n");
    auto b = std::make_shared<const std::string>("print(x)\n");
    for (int round = 0; round < 2; ++round) {
      ParsedFile pa = parseFile("a.py", Lang::Python, a);
      agentlens::ts::Node ca = pa.tree.root().namedChild(0).namedChild(0);
      REQUIRE(ca.type() == "call");
      {
        agentlens::rules::NodeMemoScope scope;
        CHECK(agentlens::rules::calleeText(ca, *a) == "requests.get");
        CHECK(agentlens::rules::calleeText(ca, *a) == "requests.get");  // memoised
        CHECK(agentlens::rules::calleeName(ca, *a) == "get");
      }
      ParsedFile pb = parseFile("b.py", Lang::Python, b);
      agentlens::ts::Node cb = pb.tree.root().namedChild(0).namedChild(0);
      REQUIRE(cb.type() == "call");
      agentlens::rules::NodeMemoScope scope;
      CHECK(agentlens::rules::calleeText(cb, *b) == "print");
      CHECK(agentlens::rules::calleeText(ca, *a) == "requests.get");
    }
  }
}
