// `agentlens check --stats`: files by language and role, parse and analysis time, cache hits and
// the route registry size, as a short plain-text block (written to stderr by the CLI).
#pragma once
#include <string>

#include "core/scan.hpp"

namespace agentlens::report {

std::string renderStats(const core::ScanResult& scan, const std::string& cacheDir);

}  // namespace agentlens::report
