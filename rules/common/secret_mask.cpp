#include "rules/common/secret_mask.hpp"

#include <algorithm>

namespace agentlens::rules {
namespace {

void replaceAll(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

}  // namespace

std::vector<core::ByteRange> sensitiveRanges(const std::vector<core::Finding>& findings, std::size_t size) {
  std::vector<core::ByteRange> out;
  for (const auto& f : findings)
    if (f.sensitive && f.sensitive->start < f.sensitive->end && f.sensitive->end <= size) out.push_back(*f.sensitive);
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
  out.erase(std::unique(out.begin(), out.end(), [](auto& a, auto& b) { return a.start == b.start && a.end == b.end; }),
            out.end());
  return out;
}

void maskSensitive(std::string& text, std::string_view src, const std::vector<core::ByteRange>& ranges,
                   std::optional<std::uint32_t> lineStart) {
  if (ranges.empty()) return;
  if (lineStart) {
    // By position first, from the last range back so earlier offsets stay valid; overlapping
    // ranges merge into one masked span.
    std::uint64_t ls = *lineStart, le = ls + text.size();
    std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;  // [s, e) within the line, absolute
    for (const auto& r : ranges) {
      std::uint64_t s = std::max<std::uint64_t>(r.start, ls), e = std::min<std::uint64_t>(r.end, le);
      if (s >= e) continue;
      if (!spans.empty() && s < spans.back().second) spans.back().second = std::max(spans.back().second, e);
      else spans.emplace_back(s, e);
    }
    for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
      std::string masked = core::maskSecret(src.substr(it->first, it->second - it->first));
      text.replace(it->first - ls, it->second - it->first, masked);
    }
  }
  for (const auto& r : ranges) {
    std::string_view secret = src.substr(r.start, r.end - r.start);
    replaceAll(text, secret, core::maskSecret(secret));
  }
}

}  // namespace agentlens::rules
