// Findings AgentLens makes about its own inputs (config files, custom rule files, suppression
// comments): built in core, where those inputs are read, with the same shape as rule findings.
#pragma once
#include <string>
#include <string_view>

#include "core/finding.hpp"

namespace agentlens::core {

/// A finding of tool rule `ruleId` (kInvalidConfigRule, …) on `path` covering `range` of `text`:
/// positions (code points) and the excerpt are filled in. Severity follows the rule.
Finding makeToolFinding(std::string_view ruleId, const std::string& path, std::string_view text, ByteRange range,
                        std::string message);

/// Byte offset of a 1-based (line, column-in-code-points) position as TOML parsers report it.
std::uint32_t offsetOfLineColumn(std::string_view text, std::uint32_t line1, std::uint32_t column1);

}  // namespace agentlens::core
