// Python `except` handlers: statements that only throw the caught error away. Shared by
// swallowed-exception (which reports such bodies) and broad-exception-catch (which leaves them to it).
#pragma once
#include <string_view>

namespace agentlens::ts {
class Node;
}

namespace agentlens::rules {

/// A statement that discards: `pass`, `continue`, `return` / `return None`, `...` or a bare
/// string (a docstring-like note).
bool isDiscardStatement(ts::Node s, std::string_view src);

}  // namespace agentlens::rules
