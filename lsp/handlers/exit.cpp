// exit: the end of the session (Server::handle calls it in any state; it is never routed, so a
// request named exit is still refused). The process exit code is 0 only after `shutdown`.
#include "lsp/server.hpp"

namespace agentlens::lsp {

void Server::exit() {
  state_ = State::Exited;
  *alive_ = false;
}

}  // namespace agentlens::lsp
