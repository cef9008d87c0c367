// Declarations of every method handler; the table in dispatcher.cpp binds them to names.
#pragma once
#include "lsp/dispatcher.hpp"

namespace agentlens::lsp::handlers {

std::optional<json> initialize(Call&);
std::optional<json> initialized(Call&);
std::optional<json> shutdown(Call&);
std::optional<json> cancelRequest(Call&);
std::optional<json> setTrace(Call&);
std::optional<json> didOpen(Call&);
std::optional<json> didChange(Call&);
std::optional<json> didClose(Call&);
std::optional<json> didSave(Call&);
std::optional<json> didChangeWorkspaceFolders(Call&);
std::optional<json> didChangeWatchedFiles(Call&);
std::optional<json> didChangeConfiguration(Call&);
std::optional<json> documentDiagnostic(Call&);
std::optional<json> workspaceDiagnostic(Call&);
std::optional<json> codeAction(Call&);
std::optional<json> codeActionResolve(Call&);
std::optional<json> hover(Call&);
std::optional<json> executeCommand(Call&);
std::optional<json> readiness(Call&);

}  // namespace agentlens::lsp::handlers
