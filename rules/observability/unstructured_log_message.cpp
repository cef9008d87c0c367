// unstructured-log-message: log messages built by interpolation instead of structured fields.
#include <algorithm>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"
#include "rules/common/web.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds log calls whose message is built eagerly from values: a Python f-string, `.format()`, `%`
or `+` as the message; a JavaScript/TypeScript template literal with substitutions passed to a
logger (pino, winston, bunyan); a Go `log.Printf` with formatting verbs, or `slog.*` given a
`fmt.Sprintf` message. Messages without variables, calls that already pass structured fields
(`extra={...}`, key/value arguments) and `console.*` (see `print-instead-of-logging`) are left
alone.

## Why is this bad?
Each distinct value makes a distinct message, so log search, grouping and alerting cannot tell
that "Processing order 41" and "Processing order 42" are the same event, and the values cannot be
queried as fields. Python also formats the string even when the level is disabled.

## Example
```python
logger.info(f"Processing order {order_id}")
```

Use instead:
```python
logger.info("Processing order", extra={"order_id": order_id})
```

## Fix safety
The fix moves simple interpolated names into fields (`extra=` for the standard library, keyword
arguments for structlog/loguru, a leading object for pino, key/value pairs for slog). The text of
the message changes, which can break a saved search or an alert on the old text: unsafe.

## References
- Ruff G001–G004, pylint W1201/W1203, sloglint
- The Twelve-Factor App, XI. Logs
)md";

const RuleMeta kMeta{
    .id = "unstructured-log-message",
    .category = core::Category::Observability,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Log message built by interpolation instead of structured fields",
    .docs = kDocs,
    .fix = core::Applicability::Unsafe,
    .mode = ScoreMode::Density,
};

bool isLevel(std::string_view m) {
  for (auto l : {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "trace"})
    if (m == l) return true;
  return false;
}

/// snake_case key for an interpolated expression: order_id, order.id -> order_id, user.ID -> user_id.
std::string keyFor(std::string_view expr, bool camel) {
  std::string out;
  for (char c : expr) {
    if (c == '.' || c == '_') {
      if (camel) continue;
      out += '_';
    } else if (std::isupper(static_cast<unsigned char>(c))) {
      if (!camel && !out.empty() && out.back() != '_') out += '_';
      out += camel && !out.empty() ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  if (camel) {
    // order.id -> orderId
    std::string cc;
    bool up = false;
    for (std::size_t i = 0; i < expr.size(); ++i) {
      char c = expr[i];
      if (c == '.' || c == '_') {
        up = true;
        continue;
      }
      cc += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      up = false;
    }
    return cc;
  }
  return out;
}

bool simpleExpr(std::string_view e) {
  if (e.empty()) return false;
  return std::all_of(e.begin(), e.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }) &&
         !std::isdigit(static_cast<unsigned char>(e[0]));
}

/// Message text with placeholders removed, whitespace collapsed, trailing separators trimmed.
std::string cleanMessage(std::string msg) {
  std::string out;
  for (char c : msg) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ':' || out.back() == '=' || out.back() == ',' ||
                          out.back() == '-' || out.back() == '#'))
    out.pop_back();
  return out;
}

class UnstructuredLogMessage final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"call_expression"};
  }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    auto dot = callee.find_last_of('.');
    if (dot == std::string_view::npos) return;
    auto recv = callee.substr(0, dot);
    auto method = callee.substr(dot + 1);
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() == 0) return;
    switch (ctx.lang()) {
      case Lang::Python:
        if (!isLoggerReceiver(recv) || !isLevel(method)) return;
        ctx.countSite();
        python(call, args, recv, ctx);
        return;
      case Lang::Go: go(call, args, recv, method, ctx); return;
      default:
        if (recv == "console" || !isLoggerReceiver(recv) || !isLevel(method)) return;
        ctx.countSite();
        js(call, args, recv, ctx);
        return;
    }
  }

 private:
  static core::Severity severityFor(const RuleContext& ctx) {
    return ctx.facts().role == core::FileRole::Server ? core::Severity::Low : core::Severity::Info;
  }

  static void python(ts::Node call, ts::Node args, std::string_view recv, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node first = args.namedChild(0);
    std::string_view how;
    if (first.type() == "string" && isInterpolatedString(first, Lang::Python)) how = "an f-string";
    else if (first.type() == "call" && calleeName(first, src) == "format" &&
             calleeText(first, src).find('.') != std::string_view::npos &&
             first.field("function").field("object").type() == "string")
      how = "`.format()`";
    else if (first.type() == "binary_operator") {
      auto op = first.field("operator").text(src);
      ts::Node l = first.field("left");
      if ((op == "%" || op == "+") && (l.type() == "string" || first.field("right").type() == "string"))
        how = op == "%" ? "`%` formatting" : "string concatenation";
    }
    if (how.empty()) return;
    auto argText = args.text(src);
    if (argText.find("extra=") != std::string_view::npos) return;
    core::Finding& f = ctx.report(first, "log message built with " + std::string(how) +
                                             ": keep the message constant and pass the values as fields");
    f.severity = severityFor(ctx);
    if (how != "an f-string" || args.namedChildCount() != 1) return;
    // f"Processing order {order_id}" -> "Processing order", extra={"order_id": order_id}
    std::string msg;
    std::vector<std::string_view> values;
    bool ok = true;
    std::string_view quote;
    for (std::uint32_t i = 0; i < first.childCount(); ++i) {
      ts::Node c = first.child(i);
      auto t = c.type();
      if (t == "string_start") {
        quote = c.text(src);
        if (!quote.empty() && (quote[0] == 'f' || quote[0] == 'F')) quote.remove_prefix(1);
        if (quote.find_first_of("rRbB") != std::string_view::npos) ok = false;
      } else if (t == "string_content") {
        msg += std::string(c.text(src));
      } else if (t == "interpolation") {
        ts::Node e = c.namedChildCount() > 0 ? c.namedChild(0) : ts::Node();
        if (!e || c.namedChildCount() != 1 || !simpleExpr(e.text(src))) ok = false;
        else values.push_back(e.text(src));
      } else if (t == "escape_sequence") {
        msg += std::string(c.text(src));
      }
    }
    if (!ok || values.empty() || msg.find('{') != std::string::npos) return;
    std::string text = cleanMessage(msg);
    if (text.empty()) return;
    bool structlog = std::any_of(ctx.facts().imports.begin(), ctx.facts().imports.end(),
                                 [](const core::Import& i) { return i.module == "structlog" || i.module == "loguru"; });
    std::string repl = std::string(quote) + text + std::string(quote);
    std::vector<std::string> keys;
    for (auto v : values) {
      std::string k = keyFor(v, false);
      if (std::find(keys.begin(), keys.end(), k) != keys.end()) return;
      keys.push_back(k);
    }
    if (structlog) {
      for (std::size_t i = 0; i < values.size(); ++i) repl += ", " + keys[i] + "=" + std::string(values[i]);
    } else {
      repl += ", extra={";
      for (std::size_t i = 0; i < values.size(); ++i)
        repl += (i ? ", \"" : "\"") + keys[i] + "\": " + std::string(values[i]);
      repl += "}";
    }
    core::Fix fix{.title = structlog ? "Pass the values as key/value fields" : "Pass the values in `extra`",
                  .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {first.startByte(), first.endByte()};
    e.text = repl;
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
    (void)recv;
    (void)call;
  }

  static void js(ts::Node call, ts::Node args, std::string_view recv, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node first = args.namedChild(0);
    bool tmpl = first.type() == "template_string" && isInterpolatedString(first, ctx.lang());
    bool concat = first.type() == "binary_expression" && first.field("operator").text(src) == "+" &&
                  (first.field("left").type() == "string" || first.field("right").type() == "string" ||
                   first.field("left").type() == "template_string");
    if (!tmpl && !concat) return;
    core::Finding& f = ctx.report(first, std::string("log message built with ") +
                                             (tmpl ? "a template literal" : "string concatenation") +
                                             ": pass the values as an object of fields");
    f.severity = severityFor(ctx);
    if (!tmpl || args.namedChildCount() != 1) return;
    std::string msg;
    std::vector<std::string_view> values;
    for (std::uint32_t i = 0; i < first.namedChildCount(); ++i) {
      ts::Node c = first.namedChild(i);
      if (c.type() == "string_fragment") msg += std::string(c.text(src));
      else if (c.type() == "template_substitution") {
        ts::Node e = c.namedChildCount() == 1 ? c.namedChild(0) : ts::Node();
        if (!e || !simpleExpr(e.text(src))) return;
        values.push_back(e.text(src));
      } else if (c.type() == "escape_sequence") {
        return;
      }
    }
    std::string text = cleanMessage(msg);
    if (values.empty() || text.empty() || text.find('"') != std::string::npos) return;
    std::string obj = "{ ";
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string k = keyFor(values[i], true);
      obj += (i ? ", " : "") + (k == values[i] ? k : k + ": " + std::string(values[i]));
    }
    obj += " }";
    core::Fix fix{.title = "Pass the values as fields", .applicability = core::Applicability::Unsafe};
    core::TextEdit e;
    e.range = {first.startByte(), first.endByte()};
    e.text = obj + ", \"" + text + "\"";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
    (void)recv;
    (void)call;
  }

  static void go(ts::Node call, ts::Node args, std::string_view recv, std::string_view method, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node first = args.namedChild(0);
    bool slogSprintf = (recv == "slog" || isLoggerReceiver(recv)) && isLevelGo(method) &&
                       first.type() == "call_expression" && calleeText(first, src) == "fmt.Sprintf";
    bool printf = recv == "log" && method == "Printf";
    if (!slogSprintf && !printf) {
      if ((recv == "log" && (method == "Print" || method == "Println")) || (recv == "slog" && isLevelGo(method)))
        ctx.countSite();
      return;
    }
    ctx.countSite();
    ts::Node fmtArgs = printf ? args : first.field("arguments");
    if (!fmtArgs || fmtArgs.namedChildCount() < 2) return;  // no values interpolated
    ts::Node fmtStr = fmtArgs.namedChild(0);
    auto lit = stringLiteralValue(fmtStr, src, Lang::Go);
    if (!lit || lit->find('%') == std::string_view::npos) return;
    core::Finding& f = ctx.report(printf ? call.field("function") : first,
                                  printf ? "`log.Printf` formats values into the message: use slog with key/value "
                                           "attributes"
                                         : "`fmt.Sprintf` message in a slog call: pass the values as attributes");
    f.severity = ctx.facts().role == core::FileRole::Server || !ctx.facts().hasMainGuard ? core::Severity::Low
                                                                                           : core::Severity::Info;
    // log.Printf("processing order %s", id) -> slog.Info("processing order", "id", id)
    std::string msg;
    std::size_t verbs = 0;
    for (std::size_t i = 0; i < lit->size(); ++i) {
      char c = (*lit)[i];
      if (c == '%') {
        if (i + 1 < lit->size() && (*lit)[i + 1] == '%') return;
        ++i;
        while (i < lit->size() && (std::isdigit(static_cast<unsigned char>((*lit)[i])) || (*lit)[i] == '+' ||
                                   (*lit)[i] == '#' || (*lit)[i] == '.' || (*lit)[i] == '-'))
          ++i;
        ++verbs;
        continue;
      }
      if (c == '\\') return;
      msg += c;
    }
    if (verbs != fmtArgs.namedChildCount() - 1) return;
    std::string text = cleanMessage(msg);
    if (text.empty()) return;
    std::string repl;
    std::string level = printf ? "Info" : std::string(method);
    std::string target = printf ? "slog." + level : std::string(recv) + "." + std::string(method);
    repl = target + "(\"" + text + "\"";
    for (std::uint32_t i = 1; i < fmtArgs.namedChildCount(); ++i) {
      auto v = fmtArgs.namedChild(i).text(src);
      if (!simpleExpr(v)) return;
      repl += ", \"" + keyFor(v, false) + "\", " + std::string(v);
    }
    core::Fix fix{.title = "Use " + target + " with attributes", .applicability = core::Applicability::Unsafe};
    if (printf) fix.edits = goEnsureImport(ctx.file(), "log/slog");
    core::TextEdit e;
    if (printf) {
      e.range = {call.startByte(), call.endByte()};
      e.text = repl + ")";
    } else {
      // keep any attributes after the message
      e.range = {call.startByte(), first.endByte()};
      e.text = repl;
    }
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  static bool isLevelGo(std::string_view m) {
    for (auto l : {"Debug", "Info", "Warn", "Error", "DebugContext", "InfoContext", "WarnContext", "ErrorContext"})
      if (m == l) return true;
    return false;
  }
};

}  // namespace

const Rule& unstructuredLogMessage() {
  static const UnstructuredLogMessage rule;
  return rule;
}

}  // namespace agentlens::rules
