// JSON shapes shared by the JSON report, SARIF and the server (one definition of each).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/finding.hpp"
#include "core/score/readiness.hpp"

namespace agentlens::report {

/// {line, column}, both 1-based; column in Unicode code points.
nlohmann::json positionJson(const core::Position& p);
nlohmann::json editJson(const core::TextEdit& e, const std::string& findingPath);
nlohmann::json fixJson(const core::Fix& fix, const std::string& findingPath);
nlohmann::json findingJson(const core::Finding& f);
/// The readiness model as JSON (the `readiness` object of reports and of `agentlens/readiness`).
nlohmann::json readinessJson(const core::Readiness& r);
/// Pretty JSON; invalid UTF-8 in source text is replaced, never an exception.
std::string dumpJson(const nlohmann::json& j);

}  // namespace agentlens::report
