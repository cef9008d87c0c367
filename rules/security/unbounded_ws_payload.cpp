// unbounded-request-body, WebSockets (see unbounded_ws_payload.hpp).
#include "rules/security/unbounded_ws_payload.hpp"

#include "rules/common/syntax.hpp"

namespace agentlens::rules {

void wsServerWithoutMaxPayload(ts::Node newExpr, RuleContext& ctx) {
  auto src = ctx.source();
  auto ctor = newExpr.field("constructor").text(src);
  if (ctor != "WebSocket.Server" && ctor != "WebSocketServer" && ctor != "ws.Server" && ctor != "WS.Server") return;
  // The `ws` package, not socket.io or a browser client.
  if (src.find("'ws'") == std::string_view::npos && src.find("\"ws\"") == std::string_view::npos) return;
  ts::Node args = newExpr.field("arguments");
  if (!args || args.namedChildCount() == 0 || args.namedChild(0).type() != "object") return;
  ts::Node opts = args.namedChild(0);
  for (std::uint32_t i = 0; i < opts.namedChildCount(); ++i)
    if (opts.namedChild(i).type() == "spread_element") return;  // options we cannot read
  if (opts.text(src).find("maxPayload") != std::string_view::npos) return;
  ctx.report(newExpr, "`new " + std::string(ctor) + "(…)` sets no `maxPayload`: ws buffers every message up to "
                      "100 MiB in memory, so a few clients can exhaust the process; set `maxPayload` to the largest "
                      "message the protocol needs");
}

}  // namespace agentlens::rules
