// unbounded-request-body, WebSockets: a `ws` server created without `maxPayload` (see
// unbounded_ws_payload.cpp).
#pragma once
#include "rules/rule.hpp"

namespace agentlens::rules {

/// `new WebSocket.Server({...})` / `new WebSocketServer({...})` (the `ws` package) whose options
/// set no `maxPayload`: every message up to 100 MiB is buffered in memory.
void wsServerWithoutMaxPayload(ts::Node newExpr, RuleContext& ctx);

}  // namespace agentlens::rules
