// no-logging-config: a service that never configures logging (Python's root logger drops INFO;
// Node and Go services with only console/fmt output).
#include <algorithm>
#include <regex>

#include "rules/workspace/stack.hpp"
#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {
namespace {

constexpr std::string_view kDocs = R"md(## What it does
Reports a service that has no logging set-up: in Python no `logging.basicConfig`/`dictConfig`/
`fileConfig`, `structlog.configure` or loguru sink (and no gunicorn/uvicorn log config); in
Node.js no logger library (pino, winston, bunyan, consola, the Nest logger) and no Fastify logger
(`Fastify({ logger: … })` is pino); in Go only `fmt`/`log` and no slog, zap, zerolog, logrus or
Echo's leveled logger (`e.Logger.SetLevel(…)`). Django (which configures `LOGGING` itself) is not judged,
nor a Python service whose code never logs (no `logging`, `getLogger` or `app.logger` call): there
is no log line for a configuration to keep (its `print` calls are print-instead-of-logging's).

A Node.js logger configured with a level that falls back to `'silent'` when the environment
variable is unset (`level: process.env.LOG_LEVEL ?? 'silent'`) is reported at that line.

## Why is this bad?
Python's root logger defaults to WARNING, so every `logger.info` is silently dropped; `console.log`
and `fmt.Println` produce unstructured lines with no level, timestamp or request id. Production
debugging needs structured, leveled logs on stdout.

## Example
A FastAPI app whose modules call `logging.getLogger(__name__).info(...)` and nothing configures
logging.

Use instead: configure logging once at start-up, e.g.
`logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"), format=…)` or a JSON formatter
(structlog, python-json-logger); pino in Node; `slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stdout, nil)))` in Go.

## References
- The Twelve-Factor App, XI. Logs
)md";

const RuleMeta kMeta{
    .id = "no-logging-config",
    .category = core::Category::Observability,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = kAllCode,
    .summary = "Logging is never configured: levels and structure are missing",
    .docs = kDocs,
    .planTitle = "Configure structured logging at start-up",
    .effort = core::Effort::S,
};

/// Echo's leveled logger configured where the app is created (`e.Logger.SetLevel(…)`).
bool echoLoggerConfigured(const WorkspaceView& v) {
  if (!v.uses({"github.com/labstack/echo", "github.com/labstack/echo/v4"})) return false;
  for (const auto* f : v.files()) {
    if (f->facts.isTestOrGenerated() || f->lang != core::Lang::Go) continue;
    auto text = v.read(f->path);
    if (text && text->find("Logger.SetLevel(") != std::string::npos) return true;
  }
  return false;
}

/// Some Python service code logs (`logging.…`, `getLogger`, `app.logger.…`): without that, there
/// are no INFO lines for a configuration to keep.
bool pythonLogs(const WorkspaceView& v) {
  for (const auto* f : v.files()) {
    if (f->facts.isTestOrGenerated() || f->lang != core::Lang::Python) continue;
    auto text = v.read(f->path);
    if (!text) return true;
    for (std::string_view n : {"logging.", "getLogger", "logger."})
      if (text->find(n) != std::string::npos) return true;
  }
  return false;
}

/// A JS/TS logger whose level falls back to 'silent' when the variable is unset
/// (`level: process.env.LOG_LEVEL ?? 'silent'`): reported at that line. True when reported.
bool silentByDefault(WorkspaceContext& ctx) {
  static const std::regex kSilent(R"(level\s*:\s*process\.env\.\w+\s*(\?\?|\|\|)\s*['"`]silent['"`])");
  for (const auto* f : ctx.view().files()) {
    if (f->facts.isTestOrGenerated() || !core::isJsFamily(f->lang)) continue;
    auto text = ctx.view().read(f->path);
    std::smatch m;
    if (!text || !std::regex_search(*text, m, kSilent)) continue;
    auto line = static_cast<std::uint32_t>(std::count(text->begin(), text->begin() + m.position(0), '\n'));
    ctx.report(f->path, line,
               "the logger level defaults to 'silent' when the variable is unset: a deployment that does not set it "
               "logs nothing at all; default to 'info'");
    return true;
  }
  return false;
}

class NoLoggingConfig final : public WorkspaceCheck {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void check(WorkspaceContext& ctx) const override {
    const WorkspaceView& v = ctx.view();
    auto servers = v.serverModules();
    if (servers.empty()) return;
    Stack s = detectStack(v);
    if (s.framework == "django") return;
    ctx.applicable();
    const auto& idx = v.index();
    bool configured = idx.hasLoggerSetup();
    if (s.language == "python")
      configured = configured || v.uses({"structlog", "loguru"});
    for (const auto& c : idx.commands())
      if (c.item->text.find("--log-config") != std::string::npos || c.item->text.find("--logger-class") != std::string::npos ||
          c.item->text.find("--log-config-json") != std::string::npos)
        configured = true;
    if (s.language == "node")
      configured = configured || v.uses({"pino", "winston", "bunyan", "consola", "@nestjs/common", "log4js", "signale"});
    if (s.language == "go")
      configured = configured || v.uses({"log/slog", "go.uber.org/zap", "github.com/rs/zerolog", "github.com/sirupsen/logrus",
                                         "github.com/charmbracelet/log"});
    // Fastify's built-in pino logger (`Fastify({ logger: … })`), Echo's leveled logger
    // (`e.Logger.SetLevel(…)`): the framework's logger, configured where the app is created.
    if (!configured && s.language == "node") configured = fastifyLoggerEnabled(v);
    if (!configured && s.language == "go") configured = echoLoggerConfigured(v);
    if (s.language == "node" && silentByDefault(ctx)) return;
    if (configured) return;
    if (s.language == "python" && !pythonLogs(v)) return;  // nothing to drop: print-instead-of-logging covers prints
    Anchor a = appAnchor(v);
    std::string how = s.language == "python" ? "call logging.basicConfig(level=os.environ.get(\"LOG_LEVEL\", \"INFO\")) at start-up (INFO logs are dropped today)"
                      : s.language == "node" ? "add a logger (pino) and log through it instead of console"
                      : s.language == "go"   ? "set a JSON slog handler: slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stdout, nil)))"
                                             : "configure a structured logger";
    ctx.report(a.path, a.line, "logging is never configured: " + how);
  }
};

}  // namespace

const WorkspaceCheck& noLoggingConfig() {
  static const NoLoggingConfig check;
  return check;
}

}  // namespace agentlens::rules
