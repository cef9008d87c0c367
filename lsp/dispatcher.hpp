// The one table from LSP method names to handlers (clangd/ccls style). Handlers live in
// lsp/handlers/, one file per method, declared in lsp/handlers/handlers.hpp.
#pragma once
#include <optional>
#include <string_view>

#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {

class Server;

/// One incoming request or notification. `id` is null for notifications.
struct Call {
  Server& server;
  const json& id;
  Field params;
  [[nodiscard]] bool isRequest() const { return !id.is_null(); }
};

/// Returns the result to send, or nullopt when there is none yet (notifications, or a request
/// the handler answers later). Throws RpcError for error replies.
using Handler = std::optional<json> (*)(Call&);

struct Route {
  std::string_view method;
  Handler handler;
  bool isRequest;  ///< false: a notification (never answered)
};

/// The route for a method, or nullptr.
const Route* findRoute(std::string_view method);

}  // namespace agentlens::lsp
