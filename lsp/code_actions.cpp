#include "lsp/code_actions.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "core/fix_apply.hpp"
#include "core/lang.hpp"
#include "core/scan.hpp"
#include "lsp/protocol/basic.hpp"
#include "lsp/protocol/workspace_edit.hpp"
#include "lsp/server.hpp"

namespace agentlens::lsp {
namespace {

constexpr std::string_view kReasonPlaceholder = "TODO: explain why this is acceptable";

/// The current content of a file: the open document's text, else the disk, else nullopt.
std::optional<std::string> currentContent(Server& server, const std::string& path, std::optional<std::int64_t>& version) {
  if (auto doc = server.workspace().document(path)) {
    version = doc->version;
    return *doc->text;
  }
  version.reset();
  std::string text, err;
  if (!std::filesystem::exists(path) || !core::readFile(path, text, err)) return std::nullopt;
  return text;
}

json wholeFileReplace(Server& server, const std::string& oldText, const std::string& newText) {
  core::LineIndex lines(oldText);
  return json{{"range", toLspRange(lines, core::ByteRange{0, static_cast<std::uint32_t>(oldText.size())}, server.encoding())},
              {"newText", newText}};
}

std::string lineBreakOf(std::string_view text) { return text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n"; }

json suppressionAction(Server& server, const std::string& path, const json& diagnostic, const DiagnosticData& data,
                       bool wholeFile) {
  const std::string& ruleId = data.rule;
  auto doc = server.workspace().document(path);
  auto prefix = commentPrefix(path);
  if (!doc || prefix.empty()) return nullptr;
  const std::string& text = *doc->text;
  core::LineIndex lines(text);
  std::uint32_t line = 0;
  std::string indent;
  if (wholeFile) {
    // After a shebang line, which must stay first.
    if (text.starts_with("#!")) line = 1;
  } else {
    // The range as the client sent it; data.startLine when a client strips it.
    const json* start = nullptr;
    if (diagnostic.contains("range") && diagnostic["range"].is_object() && diagnostic["range"].contains("start"))
      start = &diagnostic["range"]["start"];
    if (start && (*start)["line"].is_number_unsigned()) line = (*start)["line"].get<std::uint32_t>();
    else line = data.startLine;
    auto lt = lines.lineText(line);
    indent = std::string(lt.substr(0, lt.find_first_not_of(" \t") == std::string_view::npos ? 0 : lt.find_first_not_of(" \t")));
  }
  std::string comment = indent + std::string(prefix) + " agentlens: " + (wholeFile ? "ignore-file[" : "ignore[") +
                        ruleId + "] -- " + std::string(kReasonPlaceholder) + lineBreakOf(text);
  json pos = {{"line", line}, {"character", 0}};
  if (line >= lines.lineCount()) {  // a one-line file with a shebang and no newline
    pos = toLspPosition(lines, static_cast<std::uint32_t>(text.size()), server.encoding());
    comment = lineBreakOf(text) + comment;
  }
  WorkspaceEditBuilder b(server.caps());
  b.addEdit(pathToUri(path), doc->version, {{"range", {{"start", pos}, {"end", pos}}}, {"newText", comment}});
  return json{{"title", wholeFile ? "Suppress " + ruleId + " in this file" : "Suppress " + ruleId + " on this line"},
              {"kind", "quickfix"},
              {"diagnostics", {diagnostic}},
              {"edit", b.build()}};
}

}  // namespace

std::string_view commentPrefix(const std::string& path) {
  auto lang = core::detectLang(path);
  if (!lang) return "#";
  switch (*lang) {
    case core::Lang::JavaScript:
    case core::Lang::TypeScript:
    case core::Lang::Tsx:
    case core::Lang::Go: return "//";
    case core::Lang::Json: return "";
    default: return "#";
  }
}

std::optional<json> fixEdit(Server& server, const std::string& path, std::optional<std::int64_t> version,
                            const FixData& fix) {
  WorkspaceEditBuilder b(server.caps());
  std::string uri = pathToUri(path);
  for (const auto& e : fix.edits) b.addEdit(uri, version, encodeOwnEdit(e));
  auto root = server.workspace().rootOf(path);
  std::string base = root ? *root : std::filesystem::path(path).parent_path().string();
  for (const auto& fe : fix.fileEdits) {
    core::TextEdit edit;
    edit.kind = fe.kind;
    edit.path = fe.path;
    edit.text = fe.text;
    edit.key = fe.key;
    edit.range = core::ByteRange{fe.start, fe.end};
    std::string target = (std::filesystem::path(base) / edit.path).lexically_normal().string();
    std::optional<std::int64_t> targetVersion;
    auto current = currentContent(server, target, targetVersion);
    std::optional<std::string> next;
    if (edit.kind == core::TextEdit::Kind::Replace) {
      if (!current) return std::nullopt;
      core::TextEdit local = edit;
      local.path.clear();
      next = core::applyEdits(*current, {local});
      if (!next) return std::nullopt;
    } else {
      next = core::applyFileEdit(current, edit);
    }
    if (!next) continue;  // already there
    std::string targetUri = pathToUri(target);
    if (!current) {
      if (!b.canCreateFiles()) return std::nullopt;
      b.createFile(targetUri);
      json origin = {{"line", 0}, {"character", 0}};
      b.addEdit(targetUri, std::nullopt, {{"range", {{"start", origin}, {"end", origin}}}, {"newText", *next}});
    } else {
      b.addEdit(targetUri, targetVersion, wholeFileReplace(server, *current, *next));
    }
  }
  if (b.empty()) return std::nullopt;
  return b.build();
}

/// The same finding (rule and range) among the file's current diagnostics, when they were
/// computed for the document's current version: its data carries fixes for the current text.
std::optional<DiagnosticData> currentDataFor(Server& server, const std::string& path, const json& diagnostic,
                                             std::optional<std::int64_t> current) {
  auto d = server.workspace().diagnostics(path);
  if (!d || !sameVersion(d->version, current)) {
    // Opened but not analysed yet: the disk analysis serves when the texts are identical (an open
    // document's diagnostics() never shows it, so ask for it by name).
    d = server.workspace().diskDiagnostics(path);
    auto doc = server.workspace().document(path);
    if (!d || !doc || !d->text || !doc->text || *d->text != *doc->text) return std::nullopt;
  }
  for (const auto& item : server.diagnosticsJson(*d))
    if (item.value("code", "") == diagnostic.value("code", "") && item.contains("range") &&
        diagnostic.contains("range") && item["range"] == diagnostic["range"] && item.contains("data"))
      return decodeDiagnosticData(item["data"]);
  return std::nullopt;
}

json actionsForDiagnostic(Server& server, const std::string& path, const json& diagnostic) {
  json out = json::array();
  if (!diagnostic.is_object() || diagnostic.value("source", "") != "agentlens") return out;
  auto dataIt = diagnostic.find("data");
  if (dataIt == diagnostic.end()) return out;
  std::string error;
  auto decoded = decodeDiagnosticData(*dataIt, &error);
  if (!decoded) {
    spdlog::debug("lsp: no actions for a diagnostic of {}: {}", path, error);
    return out;
  }
  DiagnosticData data = std::move(*decoded);
  const std::string ruleId = data.rule;

  auto doc = server.workspace().document(path);
  std::optional<std::int64_t> version = data.version;
  std::optional<std::int64_t> current = doc ? std::optional(doc->version) : std::nullopt;
  if (!sameVersion(version, current)) {
    // A diagnostic published before the document was opened (from disk) or for an older version:
    // use the identical finding of the current analysis when there is one, else offer nothing
    // (its edits would hit the wrong bytes).
    auto fresh = currentDataFor(server, path, diagnostic, current);
    if (!fresh || fresh->rule != ruleId) {
      spdlog::debug("lsp: refusing actions for {}: diagnostic version differs from the document's", path);
      return out;
    }
    data = std::move(*fresh);
    version = current;
  }

  for (const auto& fix : data.fixes) {
    if (fix.applicability == core::Applicability::DisplayOnly) continue;
    bool safe = fix.applicability == core::Applicability::Safe;
    json action = {{"title", fix.title.empty() ? "Fix " + ruleId : fix.title}, {"kind", "quickfix"}, {"diagnostics", {diagnostic}}};
    // Sent even when the client does not announce isPreferredSupport (Neovim 0.7): clients
    // ignore unknown fields, and those that honour it pick the Safe fix.
    if (safe) action["isPreferred"] = true;
    bool multiFile = !fix.fileEdits.empty();
    if (multiFile && server.caps().codeActionResolveEdit) {
      // Reading and diffing other files is deferred until the user picks the action.
      action["data"] = encodeResolveData(ResolveData{pathToUri(path), version, fix});
    } else {
      auto edit = fixEdit(server, path, version, fix);
      if (!edit) continue;
      action["edit"] = *edit;
    }
    out.push_back(std::move(action));
  }
  for (bool whole : {false, true}) {
    json a = suppressionAction(server, path, diagnostic, data, whole);
    if (!a.is_null()) out.push_back(std::move(a));
  }
  if (server.rule(ruleId)) {
    out.push_back({{"title", "Show documentation for " + ruleId},
                   {"kind", "quickfix"},
                   {"diagnostics", {diagnostic}},
                   {"command",
                    {{"title", "Show documentation for " + ruleId},
                     {"command", "agentlens.server.showRuleDocs"},
                     {"arguments", {ruleId}}}}});
  }
  return out;
}

std::optional<json> fixAllEdit(Server& server, const std::string& path) {
  auto& ws = server.workspace();
  auto doc = ws.document(path);
  auto diags = ws.diagnostics(path);
  if (!doc || !diags || !sameVersion(diags->version, doc->version) || !diags->text) return std::nullopt;
  std::vector<core::TextEdit> edits;
  for (const auto& f : diags->findings) {
    if (f.suppressedReason) continue;
    for (const auto& fix : f.fixes) {
      if (fix.applicability != core::Applicability::Safe) continue;
      bool ownFileOnly = std::all_of(fix.edits.begin(), fix.edits.end(), [](const core::TextEdit& e) {
        return e.kind == core::TextEdit::Kind::Replace && e.path.empty();
      });
      if (!ownFileOnly || fix.edits.empty()) continue;
      // Skip a fix overlapping one already taken (fixes of one pass must not conflict).
      bool overlaps = std::any_of(fix.edits.begin(), fix.edits.end(), [&](const core::TextEdit& e) {
        return std::any_of(edits.begin(), edits.end(), [&](const core::TextEdit& t) {
          return e.range.start < t.range.end && t.range.start < e.range.end;
        });
      });
      if (overlaps) continue;
      edits.insert(edits.end(), fix.edits.begin(), fix.edits.end());
      break;  // one fix per finding
    }
  }
  if (edits.empty()) return std::nullopt;
  std::sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) { return a.range.start < b.range.start; });
  core::LineIndex lines(*diags->text);
  WorkspaceEditBuilder b(server.caps());
  for (const auto& e : edits)
    b.addEdit(pathToUri(path), doc->version, {{"range", toLspRange(lines, e.range, server.encoding())}, {"newText", e.text}});
  return b.build();
}

}  // namespace agentlens::lsp
