#include "core/text/line_map.hpp"

#include <algorithm>
#include <vector>

namespace agentlens::core {
namespace {

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    std::size_t end = i > start && text[i - 1] == '\r' ? i - 1 : i;
    out.push_back(text.substr(start, end - start));
    start = i + 1;
  }
  out.push_back(text.substr(start));
  return out;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

}  // namespace

std::optional<std::uint32_t> mapLine(std::string_view before, std::string_view after, std::uint32_t line) {
  if (before == after) return line;
  auto a = lines(before), b = lines(after);
  if (line >= a.size()) return std::nullopt;
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  if (line < prefix) return line;
  if (line >= a.size() - suffix) return static_cast<std::uint32_t>(line + b.size() - a.size());
  // Inside the changed middle: the same text once among the new middle lines, else nothing.
  std::string_view want = a[line];
  if (blank(want)) return std::nullopt;
  auto first = b.begin() + static_cast<std::ptrdiff_t>(prefix);
  auto last = b.end() - static_cast<std::ptrdiff_t>(suffix);
  auto hit = std::find(first, last, want);
  if (hit == last || std::find(hit + 1, last, want) != last) return std::nullopt;
  if (std::count(a.begin() + static_cast<std::ptrdiff_t>(prefix), a.end() - static_cast<std::ptrdiff_t>(suffix), want) != 1)
    return std::nullopt;
  return static_cast<std::uint32_t>(hit - b.begin());
}

}  // namespace agentlens::core
