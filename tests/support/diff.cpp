#include "support/diff.hpp"

#include <algorithm>
#include <vector>

namespace agentlens::testing {
namespace {
std::vector<std::string_view> splitLines(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    auto nl = s.find('\n', pos);
    if (nl == std::string_view::npos) {
      out.push_back(s.substr(pos));
      break;
    }
    out.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}
}  // namespace

std::string unifiedDiff(std::string_view before, std::string_view after, int context) {
  auto a = splitLines(before), b = splitLines(after);
  std::size_t n = a.size(), m = b.size();
  // LCS table (fixtures are small).
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  struct Op {
    char kind;  // ' ', '-', '+'
    std::string_view line;
    std::size_t ai, bi;
  };
  std::vector<Op> ops;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      ops.push_back({' ', a[i], i, j});
      ++i;
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.push_back({'+', b[j], i, j});
      ++j;
    } else {
      ops.push_back({'-', a[i], i, j});
      ++i;
    }
  }
  std::string out;
  std::size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].kind == ' ') {
      ++k;
      continue;
    }
    std::size_t start = k >= static_cast<std::size_t>(context) ? k - static_cast<std::size_t>(context) : 0;
    std::size_t end = k;
    // Extend the hunk while changes are within 2*context lines of each other.
    for (std::size_t q = k; q < ops.size(); ++q) {
      if (ops[q].kind != ' ') end = q;
      else if (q - end > static_cast<std::size_t>(2 * context)) break;
    }
    std::size_t stop = std::min(ops.size(), end + 1 + static_cast<std::size_t>(context));
    out += "@@ -" + std::to_string(ops[start].ai + 1) + " +" + std::to_string(ops[start].bi + 1) + " @@\n";
    for (std::size_t q = start; q < stop; ++q) {
      out += ops[q].kind;
      out += ops[q].line;
      out += '\n';
    }
    k = stop;
  }
  return out;
}

}  // namespace agentlens::testing
