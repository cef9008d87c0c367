// Basic structures: URIs, positions and ranges. Every position the server sends or receives goes
// through toLsp/fromLsp here, in the negotiated encoding (the one conversion point).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/text/document.hpp"
#include "core/text/line_index.hpp"
#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {

std::string_view encodingName(core::PositionEncoding e);  // "utf-8", "utf-16", "utf-32"
std::optional<core::PositionEncoding> encodingFromName(std::string_view name);

/// file:// URI ↔ absolute path (percent-encoding per RFC 3986). Non-file URIs give nullopt.
std::optional<std::string> uriToPath(std::string_view uri);
std::string pathToUri(std::string_view absPath);

/// Byte offsets of `text` → LSP Position/Range in `enc`.
json toLspPosition(const core::LineIndex& lines, std::uint32_t offset, core::PositionEncoding enc);
json toLspRange(const core::LineIndex& lines, core::ByteRange range, core::PositionEncoding enc);
/// LSP Position/Range (validated, errors name the field) → core positions in the same encoding.
core::Position parsePosition(const Field& f);
core::Range parseRange(const Field& f);
/// Whether a fix computed for `a` still applies to a document at `b` (nullopt = not open).
/// (Compared without std::optional's operator==, which trips GCC 12's maybe-uninitialized.)
inline bool sameVersion(std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
  return a.has_value() == b.has_value() && a.value_or(0) == b.value_or(0);
}

/// LSP Position → byte offset of `text`.
std::uint32_t fromLspPosition(const core::LineIndex& lines, core::Position p, core::PositionEncoding enc);

}  // namespace agentlens::lsp
