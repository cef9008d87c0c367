// Line-based unified diff for readable fix snapshots (tests only).
#pragma once
#include <string>
#include <string_view>

namespace agentlens::testing {

/// A unified diff of `before` → `after` with `context` lines around each change.
std::string unifiedDiff(std::string_view before, std::string_view after, int context = 2);

}  // namespace agentlens::testing
