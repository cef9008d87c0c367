#include "lsp/dispatcher.hpp"

#include <array>

#include "lsp/handlers/handlers.hpp"

namespace agentlens::lsp {
namespace {

constexpr std::array kRoutes = {
    Route{"initialize", handlers::initialize, true},
    Route{"initialized", handlers::initialized, false},
    Route{"shutdown", handlers::shutdown, true},
    Route{"$/cancelRequest", handlers::cancelRequest, false},
    Route{"$/setTrace", handlers::setTrace, false},
    Route{"textDocument/didOpen", handlers::didOpen, false},
    Route{"textDocument/didChange", handlers::didChange, false},
    Route{"textDocument/didClose", handlers::didClose, false},
    Route{"textDocument/didSave", handlers::didSave, false},
    Route{"workspace/didChangeWorkspaceFolders", handlers::didChangeWorkspaceFolders, false},
    Route{"workspace/didChangeWatchedFiles", handlers::didChangeWatchedFiles, false},
    Route{"workspace/didChangeConfiguration", handlers::didChangeConfiguration, false},
    Route{"textDocument/diagnostic", handlers::documentDiagnostic, true},
    Route{"workspace/diagnostic", handlers::workspaceDiagnostic, true},
    Route{"textDocument/codeAction", handlers::codeAction, true},
    Route{"codeAction/resolve", handlers::codeActionResolve, true},
    Route{"textDocument/hover", handlers::hover, true},
    Route{"workspace/executeCommand", handlers::executeCommand, true},
    Route{"agentlens/readiness", handlers::readiness, true},
};

}  // namespace

const Route* findRoute(std::string_view method) {
  for (const auto& r : kRoutes)
    if (r.method == method) return &r;
  return nullptr;
}

}  // namespace agentlens::lsp
