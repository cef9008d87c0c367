// An f-string rewritten for Python's logging module: a lazy %-style format and its arguments
// (`f"user {uid:>5}"` cannot be, `f"took {ms:.2f} ms"` becomes `"took %.2f ms", ms`).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agentlens::ts {
class Node;
}

namespace agentlens::rules {

/// An f-string rewritten for the logging module: a %-style format and its arguments.
struct PercentFormat {
  std::string start;    ///< prefix and opening quote, `f` dropped (`"`, `r'`, `"""`)
  std::string escaped;  ///< the literal's content with placeholders, `%` doubled
  std::string verbatim; ///< the content as written (used when there are no arguments)
  std::string end;      ///< the closing quote
  std::vector<std::string_view> args;
};

/// Converts an f-string to a %-style logging call's format and arguments, or nullopt when it
/// cannot be done faithfully (`{x=}`, nested or non-printf format specs, tuple expressions).
std::optional<PercentFormat> fstringToPercent(ts::Node str, std::string_view src);

}  // namespace agentlens::rules
