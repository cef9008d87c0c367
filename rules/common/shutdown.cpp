// Graceful shutdown helpers: server starts and the SIGTERM fix.
#include "rules/common/shutdown.hpp"

#include <cctype>

#include "rules/common/imports.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

bool contains(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }

ts::Node statementOf(ts::Node n) {
  ts::Node p = n.parent();
  while (p && p.type() != "expression_statement" && p.type() != "lexical_declaration" &&
         p.type() != "variable_declaration" && p.type() != "short_var_declaration")
    p = p.parent();
  return p;
}

std::optional<core::Fix> jsFix(const core::ParsedFile& file, ts::Node call) {
  auto src = file.source();
  ts::Node stmt = statementOf(call);
  if (!stmt || stmt.parent().type() != "program") return std::nullopt;  // top-level only: a closure would hide `server`
  std::string indent(lineIndent(src, stmt.startByte()));
  std::string server;
  core::Fix fix{.title = "Close the server on SIGTERM", .applicability = core::Applicability::Unsafe};
  if (stmt.type() == "expression_statement") {
    if (!(stmt.namedChild(0) == call)) return std::nullopt;
    server = contains(src, "server") ? "httpServer" : "server";
    if (contains(src, server + " ")) return std::nullopt;
    core::TextEdit decl;
    decl.range = {call.startByte(), call.startByte()};
    decl.text = "const " + server + " = ";
    fix.edits.push_back(decl);
  } else {
    ts::Node d = stmt.namedChild(0);
    if (!d || d.type() != "variable_declarator" || !(d.field("value") == call)) return std::nullopt;
    server = std::string(d.field("name").text(src));
  }
  std::string unit = indentUnit(src, file.lang);
  core::TextEdit handler;
  handler.range = {stmt.endByte(), stmt.endByte()};
  handler.text = "\n" + indent + "process.on(\"SIGTERM\", () => {\n" + indent + unit + server +
                 ".close(() => process.exit(0));\n" + indent + "});";
  fix.edits.push_back(handler);
  return fix;
}

std::optional<core::Fix> goFix(const core::ParsedFile& file, ts::Node call) {
  auto src = file.source();
  // Only the canonical `log.Fatal(http.ListenAndServe(addr, h))` / `http.ListenAndServe(addr, h)` statement.
  if (calleeText(call, src) != "http.ListenAndServe") return std::nullopt;
  ts::Node args = call.field("arguments");
  if (!args || args.namedChildCount() != 2) return std::nullopt;
  ts::Node stmt = call.parent();
  bool wrapped = false;
  if (stmt.type() == "argument_list") {
    ts::Node outer = stmt.parent();
    auto c = calleeText(outer, src);
    if (c != "log.Fatal" && c != "log.Fatalln") return std::nullopt;
    stmt = outer.parent();
    wrapped = true;
  }
  if (stmt.type() != "expression_statement") return std::nullopt;
  ts::Node fn = stmt.parent();
  while (fn && fn.type() != "function_declaration") fn = fn.parent();
  if (!fn || fn.field("name").text(src) != "main") return std::nullopt;
  auto body = fn.text(src);
  for (auto name : {"srv", "ctx", "stop", "cancel", "shutdownCtx"})
    if (contains(body, std::string(name) + " :=") || contains(body, std::string(name) + ",")) return std::nullopt;
  std::string in(lineIndent(src, stmt.startByte()));
  std::string h(args.namedChild(1).text(src));
  std::string addr(args.namedChild(0).text(src));
  std::string block;
  block += "srv := &http.Server{Addr: " + addr + ", Handler: " + h + ", ReadHeaderTimeout: 10 * time.Second}\n";
  block += in + "go func() {\n";
  block += in + "\tif err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {\n";
  block += in + "\t\tlog.Fatal(err)\n" + in + "\t}\n" + in + "}()\n";
  block += in + "ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)\n";
  block += in + "defer stop()\n" + in + "<-ctx.Done()\n";
  block += in + "shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)\n";
  block += in + "defer cancel()\n";
  block += in + "if err := srv.Shutdown(shutdownCtx); err != nil {\n" + in + "\tlog.Printf(\"shutdown: %v\", err)\n" + in + "}";
  (void)wrapped;
  core::Fix fix{.title = "Shut the server down gracefully on SIGTERM", .applicability = core::Applicability::Unsafe};
  for (auto imp : {"context", "errors", "log", "os", "os/signal", "syscall", "time"})
    for (auto& e : goEnsureImport(file, imp)) fix.edits.push_back(e);
  core::TextEdit e;
  e.range = {stmt.startByte(), stmt.endByte()};
  e.text = block;
  fix.edits.push_back(e);
  mergeInsertions(fix.edits);
  return fix;
}

/// `recv` is an echo server: the file imports echo, or registers routes or groups on `recv`
/// (`e := router.New(); e.GET(…); e.Start(addr)` with the echo setup in another package).
bool echoServer(std::string_view recv, std::string_view src, const core::Facts& facts) {
  if (facts.usesFramework("echo")) return true;
  if (recv.empty()) return false;
  for (auto verb : {".GET(", ".POST(", ".Group("}) {
    std::string needle = std::string(recv) + verb;
    for (auto at = src.find(needle); at != std::string_view::npos; at = src.find(needle, at + 1)) {
      char before = at == 0 ? ' ' : src[at - 1];
      if (!(std::isalnum(static_cast<unsigned char>(before)) || before == '_' || before == '.')) return true;
    }
  }
  return false;
}

}  // namespace

bool isServerListen(ts::Node call, const core::ParsedFile& file, const core::Facts& facts) {
  if (call.type() != "call_expression") return false;
  auto src = file.source();
  ts::Node fn = call.field("function");
  if (!fn) return false;
  auto name = calleeName(call, src);
  if (file.lang == Lang::Go) {
    if (!facts.hasMainGuard) return false;
    auto callee = calleeText(call, src);
    auto argc = call.field("arguments").namedChildCount();
    bool method = fn.type() == "selector_expression";
    bool serve = name == "ListenAndServe" || name == "ListenAndServeTLS" ||
                 (name == "Run" && facts.usesFramework("gin") && method && argc <= 1) ||
                 (name == "Start" && method && argc == 1 && echoServer(fn.field("operand").text(src), src, facts)) ||
                 (name == "StartTLS" && method && argc == 3 && echoServer(fn.field("operand").text(src), src, facts));
    return serve && !callee.starts_with("httptest.");
  }
  if (name != "listen" || fn.type() != "member_expression") return false;
  auto recv = fn.field("object").text(src);
  bool server = !facts.frameworks.empty() || recv == "app" || recv == "server" || recv == "httpServer" ||
                facts.imports_("http") || facts.imports_("node:http") || facts.imports_("https");
  return server && !facts.usesFramework("nextjs");
}

bool healthProbeOnly(const core::Facts& facts) {
  if (facts.routes.empty()) return false;
  for (const auto& r : facts.routes) {
    std::string_view p = r.path;
    if (!(p.starts_with("/health") || p.starts_with("/ready") || p.starts_with("/live"))) return false;
  }
  return true;
}

std::optional<core::Fix> sigtermFix(const core::ParsedFile& file, ts::Node listenCall) {
  return file.lang == Lang::Go ? goFix(file, listenCall) : jsFix(file, listenCall);
}

}  // namespace agentlens::rules
