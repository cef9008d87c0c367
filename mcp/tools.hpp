// The MCP server's tools: what each one takes and returns (its schemas, mcp/tool_catalog.cpp) and
// how it is carried out over the project scan `check` uses (mcp/tools_*.cpp). Internal to mcp/.
// Threading: tools run one at a time on the server's worker thread.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "mcp/server.hpp"
#include "project/project_scan.hpp"

namespace agentlens::mcp {

using nlohmann::json;

/// Arguments that do not match the tool's inputSchema: a JSON-RPC error -32602.
struct InvalidParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// The tool ran and could not do what was asked (bad path, unknown rule, git error): a tool
/// result with isError, so the agent reads the message and can correct itself.
struct ToolError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Reads a tool's `arguments` object and reports type errors by field path
/// ("arguments.limit: expected an integer"). Unknown keys are refused.
class Args {
 public:
  Args(const json& args, std::initializer_list<std::string_view> known);
  [[nodiscard]] std::optional<std::string> string(const char* key) const;
  [[nodiscard]] std::optional<std::vector<std::string>> strings(const char* key) const;
  [[nodiscard]] std::optional<std::int64_t> integer(const char* key, std::int64_t min, std::int64_t max) const;
  [[nodiscard]] bool boolean(const char* key) const;  ///< false when absent

 private:
  const json& args_;
};

/// The workspace root and the scans the tools run over it.
class Workspace {
 public:
  explicit Workspace(const ServerOptions& opts);
  [[nodiscard]] const std::string& root() const { return root_; }
  /// An agent's path (relative to the root, or absolute) as an absolute path inside the root.
  /// Throws ToolError for a path outside the root, or a missing one when `mustExist`.
  [[nodiscard]] std::string resolve(const std::string& path, bool mustExist = true) const;
  /// `abs` relative to the root ('/'-separated; "" for the root itself).
  [[nodiscard]] std::string relative(const std::string& abs) const;
  /// scanProject + finishScan of a directory inside the root (throws ToolError).
  [[nodiscard]] project::ProjectScan scan(const std::string& dir) const;
  [[nodiscard]] project::ScanSettings settings() const;

 private:
  ServerOptions opts_;
  std::string root_;  ///< canonical
};

/// A finding's stable id for one state of the code: 8 hex digits of its rule, file and range.
std::string findingId(const core::Finding& f, const std::string& file);
/// A finding as the tools list it: id, file, line, rule, severity, message, fix safety or null.
json compactFinding(const core::Finding& f, const std::string& file);
/// Rounded to one decimal (scores), null when not applicable.
json score(double value, bool applicable = true);

using ToolHandler = json (*)(const Workspace&, const json& arguments);
struct ToolDef {
  const char* name;
  ToolHandler handler;
};

json readinessTool(const Workspace& ws, const json& args);
json findingsTool(const Workspace& ws, const json& args);
json checkChangeTool(const Workspace& ws, const json& args);
json explainTool(const Workspace& ws, const json& args);
json planTool(const Workspace& ws, const json& args);
json previewFixTool(const Workspace& ws, const json& args);
json applyFixTool(const Workspace& ws, const json& args);

/// The `tools` array of tools/list: name, title, description, inputSchema, outputSchema.
const json& toolList();
/// The handler of a tool, or null.
ToolHandler findTool(std::string_view name);

}  // namespace agentlens::mcp
