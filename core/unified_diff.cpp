#include "core/unified_diff.hpp"

#include <algorithm>
#include <vector>

namespace agentlens::core {
namespace {

constexpr std::size_t kContext = 3;
/// Myers' search stops after this many differing lines (its trace is O(D²) memory).
constexpr int kMaxEditDistance = 2000;

/// Lines with their "\n" (the last one may lack it: that difference is a change too).
std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    out.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

enum class OpKind : char { Equal = ' ', Delete = '-', Insert = '+' };
struct Op {
  OpKind kind;
  std::string_view line;
};

/// Myers' O(ND) shortest edit script of a[lo..] vs b[lo..] (the common prefix and suffix are
/// trimmed by the caller). nullopt when more than kMaxEditDistance lines differ.
std::optional<std::vector<Op>> myers(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  const int maxD = std::min(n + m, kMaxEditDistance);
  std::vector<int> v(2 * static_cast<std::size_t>(maxD) + 3, 0);
  const int off = maxD + 1;
  std::vector<std::vector<int>> trace;  // trace[d][k + d]: furthest x on diagonal k after round d
  int found = -1;
  for (int d = 0; d <= maxD && found < 0; ++d) {
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[off + k] = x;
      if (x >= n && y >= m) found = d;
    }
    trace.emplace_back(v.begin() + off - d, v.begin() + off + d + 1);
  }
  if (found < 0) return std::nullopt;
  std::vector<Op> ops;
  int x = n, y = m;
  for (int d = found; d > 0; --d) {
    const auto& prev = trace[d - 1];
    auto at = [&](int k) { return prev[k + d - 1]; };
    int k = x - y;
    int prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    int prevX = at(prevK), prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push_back({OpKind::Equal, a[--x]}), --y;
    if (x == prevX) ops.push_back({OpKind::Insert, b[--y]});
    else ops.push_back({OpKind::Delete, a[--x]});
  }
  while (x > 0 && y > 0) ops.push_back({OpKind::Equal, a[--x]}), --y;
  std::reverse(ops.begin(), ops.end());
  return ops;
}

std::vector<Op> editScript(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  std::vector<std::string_view> ma(a.begin() + static_cast<std::ptrdiff_t>(pre), a.end() - static_cast<std::ptrdiff_t>(suf));
  std::vector<std::string_view> mb(b.begin() + static_cast<std::ptrdiff_t>(pre), b.end() - static_cast<std::ptrdiff_t>(suf));
  std::vector<Op> ops;
  for (std::size_t i = 0; i < pre; ++i) ops.push_back({OpKind::Equal, a[i]});
  if (auto middle = myers(ma, mb)) {
    ops.insert(ops.end(), middle->begin(), middle->end());
  } else {
    for (auto l : ma) ops.push_back({OpKind::Delete, l});
    for (auto l : mb) ops.push_back({OpKind::Insert, l});
  }
  for (std::size_t i = a.size() - suf; i < a.size(); ++i) ops.push_back({OpKind::Equal, a[i]});
  return ops;
}

void appendLine(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unifiedDiff(std::string_view path, const std::optional<std::string>& before,
                        const std::optional<std::string>& after) {
  if (before == after) return "";
  const std::string beforeText = before.value_or(""), afterText = after.value_or("");  // the lines view these
  auto a = splitLines(beforeText);
  auto b = splitLines(afterText);
  std::vector<Op> ops = editScript(a, b);
  std::string out;
  out += before ? "--- a/" + std::string(path) + "\n" : std::string("--- /dev/null\n");
  out += after ? "+++ b/" + std::string(path) + "\n" : std::string("+++ /dev/null\n");
  // Lines of each side consumed before op i.
  std::vector<std::size_t> posA(ops.size() + 1, 0), posB(ops.size() + 1, 0);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    posA[i + 1] = posA[i] + (ops[i].kind != OpKind::Insert);
    posB[i + 1] = posB[i] + (ops[i].kind != OpKind::Delete);
  }
  std::size_t i = 0;
  while (i < ops.size()) {
    while (i < ops.size() && ops[i].kind == OpKind::Equal) ++i;
    if (i == ops.size()) break;
    // A hunk: from kContext lines before this change to kContext lines after the last change
    // that is at most 2·kContext equal lines away from the previous one.
    std::size_t start = i >= kContext ? i - kContext : 0;
    std::size_t last = i;
    for (std::size_t j = i + 1; j < ops.size(); ++j) {
      if (ops[j].kind == OpKind::Equal) continue;
      if (j - last - 1 > 2 * kContext) break;  // more equal lines between than two contexts
      last = j;
    }
    std::size_t end = std::min(ops.size(), last + 1 + kContext);
    std::size_t countA = posA[end] - posA[start], countB = posB[end] - posB[start];
    auto range = [](std::size_t pos, std::size_t count) {
      std::size_t first = count ? pos + 1 : pos;
      return count == 1 ? std::to_string(first) : std::to_string(first) + "," + std::to_string(count);
    };
    out += "@@ -" + range(posA[start], countA) + " +" + range(posB[start], countB) + " @@\n";
    for (std::size_t j = start; j < end; ++j) appendLine(out, static_cast<char>(ops[j].kind), ops[j].line);
    i = end;
  }
  return out;
}

}  // namespace agentlens::core
