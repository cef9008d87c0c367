#include "lsp/protocol/capabilities.hpp"

#include <algorithm>

#include "lsp/protocol/basic.hpp"

namespace agentlens::lsp {
namespace {

/// Follows a path of object keys; null when any step is missing.
const json& dig(const json& v, std::initializer_list<const char*> keys) {
  static const json kNull;
  const json* cur = &v;
  for (const char* k : keys) {
    if (!cur->is_object()) return kNull;
    auto it = cur->find(k);
    if (it == cur->end()) return kNull;
    cur = &*it;
  }
  return *cur;
}

bool truthy(const json& v) { return v.is_boolean() && v.get<bool>(); }

bool arrayHas(const json& v, std::string_view s) {
  if (!v.is_array()) return false;
  return std::any_of(v.begin(), v.end(), [&](const json& e) { return e.is_string() && e.get<std::string>() == s; });
}

}  // namespace

ClientCapabilities parseClientCapabilities(const json& c) {
  ClientCapabilities r;
  const json& encs = dig(c, {"general", "positionEncodings"});
  if (encs.is_array())
    for (const auto& e : encs)
      if (e.is_string()) r.positionEncodings.push_back(e.get<std::string>());
  r.workDoneProgress = truthy(dig(c, {"window", "workDoneProgress"}));
  r.showDocument = truthy(dig(c, {"window", "showDocument", "support"}));
  const json& pub = dig(c, {"textDocument", "publishDiagnostics"});
  r.relatedInformation = truthy(dig(pub, {"relatedInformation"}));
  r.diagnosticTags = dig(pub, {"tagSupport"}).is_object();
  r.codeDescription = truthy(dig(pub, {"codeDescriptionSupport"}));
  r.pullDiagnostics = dig(c, {"textDocument", "diagnostic"}).is_object();
  r.diagnosticRefresh = truthy(dig(c, {"workspace", "diagnostics", "refreshSupport"}));
  r.documentChanges = truthy(dig(c, {"workspace", "workspaceEdit", "documentChanges"}));
  r.createFiles = arrayHas(dig(c, {"workspace", "workspaceEdit", "resourceOperations"}), "create");
  const json& ca = dig(c, {"textDocument", "codeAction"});
  r.codeActionLiterals = dig(ca, {"codeActionLiteralSupport"}).is_object();
  r.codeActionResolveEdit = arrayHas(dig(ca, {"resolveSupport", "properties"}), "edit");
  r.isPreferred = truthy(dig(ca, {"isPreferredSupport"}));
  r.configuration = truthy(dig(c, {"workspace", "configuration"}));
  r.workspaceFolders = truthy(dig(c, {"workspace", "workspaceFolders"}));
  r.watchedFilesDynamic = truthy(dig(c, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"}));
  r.configurationDynamic = truthy(dig(c, {"workspace", "didChangeConfiguration", "dynamicRegistration"}));
  r.hoverMarkdown = arrayHas(dig(c, {"textDocument", "hover", "contentFormat"}), "markdown");
  return r;
}

core::PositionEncoding negotiateEncoding(const ClientCapabilities& caps) {
  // utf-8 avoids any conversion (our offsets are bytes); utf-16 is the protocol's mandatory
  // default; utf-32 is used only when the client offers it and not utf-16.
  bool has8 = false, has16 = caps.positionEncodings.empty(), has32 = false;
  for (const auto& e : caps.positionEncodings) {
    has8 |= e == "utf-8";
    has16 |= e == "utf-16";
    has32 |= e == "utf-32";
  }
  if (has8) return core::PositionEncoding::Utf8;
  if (!has16 && has32) return core::PositionEncoding::Utf32;
  return core::PositionEncoding::Utf16;
}

json serverCapabilities(const ClientCapabilities& caps, core::PositionEncoding enc) {
  json sync = {{"openClose", true}, {"change", 2 /* Incremental */}, {"save", {{"includeText", false}}}};
  json codeAction = caps.codeActionLiterals
                        ? json{{"codeActionKinds", {"quickfix", "source.fixAll.agentlens"}}, {"resolveProvider", true}}
                        : json(true);
  json out = {
      {"positionEncoding", encodingName(enc)},
      {"textDocumentSync", sync},
      {"hoverProvider", true},
      {"codeActionProvider", codeAction},
      {"executeCommandProvider", {{"commands", {"agentlens.showRuleDocs", "agentlens.fixAll"}}}},
      {"workspace",
       {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}},
  };
  if (caps.pullDiagnostics) {
    out["diagnosticProvider"] = {{"identifier", "agentlens"}, {"interFileDependencies", true}, {"workspaceDiagnostics", true}};
  }
  return out;
}

}  // namespace agentlens::lsp
