// error-details-in-response: central error handlers, where the exception arrives as a parameter
// instead of an `except`/`catch` binding — FastAPI `@app.exception_handler(Exc)`, Flask
// `@app.errorhandler(Exc)` / `app_errorhandler`, Hono `app.onError((err, c) => …)` /
// `const onError: ErrorHandler = (err, c) => …`.
#pragma once
#include <string_view>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::errhandler {

struct Central {
  ts::Node fn;                 ///< the handler function (null when the node is in none)
  std::string_view errName;    ///< the parameter holding the exception
  std::string_view handled;    ///< the exception type it is registered for ("" when unknown)
};

/// The Python central error handler enclosing the visited node, if any.
Central pythonHandler(const RuleContext& ctx);

/// The Hono error handler enclosing the visited node, if any.
Central honoHandler(const RuleContext& ctx);

/// Database driver/ORM exception types, whose text is never meant for clients (even as a 4xx).
bool databaseErrorType(std::string_view type);

}  // namespace agentlens::rules::errhandler
