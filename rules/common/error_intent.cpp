// Error-handling intent (see error_intent.hpp): what a handler does with the caught error —
// rethrow, report, hand off, answer a client error, keep the stack. What the `try` does is in
// error_intent_try.cpp, whether client input can fail in error_intent_input.cpp.
#include "rules/common/error_intent.hpp"

#include <cctype>
#include <string>

#include "core/text/path_text.hpp"
#include "rules/common/error_intent_detail.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"

namespace agentlens::rules {

using core::Lang;
using error_intent_detail::isCall;
using error_intent_detail::lastSegment;

namespace {

bool argsMention(ts::Node call, std::string_view name, std::string_view src) {
  if (name.empty()) return false;
  ts::Node args = call.field("arguments");
  return args && mentionsIdentifier(args.text(src), name);
}

/// Callee names that take a caught error to record it somewhere other than a log: a result
/// builder (`_error_result(…, str(err))`), a reporter (`ReportPanic(err)`), an error handler
/// (`exception_handler(exc, …)`), a form (`add_error(…)`).
bool isHandOffName(std::string_view name) {
  auto l = core::text::asciiLower(name);
  for (auto k : {"error", "fail", "result", "handle", "report", "capture", "notify"})
    if (l.find(k) != std::string::npos) return true;
  return false;
}

/// Exception classes a framework renders as a client error instead of logging them.
bool isClientErrorName(std::string_view name) {
  for (auto n : {"Http404", "PermissionDenied", "SuspiciousOperation", "NotAuthenticated", "AuthenticationFailed",
                 "ParseError", "MethodNotAllowed", "Throttled", "CommandError", "UsageError", "BadParameter",
                 "ClickException", "InvalidToken", "UnprocessableEntity"})
    if (name == n) return true;
  for (auto suffix : {"ValidationError", "NotFound", "Forbidden", "Unauthorized", "BadRequest", "Conflict",
                      "NotFoundException", "BadRequestException", "UnauthorizedException", "ForbiddenException",
                      "ConflictException"})
    if (name.ends_with(suffix)) return true;
  return false;
}

}  // namespace

bool mentionsIdentifier(std::string_view text, std::string_view name) {
  if (name.empty()) return false;
  auto id = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  for (auto p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1))
    if ((p == 0 || !id(text[p - 1])) && (p + name.size() >= text.size() || !id(text[p + name.size()]))) return true;
  return false;
}

std::string_view caughtName(ts::Node handler, std::string_view src) {
  if (handler.type() == "catch_clause") {
    ts::Node p = handler.field("parameter");
    return p && p.type() == "identifier" ? p.text(src) : std::string_view();
  }
  for (std::uint32_t i = 0; i < handler.namedChildCount(); ++i) {
    ts::Node c = handler.namedChild(i);
    if (c.type() != "as_pattern") continue;
    for (std::uint32_t k = 0; k < c.namedChildCount(); ++k)
      if (c.namedChild(k).type() == "as_pattern_target") return c.namedChild(k).text(src);
  }
  return {};
}

HandlerIntent handlerIntent(ts::Node body, std::string_view caught, std::string_view src, Lang lang) {
  HandlerIntent in;
  if (!body) return in;
  walkSameFunction(body, lang, [&](ts::Node n) {
    auto t = n.type();
    if (t == "raise_statement" || t == "throw_statement") {
      in.rethrows = true;
      ts::Node e = n.namedChildCount() > 0 ? n.namedChild(0) : ts::Node();
      if (e.type() == "new_expression") e = e.field("constructor");
      if (e && (isClientErrorRaise(e, src) || isClientErrorName(lastSegment(e.text(src))))) in.clientError = true;
      return;
    }
    if (!isCall(n)) return;
    auto callee = calleeText(n, src);
    auto name = calleeName(n, src);
    ts::Node args = n.field("arguments");
    if ((callee == "next" && args && args.namedChildCount() > 0) || (lang == Lang::Go && callee == "panic"))
      in.rethrows = true;
    else if (name == "retry" && (argsMention(n, caught, src) || args.text(src).find("exc=") != std::string_view::npos))
      in.rethrows = true;  // Celery: self.retry(exc=exc) raises Retry
    else if (isLoggingCall(n, src, lang) || name == "print" || callee == "console.log")
      in.reports = in.reports || argsMention(n, caught, src);
    else if (isHandOffName(name) && argsMention(n, caught, src))
      in.handsOff = true;
  });
  in.answers5xx = !find5xxResponse(body, src, lang).isNull();
  if (!in.clientError && mentions4xx(body.text(src))) in.clientError = true;
  return in;
}

bool isClientErrorRaise(ts::Node raised, std::string_view src) {
  ts::Node callee = isCall(raised) ? raised.field("function") : raised;
  auto name = lastSegment(callee.text(src));
  if (name.ends_with("HTTPException") || name == "HttpException") {
    if (!isCall(raised)) return true;
    ts::Node args = raised.field("arguments");
    for (std::uint32_t i = 0; args && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      ts::Node v = a.type() == "keyword_argument" ? a.field("value") : a;
      if (a.type() == "keyword_argument" && a.field("name").text(src) != "status_code") continue;
      auto s = statusValue(v.text(src));
      return !s || *s < 500;  // a computed status is the caught one passed on; a 5xx is a server failure
    }
    return true;
  }
  return isClientErrorName(name);
}

bool keepsStack(ts::Node body, std::string_view caught, std::string_view src, Lang lang) {
  if (caught.empty()) return false;
  bool kept = false;
  walkSameFunction(body, lang, [&](ts::Node n) {
    if (kept) return;
    auto t = n.type();
    if (t == "raise_statement" || t == "throw_statement") {
      ts::Node e = n.namedChildCount() > 0 ? n.namedChild(0) : ts::Node();
      kept = !e || e.text(src) == caught;
      return;
    }
    if (!isCall(n)) return;
    auto name = calleeName(n, src);
    ts::Node args = n.field("arguments");
    if (!args) return;
    auto argText = args.text(src);
    if (name == "exception" || name == "print_exc" || name == "capture_exception" || name == "captureException" ||
        argText.find("exc_info") != std::string_view::npos)
      kept = true;
    bool forwards = name == "next" || name == "done" || name == "reject" || name == "cb" || name == "callback";
    bool logs = isLoggingCall(n, src, lang) || calleeText(n, src).starts_with("console.");
    for (std::uint32_t i = 0; !kept && i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      // Python formats an exception argument with str(): only JavaScript keeps the object.
      if ((forwards || (logs && lang != Lang::Python)) && a.text(src) == caught) kept = true;
      if (logs && a.type() == "object")
        for (std::uint32_t k = 0; k < a.namedChildCount(); ++k) {
          ts::Node p = a.namedChild(k);
          if ((p.type() == "shorthand_property_identifier" && p.text(src) == caught) ||
              (p.type() == "pair" && p.field("value").text(src) == caught))
            kept = true;
        }
    }
    if (logs && mentionsIdentifier(argText, caught) && argText.find(".stack") != std::string_view::npos) kept = true;
  });
  return kept;
}

}  // namespace agentlens::rules
