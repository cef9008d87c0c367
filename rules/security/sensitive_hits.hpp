// sensitive-data-logged: finds the argument of a log call that writes a secret, a credential or
// a whole request object, unless the value is only tested, measured, masked or hashed.
#pragma once
#include <string>

namespace agentlens::ts {
class Node;
}

namespace agentlens::rules {
class RuleContext;

namespace sensitive {

/// How to report a sensitive argument.
struct Hit {
  std::string message;
  bool fixable = false;  ///< the value can be replaced by "[REDACTED]"
};

/// The first sensitive value in the arguments `args` of a log call: sets `at` and `hit` and
/// returns true, or returns false.
bool findSensitiveArgument(ts::Node args, const RuleContext& ctx, ts::Node& at, Hit& hit);

}  // namespace sensitive
}  // namespace agentlens::rules
