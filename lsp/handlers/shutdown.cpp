// shutdown: stop accepting requests; `exit` then ends the process with code 0.
#include "lsp/handlers/handlers.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp {

void Server::shutdown() {
  shutdownRequested_ = true;
  state_ = State::ShutDown;
  if (workspace_) workspace_->waitIdle();
}

}  // namespace agentlens::lsp

namespace agentlens::lsp::handlers {
std::optional<json> shutdown(Call& c) {
  c.server.shutdown();
  return json(nullptr);
}
}  // namespace agentlens::lsp::handlers
