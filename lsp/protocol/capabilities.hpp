// What the client can do (read once from `initialize`) and what the server advertises in return.
#pragma once
#include <string>
#include <vector>

#include "core/text/line_index.hpp"
#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {

struct ClientCapabilities {
  std::vector<std::string> positionEncodings;  ///< general.positionEncodings, in client order
  bool workDoneProgress = false;               ///< window.workDoneProgress
  bool showDocument = false;                   ///< window.showDocument.support
  bool relatedInformation = false;             ///< publishDiagnostics.relatedInformation
  bool diagnosticTags = false;                 ///< publishDiagnostics.tagSupport
  bool codeDescription = false;                ///< publishDiagnostics.codeDescriptionSupport
  bool pullDiagnostics = false;                ///< textDocument.diagnostic present
  bool diagnosticRefresh = false;              ///< workspace.diagnostics.refreshSupport
  bool documentChanges = false;                ///< workspace.workspaceEdit.documentChanges
  bool createFiles = false;                    ///< workspaceEdit.resourceOperations has "create"
  bool codeActionLiterals = false;             ///< codeAction.codeActionLiteralSupport
  bool codeActionResolveEdit = false;          ///< codeAction.resolveSupport.properties has "edit"
  bool isPreferred = false;                    ///< codeAction.isPreferredSupport
  bool configuration = false;                  ///< workspace.configuration
  bool workspaceFolders = false;               ///< workspace.workspaceFolders
  bool watchedFilesDynamic = false;            ///< didChangeWatchedFiles.dynamicRegistration
  bool configurationDynamic = false;           ///< didChangeConfiguration.dynamicRegistration
  bool hoverMarkdown = false;                  ///< hover.contentFormat has "markdown"
};

ClientCapabilities parseClientCapabilities(const json& caps);

/// utf-8 when the client offers it; else utf-16 (the protocol default); utf-32 only when the
/// client offers it without utf-16. See docs/protocol.md.
core::PositionEncoding negotiateEncoding(const ClientCapabilities& caps);

json serverCapabilities(const ClientCapabilities& caps, core::PositionEncoding enc);

}  // namespace agentlens::lsp
