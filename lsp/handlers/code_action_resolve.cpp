// codeAction/resolve: builds the (multi-file) edit of a quick fix chosen by the user.
#include "lsp/code_actions.hpp"
#include "lsp/handlers/handlers.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp::handlers {
std::optional<json> codeActionResolve(Call& c) {
  json action = c.params.raw();
  std::string error;
  auto data = decodeResolveData(c.params["data"].raw(), &error);
  if (!data) throw RpcError(ErrorCode::InvalidParams, "params." + error);
  json uri = data->uri;
  std::string path = c.server.pathOf(Field(uri, "params.data.uri"));
  std::optional<std::int64_t> version = data->version;
  auto doc = c.server.workspace().document(path);
  std::optional<std::int64_t> current = doc ? std::optional(doc->version) : std::nullopt;
  if (!sameVersion(version, current))
    throw RpcError(ErrorCode::ContentModified, "the document changed since this fix was computed");
  auto edit = fixEdit(c.server, path, version, data->fix);
  if (!edit) throw RpcError(ErrorCode::RequestFailed, "this fix cannot be applied (a file it needs cannot be created)");
  action["edit"] = *edit;
  action.erase("data");
  return action;
}
}  // namespace agentlens::lsp::handlers
