// The baseline file (`.agentlens-baseline.json`): reading and writing core::Baseline.
// Format (version 1), sorted by file then line so diffs stay readable:
//   {"version": 1, "tool": "agentlens", "findings": [
//     {"rule": "hardcoded-secret", "file": "app/config.py", "fingerprint": "9f3c…", "line": 12,
//      "message": "…"}, …]}
// `line` and `message` are for people; matching uses rule, file and fingerprint only.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/baseline.hpp"

namespace agentlens::report {

std::string renderBaseline(const core::Baseline& baseline);
/// Parses a baseline file; nullopt with a reason when it is not one.
std::optional<core::Baseline> parseBaseline(std::string_view text, std::string& error);

}  // namespace agentlens::report
