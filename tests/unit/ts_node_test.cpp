// core/ts wrappers: a missing field yields a null node that is safe to ask for its text and extent
// (rules call field(...).text(...) without checking; Go sources with unnamed parameters crashed).
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/parsed_file.hpp"

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
}
