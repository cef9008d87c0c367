// Request-path helpers: logging calls, logger receivers, and rethrows inside a block.
#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"

namespace agentlens::rules {

using core::Lang;

std::optional<MethodCall> methodCallParts(ts::Node call, std::string_view src) {
  auto callee = calleeText(call, src);
  auto dot = callee.find_last_of('.');
  if (dot == std::string_view::npos) return std::nullopt;
  return MethodCall{callee.substr(0, dot), callee.substr(dot + 1)};
}

bool isLoggerReceiver(std::string_view r) {
  auto dot = r.find_last_of('.');
  auto last = dot == std::string_view::npos ? r : r.substr(dot + 1);
  std::string l = core::text::asciiLower(last);
  while (!l.empty() && l.front() == '_') l.erase(0, 1);
  return l == "logger" || l == "log" || l == "logging" || l == "slog" || l == "zap" || l == "zerolog" ||
         l.ends_with("logger") || l.ends_with("_log") || l == "structlog" || l == "sugar";
}

bool isLoggingCall(ts::Node call, std::string_view src, core::Lang lang) {
  auto t = call.type();
  if (t != "call" && t != "call_expression") return false;
  auto callee = calleeText(call, src);
  auto name = calleeName(call, src);
  if (name == "capture_exception" || name == "captureException" || name == "record_exception" ||
      name == "recordException" || name == "capture_message" || name == "captureMessage")
    return true;
  auto dot = callee.find_last_of('.');
  if (dot == std::string_view::npos) return false;
  auto recv = callee.substr(0, dot);
  if (lang != Lang::Python && lang != Lang::Go && recv == "console")
    return name == "error" || name == "warn";
  if (lang == Lang::Go && recv.ends_with("Logger()")) return true;  // c.Logger().Error, zerolog.Ctx().…
  if (!isLoggerReceiver(recv) && recv.find("logger") == std::string_view::npos && recv != "req.log")
    return false;
  for (auto lvl : {"error", "exception", "critical", "fatal", "warning", "warn", "Error", "ErrorContext", "Errorf",
                   "Warn", "WarnContext", "Warnf", "Printf", "Println", "Print", "Fatal", "Fatalf", "Panic",
                   "Log", "LogAttrs", "Errorw", "Warnw", "log", "info", "Info", "InfoContext"})
    if (name == lvl) return true;
  return false;
}

bool containsLogging(ts::Node n, std::string_view src, core::Lang lang) {
  bool found = false;
  walkSameFunction(n, lang, [&](ts::Node c) {
    if (!found && isLoggingCall(c, src, lang)) found = true;
  });
  return found;
}

bool containsRethrow(ts::Node n, std::string_view src, core::Lang lang) {
  bool found = false;
  walkSameFunction(n, lang, [&](ts::Node c) {
    if (found) return;
    auto t = c.type();
    if (t == "raise_statement" || t == "throw_statement") found = true;
    else if ((t == "call" || t == "call_expression") && calleeText(c, src) == "next") {
      ts::Node args = c.field("arguments");
      if (args && args.namedChildCount() > 0) found = true;
    } else if (t == "call_expression" && lang == Lang::Go && calleeText(c, src) == "panic") {
      found = true;
    }
  });
  return found;
}

}  // namespace agentlens::rules
