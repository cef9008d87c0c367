// `agentlens lsp`: runs the server over stdio (or one TCP connection) until `exit`.
#pragma once
#include <cstddef>
#include <string>

#include "lsp/settings.hpp"

namespace agentlens::lsp {

struct RunOptions {
  bool delimitedInput = false;            ///< "---"-separated messages (hand-written transcripts)
  std::size_t maxMessageBytes = 64u << 20;
  std::string listen;                     ///< "127.0.0.1:PORT": accept one TCP client instead of stdio
  unsigned threads = 0;                   ///< analysis workers (0 = cores)
};

/// Returns the process exit code: 0 after shutdown + exit, 1 otherwise, 2 on a setup error.
int runServer(const RunOptions& opts, ServerEnvironment env);

}  // namespace agentlens::lsp
