// Renders Facts as JSON (`agentlens facts PATH`, snapshot tests): what the index believes about
// each file. Key order is fixed and empty collections are omitted, so output is stable.
#pragma once
#include <string>
#include <vector>

#include "core/analyzer.hpp"

namespace agentlens::report {

/// One file's facts as a JSON object (pretty-printed with 2-space indentation).
std::string renderFactsJson(const std::string& path, const core::Facts& facts);
/// Several files: `{"files": [{"path": …, "facts": {…}}, …], "routes": [...]}`, where `routes` lists
/// the service's routes with cross-file mounts applied (effective path, auth and its evidence,
/// public reason, route name).
std::string renderFactsJson(const std::vector<core::FileResult>& files);

}  // namespace agentlens::report
