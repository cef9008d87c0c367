// The tools/list catalogue: names, descriptions and schemas. An agent reads all of it on every
// session, so it is kept small (the mcp suite prints its size; the budget is 1,500 tokens):
// output schemas pin the top-level shape and the finding fields, not every nested key.
#include "mcp/tools.hpp"

namespace agentlens::mcp {
namespace {

// A compact finding, as findings, check_change and the fix tools return it.
constexpr const char* kFinding =
    R"({"type":"object","properties":{"id":{"type":"string"},"file":{"type":"string"},"line":{"type":"integer"},)"
    R"("rule":{"type":"string"},"severity":{"type":"string"},"message":{"type":"string"},"fix":{"type":["string","null"]}},)"
    R"("required":["id","file","line","rule","message"]})";

json object(const std::string& properties, const std::string& required = "") {
  std::string s = R"({"type":"object","properties":{)" + properties + "}";
  if (!required.empty()) s += R"(,"required":[)" + required + "]";
  return json::parse(s + "}");
}

json input(const std::string& properties, const std::string& required = "") {
  json j = object(properties, required);
  j["additionalProperties"] = false;
  return j;
}

const std::string kPath = R"("path":{"type":"string","description":"Directory, default: workspace root"})";
const std::string kTop = R"("top":{"type":"integer","minimum":0})";
const std::string kTarget =
    R"("id":{"type":"string","description":"From findings"},"rule":{"type":"string"},"file":{"type":"string"},)"
    R"("line":{"type":"integer","minimum":1},"allow_unsafe":{"type":"boolean"})";
const std::string kFixResult = R"("fix":{"type":"object"},"files":{"type":"array","items":{"type":"string"}},"diff":{"type":"string"})";
const std::string kScore = R"({"type":["number","null"]})";

json tool(const char* name, const char* title, const char* description, json in, json out) {
  return {{"name", name}, {"title", title}, {"description", description}, {"inputSchema", std::move(in)},
          {"outputSchema", std::move(out)}};
}

json buildList() {
  const std::string finding = kFinding;
  const std::string findings = R"({"type":"array","items":)" + finding + "}";
  json list = json::array();
  list.push_back(tool("readiness", "Readiness score",
                      "Production-readiness score 0-100, grade, CI gate, category scores and the top plan items.",
                      input(kPath + "," + kTop),
                      object(R"("score":)" + kScore + R"(,"grade":{"type":"string"},"blockers":{"type":"integer"},)"
                             R"("gate":{"type":"object"},"categories":{"type":"object"},"top":{"type":"array"})",
                             R"("score","grade","gate","categories","top")")));
  list.push_back(tool("findings", "Findings",
                      "Open findings, most severe first. Filter by paths, files changed since a git ref, category, "
                      "min_severity.",
                      input(R"("paths":{"type":"array","items":{"type":"string"}},"changed_since":{"type":"string"},)"
                            R"("category":{"type":"string"},)"
                            R"("min_severity":{"enum":["critical","high","medium","low","info"]},)"
                            R"("limit":{"type":"integer","minimum":1})"),
                      object(R"("total":{"type":"integer"},"findings":)" + findings, R"("total","findings")")));
  list.push_back(tool("check_change", "Check a change",
                      "Findings the working tree (or only `files`) introduced and fixed against a git ref (default "
                      "HEAD), with the score delta. Call before reporting a task done.",
                      input(R"("ref":{"type":"string"},"files":{"type":"array","items":{"type":"string"}})"),
                      object(R"("introduced":)" + findings + R"(,"fixed":)" + findings +
                                 R"(,"newBlockers":{"type":"integer"},"score":{"type":"object","properties":{"before":)" +
                                 kScore + R"(,"after":)" + kScore + R"(,"delta":)" + kScore + "}}",
                             R"("introduced","fixed","newBlockers","score")")));
  list.push_back(tool("explain", "Explain a rule", "A rule's documentation: why it matters, examples, fix safety.",
                      input(R"("rule":{"type":"string","description":"Rule id, e.g. swallowed-exception"})", R"("rule")"),
                      object(R"("rule":{"type":"string"},"docs":{"type":"string"})", R"("rule","docs")")));
  list.push_back(tool("plan", "Action plan",
                      "Prioritized action plan: per item the expected score gain, effort, files and an AI hand-off.",
                      input(kPath + "," + kTop),
                      object(R"("score":)" + kScore + R"(,"total":{"type":"integer"},"items":{"type":"array"})",
                             R"("score","items")")));
  list.push_back(tool("preview_fix", "Preview a fix",
                      "Unified diff of a finding's fix across files, without writing. Target: id, or rule+file+line.",
                      input(kTarget),
                      object(R"("finding":)" + finding + "," + kFixResult, R"("finding","fix","files","diff")")));
  list.push_back(tool("apply_fix", "Apply a fix",
                      "Apply a finding's fix atomically and return the diff applied. Safe fixes only unless "
                      "allow_unsafe.",
                      input(kTarget),
                      object(R"("applied":{"type":"boolean"},)" + kFixResult, R"("applied","files","diff")")));
  return list;
}

constexpr ToolDef kTools[] = {
    {"readiness", readinessTool}, {"findings", findingsTool}, {"check_change", checkChangeTool},
    {"explain", explainTool},     {"plan", planTool},         {"preview_fix", previewFixTool},
    {"apply_fix", applyFixTool},
};

}  // namespace

const json& toolList() {
  static const json list = buildList();
  return list;
}

ToolHandler findTool(std::string_view name) {
  for (const auto& t : kTools)
    if (name == t.name) return t.handler;
  return nullptr;
}

}  // namespace agentlens::mcp
