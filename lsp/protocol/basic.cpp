#include "lsp/protocol/basic.hpp"

#include <filesystem>

namespace agentlens::lsp {

std::string_view encodingName(core::PositionEncoding e) {
  switch (e) {
    case core::PositionEncoding::Utf8: return "utf-8";
    case core::PositionEncoding::Utf16: return "utf-16";
    case core::PositionEncoding::Utf32: return "utf-32";
  }
  return "utf-16";
}

std::optional<core::PositionEncoding> encodingFromName(std::string_view name) {
  if (name == "utf-8") return core::PositionEncoding::Utf8;
  if (name == "utf-16") return core::PositionEncoding::Utf16;
  if (name == "utf-32") return core::PositionEncoding::Utf32;
  return std::nullopt;
}

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<std::string> uriToPath(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  uri.remove_prefix(kScheme.size());
  // Authority: only empty or "localhost" are local files.
  std::size_t slash = uri.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto authority = uri.substr(0, slash);
  if (!authority.empty() && authority != "localhost") return std::nullopt;
  uri.remove_prefix(slash);
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size()) {
      int hi = hexValue(uri[i + 1]), lo = hexValue(uri[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    if (uri[i] == '?' || uri[i] == '#') break;
    out.push_back(uri[i]);
  }
  return std::filesystem::path(out).lexically_normal().string();
}

std::string pathToUri(std::string_view absPath) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : absPath) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                c == '-' || c == '_' || c == '.' || c == '~';
    if (keep) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

json toLspPosition(const core::LineIndex& lines, std::uint32_t offset, core::PositionEncoding enc) {
  auto p = lines.toPosition(offset, enc);
  return json{{"line", p.line}, {"character", p.character}};
}

json toLspRange(const core::LineIndex& lines, core::ByteRange range, core::PositionEncoding enc) {
  return json{{"start", toLspPosition(lines, range.start, enc)}, {"end", toLspPosition(lines, range.end, enc)}};
}

core::Position parsePosition(const Field& f) {
  return core::Position{f["line"].uinteger(), f["character"].uinteger()};
}

core::Range parseRange(const Field& f) { return core::Range{parsePosition(f["start"]), parsePosition(f["end"])}; }

std::uint32_t fromLspPosition(const core::LineIndex& lines, core::Position p, core::PositionEncoding enc) {
  return lines.toOffset(p, enc);
}

}  // namespace agentlens::lsp
