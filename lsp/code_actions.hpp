// Building code actions from diagnostics' `data`: the rule's fixes, suppression comments, rule
// documentation and fix-all. Shared by textDocument/codeAction, codeAction/resolve and the
// agentlens.server.fixAll command.
#pragma once
#include <optional>
#include <string>

#include "lsp/fix_data.hpp"
#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {

class Server;

/// Actions for one diagnostic sent back by the client in a codeAction request. Empty when the
/// diagnostic is not ours or was computed for another version of the document (stale fixes are
/// refused: their ranges no longer address the right bytes).
json actionsForDiagnostic(Server& server, const std::string& path, const json& diagnostic);

/// The WorkspaceEdit of one fix (as carried in data.fixes[i]), or nullopt when it cannot be built
/// (a file that must be created and the client cannot create files).
std::optional<json> fixEdit(Server& server, const std::string& path, std::optional<std::int64_t> version,
                            const FixData& fix);

/// One edit applying every Safe fix of the document's current findings (non-overlapping,
/// own-file only). nullopt when there is nothing to fix.
std::optional<json> fixAllEdit(Server& server, const std::string& path);

/// The comment token of a path's language ("#", "//"), or "" when it has no comments (JSON).
std::string_view commentPrefix(const std::string& path);

}  // namespace agentlens::lsp
