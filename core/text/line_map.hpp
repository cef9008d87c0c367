// Where a line of one version of a text is in another version: how findings computed on an
// older text of an open document follow the user's edits until they are judged again.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace agentlens::core {

/// The line of `after` that holds line `line` (0-based) of `before`: lines of the common prefix
/// and suffix keep their place (shifted by what was inserted or removed between them); a line
/// inside the changed middle is found when its exact text occurs once there (and is not blank).
/// nullopt when the line was edited, removed, or cannot be told apart: the finding is withdrawn.
std::optional<std::uint32_t> mapLine(std::string_view before, std::string_view after, std::uint32_t line);

}  // namespace agentlens::core
