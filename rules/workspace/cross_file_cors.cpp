// permissive-cors across files (see cross_file_cors.hpp).
#include "rules/workspace/cross_file_cors.hpp"

#include <algorithm>
#include <regex>
#include <sstream>
#include <string>

#include "rules/registry.hpp"

namespace agentlens::rules {
namespace {

struct Assignment {
  const core::FileResult* file = nullptr;
  std::uint32_t line = 0;
  bool wildcard = false;  // the value is ["*"]
};

/// Class-level or module-level assignments of `name` in the service's Python code
/// (`name: List[str] = [...]`, `name = [...]`).
std::vector<Assignment> assignmentsOf(const WorkspaceView& view, const std::string& name) {
  static const std::regex wildcard(R"(^\s*\[\s*["']\*["']\s*,?\s*\]\s*(#.*)?$)");
  std::vector<Assignment> out;
  for (const auto* f : view.files()) {
    if (f->lang != core::Lang::Python || f->facts.isTestOrGenerated()) continue;
    auto text = view.read(f->path);
    if (!text) continue;
    std::istringstream in(*text);
    std::string line;
    for (std::uint32_t ln = 0; std::getline(in, line); ++ln) {
      auto start = line.find_first_not_of(" \t");
      if (start == std::string::npos || line.compare(start, name.size(), name) != 0) continue;
      std::string rest = line.substr(start + name.size());
      if (rest.empty() || (rest[0] != ' ' && rest[0] != ':' && rest[0] != '=')) continue;
      auto eq = rest.find('=');
      if (eq == std::string::npos || rest.compare(eq, 2, "==") == 0) continue;
      auto colon = rest.find(':');
      if (colon != std::string::npos && colon > eq) continue;
      out.push_back({f, ln, std::regex_match(rest.substr(eq + 1), wildcard)});
    }
  }
  return out;
}

}  // namespace

void corsOriginsFromSettings(std::vector<core::Finding>& out, const WorkspaceView& view) {
  const Rule* rule = findRule("permissive-cors");
  if (!rule) return;
  static const std::regex origins(R"(allow_origins\s*=\s*([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*[,)])");
  static const std::regex credentials(R"(allow_credentials\s*=\s*True)");
  for (const auto* f : view.files()) {
    if (f->lang != core::Lang::Python || f->facts.isTestOrGenerated()) continue;
    auto text = view.read(f->path);
    if (!text || text->find("CORSMiddleware") == std::string::npos) continue;
    for (std::sregex_iterator it(text->begin(), text->end(), origins), end; it != end; ++it) {
      auto pos = static_cast<std::size_t>(it->position(0));
      auto close = text->find(')', pos + it->length(0) - 1);
      std::string call = text->substr(pos, close == std::string::npos ? 400 : std::min<std::size_t>(close - pos, 400));
      // allow_credentials may also come before allow_origins: look back to the call's start.
      auto open = text->rfind('(', pos);
      std::string before = open == std::string::npos ? "" : text->substr(open, pos - open);
      if (!std::regex_search(call, credentials) && !std::regex_search(before, credentials)) continue;
      std::string attr = (*it)[2].str();
      auto assigns = assignmentsOf(view, attr);
      if (assigns.empty() || !std::all_of(assigns.begin(), assigns.end(), [](const Assignment& a) { return a.wildcard; }))
        continue;
      const Assignment& a = assigns.front();
      const RuleMeta& meta = rule->meta();
      core::Finding fi;
      fi.ruleId = std::string(meta.id);
      fi.category = meta.category;
      fi.severity = core::Severity::High;  // with credentials, as the file rule rates it
      fi.confidence = core::Confidence::Medium;
      fi.path = f->path;
      auto line = static_cast<std::uint32_t>(std::count(text->begin(), text->begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
      fi.start = fi.end = {line, 0};
      fi.message = "`allow_origins=" + (*it)[1].str() + "." + attr + "` with `allow_credentials=True`: `" + attr +
                   "` defaults to [\"*\"] (" + a.file->path + ":" + std::to_string(a.line + 1) +
                   ") and no settings override it, so unless the environment sets it every site can make credentialed "
                   "requests (Starlette echoes the caller's Origin); default to an explicit list of origins";
      out.push_back(std::move(fi));
    }
  }
}

}  // namespace agentlens::rules
