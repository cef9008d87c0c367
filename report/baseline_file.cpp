#include "report/baseline_file.hpp"

#include <nlohmann/json.hpp>

namespace agentlens::report {

using nlohmann::json;

std::string renderBaseline(const core::Baseline& baseline) {
  json findings = json::array();
  for (const auto& e : baseline.entries())
    findings.push_back({{"rule", e.rule}, {"file", e.path}, {"fingerprint", e.fingerprint}, {"line", e.line},
                        {"message", e.message}});
  json j = {{"version", 1}, {"tool", "agentlens"}, {"findings", findings}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::optional<core::Baseline> parseBaseline(std::string_view text, std::string& error) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    error = "not a JSON object";
    return std::nullopt;
  }
  if (!j.contains("version") || j["version"] != 1) {
    error = "unsupported baseline version (expected \"version\": 1)";
    return std::nullopt;
  }
  if (!j.contains("findings") || !j["findings"].is_array()) {
    error = "findings: expected an array";
    return std::nullopt;
  }
  std::vector<core::BaselineEntry> entries;
  std::size_t i = 0;
  for (const auto& f : j["findings"]) {
    if (!f.is_object() || !f.contains("rule") || !f["rule"].is_string() || !f.contains("file") ||
        !f["file"].is_string() || !f.contains("fingerprint") || !f["fingerprint"].is_string()) {
      error = "findings[" + std::to_string(i) + "]: expected rule, file and fingerprint strings";
      return std::nullopt;
    }
    core::BaselineEntry e;
    e.rule = f["rule"].get<std::string>();
    e.path = f["file"].get<std::string>();
    e.fingerprint = f["fingerprint"].get<std::string>();
    if (f.contains("line") && f["line"].is_number_unsigned()) e.line = f["line"].get<std::uint32_t>();
    if (f.contains("message") && f["message"].is_string()) e.message = f["message"].get<std::string>();
    entries.push_back(std::move(e));
    ++i;
  }
  return core::Baseline(std::move(entries));
}

}  // namespace agentlens::report
