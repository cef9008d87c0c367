#include "rules/common/secret_mask.hpp"

#include <algorithm>
#include <cctype>

namespace agentlens::rules {
namespace {

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

/// Secrets shorter than this are often ordinary words ("secret", "admin123"): in free text they
/// are masked only where punctuation encloses them (quotes, `=`/`@`, brackets), as a value.
constexpr std::size_t kShortSecret = 12;

/// Whether the occurrence of `secret` at `pos` in `text` is the secret itself and not a part of a
/// longer word (`secret` inside `secret_key`) or, for a short secret, a word of the prose around it
/// ("hardcoded secret in"). The ends of the text count as blanks.
bool standsAlone(std::string_view text, std::size_t pos, std::string_view secret) {
  char before = pos > 0 ? text[pos - 1] : ' ';
  std::size_t end = pos + secret.size();
  char after = end < text.size() ? text[end] : ' ';
  if (identChar(secret.front()) && identChar(before)) return false;
  if (identChar(secret.back()) && identChar(after)) return false;
  if (secret.size() >= kShortSecret) return true;
  return !blank(before) && !blank(after);
}

}  // namespace

void maskOccurrences(std::string& text, std::string_view secret) {
  if (secret.empty()) return;
  const std::string masked = core::maskSecret(secret);
  for (std::size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    if (!standsAlone(text, pos, secret)) {
      ++pos;
      continue;
    }
    text.replace(pos, secret.size(), masked);
    pos += masked.size();
  }
}

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
    maskOccurrences(text, secret);
  }
}

}  // namespace agentlens::rules
