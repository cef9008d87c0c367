// Graceful shutdown: which calls start a server, and the SIGTERM fix for them (catalog DEP2),
// shared by no-graceful-shutdown-on-listen (file rule) and no-graceful-shutdown (workspace check).
#pragma once
#include <optional>

#include "core/facts/facts.hpp"
#include "core/finding.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::rules {

/// A call that starts a long-running HTTP server: Go `ListenAndServe[TLS]`, gin `r.Run()` or echo
/// `e.Start(addr)` in package main; JS/TS `app.listen(…)`/`server.listen(…)` in server code (not Next.js).
bool isServerListen(ts::Node call, const core::ParsedFile& file, const core::Facts& facts);

/// Every route of the file is a health probe (`/healthz`, `/readyz`, `/livez`, `/health…`,
/// `/ready…`): a side server for the orchestrator, not for clients.
bool healthProbeOnly(const core::Facts& facts);

/// The SIGTERM fix for a server start, or nullopt when the code has a shape it cannot rewrite:
/// - Go: `http.ListenAndServe(addr, h)` (optionally in `log.Fatal(…)`) directly in `main` becomes
///   an `http.Server` served from a goroutine, `signal.NotifyContext(…, SIGTERM)` and
///   `srv.Shutdown` with a 10 s timeout (imports added);
/// - JS/TS: a top-level `app.listen(…)` statement keeps its server and closes it on SIGTERM.
/// Unsafe: startup changes shape.
std::optional<core::Fix> sigtermFix(const core::ParsedFile& file, ts::Node listenCall);

}  // namespace agentlens::rules
