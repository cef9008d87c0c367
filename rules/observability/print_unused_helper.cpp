// Prints in Go helpers nothing calls (see print_unused_helper.hpp).
#include "rules/observability/print_unused_helper.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace agentlens::rules {
namespace {

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string dirOf(std::string_view path) {
  auto s = path.find_last_of('/');
  return s == std::string_view::npos ? std::string() : std::string(path.substr(0, s));
}

/// The name of the unexported plain function whose body holds 0-based `line`, or "".
std::string enclosingHelper(std::string_view text, std::uint32_t line) {
  std::vector<std::string_view> lines;
  for (std::size_t ls = 0; ls <= text.size();) {
    auto le = text.find('\n', ls);
    lines.push_back(text.substr(ls, (le == std::string_view::npos ? text.size() : le) - ls));
    if (le == std::string_view::npos) break;
    ls = le + 1;
  }
  if (line >= lines.size()) return {};
  for (long i = line; i >= 0; --i) {
    std::string_view l = lines[static_cast<std::size_t>(i)];
    if (l.starts_with("}") && static_cast<std::uint32_t>(i) != line) return {};  // outside any function
    if (!l.starts_with("func ")) continue;
    std::string_view rest = l.substr(5);
    if (rest.empty() || !std::islower(static_cast<unsigned char>(rest.front()))) return {};  // method or exported
    std::size_t n = 0;
    while (n < rest.size() && identChar(rest[n])) ++n;
    return n < rest.size() && (rest[n] == '(' || rest[n] == '[') ? std::string(rest.substr(0, n)) : std::string();
  }
  return {};
}

/// Whether the byte at `at` follows `//` on its line (a comment mentioning the name is no use).
bool inLineComment(std::string_view text, std::size_t at) {
  auto ls = text.rfind('\n', at);
  std::string_view head = text.substr(ls == std::string_view::npos ? 0 : ls + 1, at - (ls == std::string_view::npos ? 0 : ls + 1));
  for (auto c = head.find("//"); c != std::string_view::npos; c = head.find("//", c + 2))
    if (c == 0 || head[c - 1] != ':') return true;  // not the `//` of a URL
  return false;
}

/// Occurrences of `name` as a whole identifier in `text`, outside line comments.
std::size_t uses(std::string_view text, std::string_view name) {
  std::size_t count = 0;
  for (auto at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    bool before = at > 0 && (identChar(text[at - 1]) || text[at - 1] == '.');
    bool after = at + name.size() < text.size() && identChar(text[at + name.size()]);
    if (!before && !after && !inLineComment(text, at)) ++count;
  }
  return count;
}

}  // namespace

void printsInUnusedGoHelpers(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  auto ours = [](const core::Finding& f) { return f.ruleId == "print-instead-of-logging"; };
  for (auto& fr : files) {
    if (fr.lang != core::Lang::Go || std::none_of(fr.findings.begin(), fr.findings.end(), ours)) continue;
    auto text = view.read(fr.path);
    if (!text) continue;
    std::string dir = dirOf(fr.path);
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (!ours(f)) return false;
      std::string name = enclosingHelper(*text, f.start.line);
      if (name.empty() || name == "main" || name == "init" || uses(*text, name) != 1) return false;
      for (const auto* other : view.files()) {
        if (other->path == fr.path || !other->path.ends_with(".go") || dirOf(other->path) != dir) continue;
        auto t = view.read(other->path);
        if (!t || uses(*t, name) > 0) return false;
      }
      return true;
    });
  }
}

}  // namespace agentlens::rules
