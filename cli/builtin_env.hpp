// The server environment with the built-in rules and workspace checks, and one project (config,
// custom rules, baseline) per workspace root: what `agentlens lsp`
// runs and what the in-process LSP tests run (one definition, so tests see the real server).
#pragma once
#include "lsp/settings.hpp"

namespace agentlens::cli {

lsp::ServerEnvironment builtinServerEnvironment();

}  // namespace agentlens::cli
