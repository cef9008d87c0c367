// The typed codec for what a diagnostic carries in `Diagnostic.data` (the rule, the document
// version the fixes were computed for, and the fixes themselves) and for what a deferred code
// action carries until codeAction/resolve. Encode and decode live here and nowhere else: the
// client echoes this data back, so decoding treats it as untrusted input.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/text/document.hpp"
#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {

/// An edit of the diagnostic's own document, already in LSP positions (negotiated encoding) of
/// the exact text the fix was computed for.
struct OwnEditData {
  core::Range range;
  std::string newText;
  friend bool operator==(const OwnEditData&, const OwnEditData&) = default;
};

/// An edit of another file (or a kind resolved against a file's current content): byte offsets,
/// resolved at codeAction/resolve time. `path` is relative to the workspace root.
struct FileEditData {
  core::TextEdit::Kind kind = core::TextEdit::Kind::Replace;
  std::string path;
  std::string text;
  std::string key;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  friend bool operator==(const FileEditData&, const FileEditData&) = default;
};

struct FixData {
  std::string title;
  core::Applicability applicability = core::Applicability::Safe;
  std::vector<OwnEditData> edits;
  std::vector<FileEditData> fileEdits;
  friend bool operator==(const FixData&, const FixData&) = default;
};

/// `Diagnostic.data` of an AgentLens diagnostic.
struct DiagnosticData {
  std::string rule;
  std::optional<std::int64_t> version;  ///< nullopt: computed from the file on disk
  std::uint32_t startLine = 0;          ///< for clients that strip the range
  std::vector<FixData> fixes;
  friend bool operator==(const DiagnosticData&, const DiagnosticData&) = default;
};

/// `CodeAction.data` of a multi-file fix whose edit is built at codeAction/resolve.
struct ResolveData {
  std::string uri;
  std::optional<std::int64_t> version;
  FixData fix;
  friend bool operator==(const ResolveData&, const ResolveData&) = default;
};

/// The LSP TextEdit of an own-document edit.
json encodeOwnEdit(const OwnEditData& edit);
json encodeFix(const FixData& fix);
json encodeDiagnosticData(const DiagnosticData& data);
json encodeResolveData(const ResolveData& data);

/// Decoders: nullopt for data that is not ours or malformed (a client may send anything back),
/// with `error` naming the field ("data.fixes[0].edits[1].range.start.line: expected unsigned
/// integer"). Never throw.
std::optional<FixData> decodeFix(const json& raw, std::string* error = nullptr, std::string_view path = "fix");
std::optional<DiagnosticData> decodeDiagnosticData(const json& raw, std::string* error = nullptr);
std::optional<ResolveData> decodeResolveData(const json& raw, std::string* error = nullptr);

}  // namespace agentlens::lsp
