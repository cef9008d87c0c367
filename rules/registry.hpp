// The one explicit list of built-in rules (self-registering statics get dropped by the linker).
#pragma once
#include <span>
#include <string_view>

#include "rules/rule.hpp"

namespace agentlens::rules {

/// All built-in rules, sorted by category then id. Stable for the process lifetime.
std::span<const Rule* const> allRules();
const Rule* findRule(std::string_view id);

}  // namespace agentlens::rules
