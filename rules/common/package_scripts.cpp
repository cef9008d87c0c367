// Locating the package.json scripts the facts index recorded (see package_scripts.hpp).
#include "rules/common/package_scripts.hpp"

#include <optional>
#include <string>

namespace agentlens::rules {
namespace {

constexpr std::string_view kPrefix = "package.json:";

bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The byte offset where 0-based line `line` starts, or nullopt past the end.
std::optional<std::uint32_t> lineStart(std::string_view src, std::uint32_t line) {
  std::uint32_t at = 0;
  for (std::uint32_t l = 0; l < line; ++l) {
    auto nl = src.find('\n', at);
    if (nl == std::string_view::npos) return std::nullopt;
    at = static_cast<std::uint32_t>(nl + 1);
  }
  return at;
}

/// The string value of key `name` whose opening quote is on the line starting at `lineBegin`,
/// searching from `from`: the range inside its quotes (escapes skipped, as JSON reads them).
std::optional<core::ByteRange> findValue(std::string_view src, std::string_view name, std::uint32_t from,
                                         std::uint32_t lineBegin) {
  std::string key = "\"" + std::string(name) + "\"";
  std::size_t lineEnd = src.find('\n', lineBegin);
  if (lineEnd == std::string_view::npos) lineEnd = src.size();
  for (auto k = src.find(key, from); k != std::string_view::npos && k < lineEnd; k = src.find(key, k + 1)) {
    std::size_t i = k + key.size();
    while (i < src.size() && isJsonSpace(src[i])) ++i;
    if (i >= src.size() || src[i] != ':') continue;
    ++i;
    while (i < src.size() && isJsonSpace(src[i])) ++i;
    if (i >= src.size() || src[i] != '"' || i < lineBegin || i >= lineEnd) continue;
    std::size_t s = i + 1, e = s;
    while (e < src.size() && src[e] != '"') e += src[e] == '\\' ? 2 : 1;
    if (e > src.size()) e = src.size();
    return core::ByteRange{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e)};
  }
  return std::nullopt;
}

/// Where the top-level "scripts" object starts (its key), or 0: keys of other objects written
/// before it ("config": {"start": …}) are not scripts.
std::uint32_t scriptsKey(std::string_view src) {
  for (auto k = src.find("\"scripts\""); k != std::string_view::npos; k = src.find("\"scripts\"", k + 1)) {
    std::size_t i = k + 9;
    while (i < src.size() && isJsonSpace(src[i])) ++i;
    if (i < src.size() && src[i] == ':') return static_cast<std::uint32_t>(k);
  }
  return 0;
}

}  // namespace

std::vector<PackageScript> packageScripts(const core::Facts& facts, std::string_view src) {
  std::vector<PackageScript> out;
  // Scripts are recorded in file order: each is found after the previous one.
  std::uint32_t from = scriptsKey(src);
  for (const auto& c : facts.commands) {
    if (!std::string_view(c.source).starts_with(kPrefix)) continue;
    std::string_view name = std::string_view(c.source).substr(kPrefix.size());
    auto begin = lineStart(src, c.line);
    if (!begin) continue;
    auto value = findValue(src, name, from, *begin);
    if (!value) continue;
    out.push_back({name, *value});
    from = value->end;
  }
  return out;
}

}  // namespace agentlens::rules
