// Bridges rule metadata to the readiness model (core::RuleInfo), which knows no rules layer.
#pragma once
#include <vector>

#include "core/score/readiness.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {

core::RuleInfo ruleInfo(const Rule& rule);
std::vector<core::RuleInfo> ruleInfos(const std::vector<const Rule*>& rules);
/// A workspace check (scored pass/fail, or by the share of its parts that pass).
core::RuleInfo checkInfo(const RuleMeta& meta);
/// First sentence of the "## Why is this bad?" section of a rule's docs.
std::string whyFromDocs(std::string_view docs);

}  // namespace agentlens::rules
