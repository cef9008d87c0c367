#include "lsp/settings.hpp"

#include <algorithm>

namespace agentlens::lsp {
namespace {

void readStrings(const json& v, const char* key, std::vector<std::string>& out, std::vector<std::string>& warnings) {
  auto it = v.find(key);
  if (it == v.end() || it->is_null()) return;
  if (!it->is_array()) {
    warnings.push_back(std::string("agentlens.") + key + ": expected an array of strings");
    return;
  }
  out.clear();
  for (const auto& e : *it) {
    if (e.is_string()) out.push_back(e.get<std::string>());
    else warnings.push_back(std::string("agentlens.") + key + ": ignoring a non-string entry");
  }
}

}  // namespace

Settings parseSettings(const json& vIn, std::vector<std::string>& warnings) {
  Settings s;
  // Accept both {"agentlens": {...}} (didChangeConfiguration payloads) and the section itself.
  const json* v = &vIn;
  if (v->is_object() && v->contains("agentlens") && (*v)["agentlens"].is_object()) v = &(*v)["agentlens"];
  if (!v->is_object()) return s;
  if (auto it = v->find("enable"); it != v->end()) {
    if (it->is_boolean()) s.enable = it->get<bool>();
    else warnings.push_back("agentlens.enable: expected a boolean");
  }
  readStrings(*v, "select", s.select, warnings);
  readStrings(*v, "ignore", s.ignore, warnings);
  if (auto it = v->find("severity"); it != v->end() && !it->is_null()) {
    if (!it->is_object()) {
      warnings.push_back("agentlens.severity: expected an object of rule id → level");
    } else {
      for (const auto& [rule, level] : it->items()) {
        auto l = level.is_string() ? core::levelFromName(level.get<std::string>()) : std::nullopt;
        if (l) s.severity[rule] = *l;
        else warnings.push_back("agentlens.severity." + rule + ": expected error, warning, info or hint");
      }
    }
  }
  if (auto it = v->find("diagnosticsScope"); it != v->end()) {
    if (it->is_string() && (*it == "workspace" || *it == "openFiles")) s.diagnosticsScope = it->get<std::string>();
    else warnings.push_back("agentlens.diagnosticsScope: expected \"workspace\" or \"openFiles\"");
  }
  if (auto it = v->find("inlineLevel"); it != v->end() && !it->is_null()) {
    auto l = it->is_string() ? inlineLevelFromName(it->get<std::string>()) : std::nullopt;
    if (l) s.inlineLevel = *l;
    else warnings.push_back("agentlens.inlineLevel: expected \"errors\", \"warnings\" or \"all\"");
  }
  if (auto it = v->find("docsBaseUrl"); it != v->end()) {
    if (it->is_string()) s.docsBaseUrl = it->get<std::string>();
    else warnings.push_back("agentlens.docsBaseUrl: expected a string");
  }
  return s;
}

std::vector<std::string> selectedRules(const Settings& s, const std::vector<RuleInfo>& rules) {
  auto matches = [](const std::vector<std::string>& list, const RuleInfo& r) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& x) { return x == r.id || x == r.category; });
  };
  std::vector<std::string> out;
  for (const auto& r : rules) {
    if (!s.select.empty() && !matches(s.select, r)) continue;
    if (matches(s.ignore, r)) continue;
    out.push_back(r.id);
  }
  return out;
}

core::ConfigLayer clientLayer(const Settings& s) {
  core::ConfigLayer l;
  l.select = s.select;
  l.ignore = s.ignore;
  return l;
}

}  // namespace agentlens::lsp
