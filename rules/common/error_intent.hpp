// Error-handling intent: what an exception handler (`except`, `catch`, `if err != nil`, a
// `recover()` branch) does with the error it caught, so that the error-handling rules report
// only handlers that lose an error, and stay silent on deliberate handling: a re-raise, a log
// that keeps the stack, a translation into a client error (HTTP 4xx, a form or CLI error), a
// hand-off to a reporter or a result, a sentinel returned to a caller that checks for it, a
// best-effort cleanup. All decisions are local to the handler and its `try`.
#pragma once
#include <string_view>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"

namespace agentlens::rules {

/// What a handler body does with the caught error (`caught`: its bound name, or "").
/// The body is walked without entering nested functions.
struct HandlerIntent {
  bool rethrows = false;     ///< raise/throw/panic, next(err), Celery `self.retry(exc=…)`
  bool reports = false;      ///< a log or print call that mentions the caught error
  bool handsOff = false;     ///< the caught error is passed to a reporter, handler or result builder
  bool answers5xx = false;   ///< answers the request with a 5xx status
  bool clientError = false;  ///< raises or answers a client error (HTTP 4xx, form/CLI error)
};
HandlerIntent handlerIntent(ts::Node body, std::string_view caught, std::string_view src, core::Lang lang);

/// True for an exception raised to be rendered to a user rather than logged: `HTTPException`
/// with a 4xx or a computed status, `Http404`, `PermissionDenied`, DRF `NotFound`/
/// `ValidationError`, Django forms `ValidationError`, `CommandError`, click `UsageError`, …
/// (`raised` is the raise statement's expression). An HTTPException with a literal 5xx is not.
bool isClientErrorRaise(ts::Node raised, std::string_view src);

/// True when a statement only hands back a sentinel: `return`, `return None/null/nil/False/0/""/
/// {}/[]`, or `pass` (Python) when the `try` is followed by such a return or ends the function.
bool isSentinelReturn(ts::Node stmt, std::string_view src);

/// True when the `try` body does local computation only (parsing, converting, comparing):
/// no `await`, no network, database, file or subprocess call, and no read of request data.
bool isLocalComputation(ts::Node tryBody, std::string_view src, core::Lang lang);

/// True when the `try` body only releases a resource (`close()`, `logout()`, `quit()`,
/// `disconnect()`, `unlink()`, …): a failure there is best-effort by nature.
bool isBestEffortCleanup(ts::Node tryBody, std::string_view src, core::Lang lang);

/// True when a comment explains why an error is left alone ("best-effort", or a sentence of at
/// least five words), as opposed to a bare "ignore" / "do nothing".
bool commentExplainsChoice(std::string_view comment);

/// True when a handler keeps the caught error's stack somewhere: a log call that passes the
/// error object itself or its `.stack`, `exc_info`/`logger.exception`, re-raising the same
/// error (`raise`, `raise e`, `throw err`), or forwarding it (`next(err)`, `done(err)`,
/// `reject(err)`, `cb(err)`).
bool keepsStack(ts::Node body, std::string_view caught, std::string_view src, core::Lang lang);

/// True when the error reaching a request handler's error branch can come from client input,
/// so that some of it deserves a 4xx. `site` is the `except_clause` (Python), `catch_clause`
/// (JavaScript/TypeScript) or `if err != nil` statement (Go) inside `handlerFn`.
/// Python: the handler reads request data or takes a path/query parameter. JavaScript: the handler reads request data and the
/// `try` throws or parses/validates something. Go: the call whose error is checked takes
/// request data, directly or through a local assigned from it (a call without client input,
/// `ListTags()`, `FindAll(ctx)`, `recover()`, fails only on server faults).
bool clientInputCanFail(ts::Node handlerFn, ts::Node site, std::string_view src, core::Lang lang);

/// The name a handler binds the caught error to: Python `except X as e` -> "e", JavaScript
/// `catch (err)` -> "err"; "" when it binds none (or destructures).
std::string_view caughtName(ts::Node handler, std::string_view src);

/// True when `name` occurs in `text` as a whole identifier.
bool mentionsIdentifier(std::string_view text, std::string_view name);

}  // namespace agentlens::rules
