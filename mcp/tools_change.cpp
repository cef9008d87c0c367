// check_change: what the agent's change introduced and fixed against a git ref, with the score
// delta (project/change_delta.hpp does the work; this adapts arguments and result).
#include <filesystem>

#include "mcp/tools.hpp"
#include "project/change_delta.hpp"

namespace agentlens::mcp {

json checkChangeTool(const Workspace& ws, const json& args) {
  Args a(args, {"ref", "files"});
  project::ChangeRequest req;
  req.root = ws.root();
  req.ref = a.string("ref").value_or("HEAD");
  for (const auto& f : a.strings("files").value_or(std::vector<std::string>{})) {
    // A deleted file is part of a change: it need not exist, but it must be inside the root.
    std::string abs = ws.resolve(f, false);
    std::error_code ec;
    if (std::filesystem::is_directory(abs, ec))
      throw ToolError("files: '" + f + "' is a directory: list files, or omit files for the whole change");
    req.files.push_back(ws.relative(abs));
  }
  req.settings = ws.settings();
  std::string error;
  auto d = project::changeDelta(req, error);
  if (!d) throw ToolError(error);
  json introduced = json::array(), fixed = json::array();
  std::size_t newBlockers = 0;
  for (const auto& f : d->introduced) {
    introduced.push_back(compactFinding(f, f.path));
    if (project::isBlocker(f)) ++newBlockers;
  }
  for (const auto& f : d->fixed) fixed.push_back(compactFinding(f, f.path));
  json before = score(d->before.overall, d->before.applicable), after = score(d->after.overall, d->after.applicable);
  json delta = before.is_null() || after.is_null() ? json(nullptr) : score(after.get<double>() - before.get<double>());
  return {{"ref", req.ref},
          {"commit", d->commit.substr(0, 12)},
          {"files", d->files},
          {"introduced", introduced},
          {"fixed", fixed},
          {"newBlockers", newBlockers},
          {"score", {{"before", before}, {"after", after}, {"delta", delta}}}};
}

}  // namespace agentlens::mcp
