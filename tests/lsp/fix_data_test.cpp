// The codec of `Diagnostic.data` and of a deferred code action's data (lsp/fix_data.hpp): what
// the server encodes decodes to the same value, and whatever a client sends back instead —
// missing fields, wrong types, unknown kinds, negative offsets, non-objects — decodes to nothing
// with the offending field named, never to an exception.
#include <doctest/doctest.h>

#include <string>

#include "lsp/fix_data.hpp"

using namespace agentlens;
using lsp::json;

namespace {

lsp::DiagnosticData sample() {
  lsp::FixData own{"Use a parameterised query", core::Applicability::Safe,
                   {{core::Range{{3, 4}, {3, 20}}, "cursor.execute(q, (id,))"}, {core::Range{{0, 0}, {0, 0}}, "import x\n"}},
                   {}};
  lsp::FixData multi{"Document the variable in .env.example", core::Applicability::Unsafe, {},
                     {{core::TextEdit::Kind::AppendLineIfMissing, ".env.example", "API_KEY=", "API_KEY=", 0, 0},
                      {core::TextEdit::Kind::CreateFile, "docs/x.md", "# x\n", "", 0, 0},
                      {core::TextEdit::Kind::Replace, "src/other.py", "y", "", 10, 12}}};
  lsp::FixData shown{"Rotate the secret", core::Applicability::DisplayOnly, {}, {}};
  return lsp::DiagnosticData{"sql-injection", 7, 3, {own, multi, shown}};
}

}  // namespace

TEST_SUITE("lsp") {
  TEST_CASE("fix data: encode then decode gives the same value") {
    lsp::DiagnosticData d = sample();
    auto back = lsp::decodeDiagnosticData(lsp::encodeDiagnosticData(d));
    REQUIRE(back);
    CHECK(*back == d);

    d.version.reset();  // a result computed from disk
    d.fixes.clear();
    back = lsp::decodeDiagnosticData(lsp::encodeDiagnosticData(d));
    REQUIRE(back);
    CHECK(*back == d);
    CHECK(lsp::encodeDiagnosticData(d)["version"].is_null());

    lsp::ResolveData r{"file:///w/app.py", 12, sample().fixes[1]};
    auto rb = lsp::decodeResolveData(lsp::encodeResolveData(r));
    REQUIRE(rb);
    CHECK(*rb == r);
  }

  TEST_CASE("fix data: the wire shape clients see") {
    json j = lsp::encodeDiagnosticData(sample());
    CHECK(j["rule"] == "sql-injection");
    CHECK(j["version"] == 7);
    CHECK(j["startLine"] == 3);
    CHECK(j["fixes"][0]["applicability"] == "safe");
    const json edit = {{"range", {{"start", {{"line", 3}, {"character", 4}}}, {"end", {{"line", 3}, {"character", 20}}}}},
                       {"newText", "cursor.execute(q, (id,))"}};
    CHECK(j["fixes"][0]["edits"][0] == edit);
    CHECK(j["fixes"][1]["fileEdits"][0]["kind"] == "appendLineIfMissing");
    CHECK(j["fixes"][2]["applicability"] == "display-only");
  }

  TEST_CASE("fix data: malformed data from a client decodes to nothing, naming the field") {
    const json good = lsp::encodeDiagnosticData(sample());
    struct Case {
      const char* what;
      json data;
      const char* field;  ///< expected in the error
    };
    auto with = [&](const char* pointer, json value) {
      json d = good;
      d[json::json_pointer(pointer)] = std::move(value);
      return d;
    };
    auto without = [&](const char* parent, const char* key) {
      json d = good;
      d[json::json_pointer(parent)].erase(key);
      return d;
    };
    const Case cases[] = {
        {"not an object", json::array({1, 2}), "data"},
        {"a string", json("sql-injection"), "data"},
        {"no rule", without("", "rule"), "data.rule"},
        {"rule of the wrong type", with("/rule", 42), "data.rule"},
        {"empty rule", with("/rule", ""), "data.rule"},
        {"version as a string", with("/version", "7"), "data.version"},
        {"version as a float", with("/version", 1.5), "data.version"},
        {"negative start line", with("/startLine", -1), "data.startLine"},
        {"fixes not an array", with("/fixes", json{{"title", "x"}}), "data.fixes"},
        {"fix not an object", with("/fixes/0", "fix"), "data.fixes[0]"},
        {"fix without title", without("/fixes/0", "title"), "data.fixes[0].title"},
        {"unknown applicability", with("/fixes/0/applicability", "maybe"), "data.fixes[0].applicability"},
        {"edit without range", without("/fixes/0/edits/0", "range"), "data.fixes[0].edits[0].range"},
        {"edit line negative", with("/fixes/0/edits/0/range/start/line", -3), "data.fixes[0].edits[0].range.start.line"},
        {"edit character huge", with("/fixes/0/edits/1/range/end/character", 1LL << 40),
         "data.fixes[0].edits[1].range.end.character"},
        {"newText not a string", with("/fixes/0/edits/0/newText", nullptr), "data.fixes[0].edits[0].newText"},
        {"unknown file edit kind", with("/fixes/1/fileEdits/0/kind", "deleteFile"), "data.fixes[1].fileEdits[0].kind"},
        {"file edit offset negative", with("/fixes/1/fileEdits/2/start", -1), "data.fixes[1].fileEdits[2].start"},
        {"file edit ends before start", with("/fixes/1/fileEdits/2/end", 2), "data.fixes[1].fileEdits[2].end"},
        {"file edit path missing", without("/fixes/1/fileEdits/0", "path"), "data.fixes[1].fileEdits[0].path"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.what);
      std::string error;
      std::optional<lsp::DiagnosticData> d;
      CHECK_NOTHROW(d = lsp::decodeDiagnosticData(c.data, &error));
      CHECK_FALSE(d);
      CHECK(error.find(c.field) != std::string::npos);
    }
    // Neovim sends an empty array back as {} (an empty Lua table): still an empty list.
    json fromLua = good;
    fromLua["fixes"][0]["fileEdits"] = json::object();
    fromLua["fixes"][1]["edits"] = json::object();
    auto lua = lsp::decodeDiagnosticData(fromLua);
    REQUIRE(lua);
    CHECK(*lua == sample());
    // Absent optional members take their defaults (a client may drop nulls).
    json minimal = {{"rule", "sql-injection"}};
    auto d = lsp::decodeDiagnosticData(minimal);
    REQUIRE(d);
    CHECK_FALSE(d->version);
    CHECK(d->startLine == 0);
    CHECK(d->fixes.empty());

    std::string error;
    CHECK_FALSE(lsp::decodeResolveData(json{{"uri", "file:///a.py"}, {"version", 1}}, &error));
    CHECK(error.find("data.fix") != std::string::npos);
    CHECK_FALSE(lsp::decodeResolveData(json{{"uri", 5}, {"fix", good["fixes"][0]}}, &error));
    CHECK(error.find("data.uri") != std::string::npos);
  }
}
