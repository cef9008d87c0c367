// broad-exception-catch: the pieces behind the rule (broad_exception_catch.cpp): the handlers a
// broad `except` may legitimately be, the narrowing fixes, and the Go `recover()` detector.
#pragma once
#include <string_view>
#include <vector>

namespace agentlens::ts {
class Node;
}
namespace agentlens::core {
struct Finding;
}

namespace agentlens::rules {
class RuleContext;

namespace broad_catch {

/// The handler does something deliberate with the error (see error_intent.hpp): re-raises it
/// (Celery `self.retry(exc=…)`), logs or prints it (a missing traceback is
/// exception-logged-without-stacktrace's finding), records it in a result or hands it to a
/// handler, answers 5xx (a route's boundary: unlogged-server-error and error-details-in-response
/// judge it), maps it to a client error; or the `try` only parses, converts or compares local
/// values, so the fallback in the handler is the intended answer for bad data.
bool handledDeliberately(ts::Node clause, ts::Node block, bool bare, const RuleContext& ctx);

/// The handler logs with the traceback (`logger.exception`, `exc_info=`, `print_exc`, …).
bool logsTraceback(ts::Node block, std::string_view src);

/// A process or framework boundary: `main`, an error handler, `__exit__`, or a worker loop that
/// logs and goes on.
bool isBoundary(const RuleContext& ctx, ts::Node block, std::string_view src);

/// Fixes for a broad `except`: narrow it to what the try body can raise; bare -> `Exception`.
void addFixes(core::Finding& f, RuleContext& ctx, ts::Node clause, ts::Node typeExpr,
              const std::vector<std::string_view>& types, bool bare);

/// Go: `defer func() { if r := recover(); r != nil { … } }()` that drops the panic.
void go(ts::Node call, RuleContext& ctx);

}  // namespace broad_catch
}  // namespace agentlens::rules
