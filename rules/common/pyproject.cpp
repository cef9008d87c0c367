#include "rules/common/pyproject.hpp"

#include <algorithm>
#include <toml++/toml.h>

namespace agentlens::rules::pyproject {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void addTable(const toml::table* scripts, std::vector<ScriptEntry>& out) {
  if (!scripts) return;
  for (const auto& [key, value] : *scripts) {
    std::optional<std::string> target = value.value<std::string>();
    if (!target)
      if (const auto* t = value.as_table()) target = (*t)["callable"].value<std::string>();
    if (!target) continue;
    std::string_view spec = *target;
    auto colon = spec.find(':');
    ScriptEntry e;
    e.name = std::string(key.str());
    e.module = std::string(trimmed(spec.substr(0, colon)));
    if (colon != std::string_view::npos) e.function = std::string(trimmed(spec.substr(colon + 1)));
    if (!e.module.empty()) out.push_back(std::move(e));
  }
}

}  // namespace

std::vector<ScriptEntry> scriptEntries(std::string_view text) {
  std::vector<ScriptEntry> out;
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error&) {
    return out;  // a broken pyproject.toml declares nothing we can trust (invalid-config reports config files)
  }
  addTable(root["project"]["scripts"].as_table(), out);
  addTable(root["tool"]["poetry"]["scripts"].as_table(), out);
  return out;
}

bool isModule(std::string_view path, std::string module) {
  std::replace(module.begin(), module.end(), '.', '/');
  for (const std::string& tail : {module + ".py", module + "/__init__.py"})
    if (path == tail || path.ends_with("/" + tail)) return true;
  return false;
}

}  // namespace agentlens::rules::pyproject
