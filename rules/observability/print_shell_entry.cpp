// Shell entry points and the prints inside them (see print_shell_entry.hpp).
#include "rules/observability/print_shell_entry.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <utility>

#include "rules/common/pyproject.hpp"

namespace agentlens::rules {
namespace {

struct Entry {
  std::string module;    ///< "pkg.mod"
  std::string function;  ///< "func"
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// `pkg.mod:func` of the console scripts a pyproject.toml declares.
void scriptEntries(std::string_view toml, std::vector<Entry>& out) {
  for (auto& e : pyproject::scriptEntries(toml))
    if (!e.function.empty()) out.push_back({std::move(e.module), std::move(e.function)});
}

/// Every `from pkg.mod import f, g` string of a `SHELL_PLUS_IMPORTS = [...]` list (django-extensions).
void shellPlusEntries(std::string_view text, std::vector<Entry>& out) {
  auto at = text.find("SHELL_PLUS_IMPORTS");
  if (at == std::string_view::npos) return;
  auto open = text.find('[', at);
  auto close = text.find(']', open == std::string_view::npos ? at : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return;
  std::string_view list = text.substr(open + 1, close - open - 1);
  for (std::size_t i = 0; i < list.size();) {
    auto q = list.find_first_of("\"'", i);
    if (q == std::string_view::npos) break;
    auto e = list.find(list[q], q + 1);
    if (e == std::string_view::npos) break;
    std::string_view s = trim(list.substr(q + 1, e - q - 1));
    i = e + 1;
    if (!s.starts_with("from ")) continue;
    auto imp = s.find(" import ");
    if (imp == std::string_view::npos) continue;
    std::string module(trim(s.substr(5, imp - 5)));
    std::string_view names = s.substr(imp + 8);
    for (std::size_t n = 0; n < names.size();) {
      auto comma = names.find(',', n);
      std::string_view name = trim(names.substr(n, (comma == std::string_view::npos ? names.size() : comma) - n));
      n = comma == std::string_view::npos ? names.size() : comma + 1;
      if (auto as = name.find(' '); as != std::string_view::npos) name = name.substr(0, as);
      if (!name.empty() && name != "*") out.push_back({module, std::string(name)});
    }
  }
}


/// 0-based first and last line of the top-level `def name(` in `text` (its body ends at the next
/// line indented no deeper than the `def`), or {-1, -1}.
std::pair<long, long> topLevelFunction(std::string_view text, std::string_view name) {
  long line = 0, start = -1, last = -1;
  for (std::size_t ls = 0; ls < text.size(); ++line) {
    auto le = text.find('\n', ls);
    std::string_view l = text.substr(ls, (le == std::string_view::npos ? text.size() : le) - ls);
    ls = le == std::string_view::npos ? text.size() : le + 1;
    bool blank = trim(l).empty() || trim(l).starts_with("#");
    if (start < 0) {
      std::string_view rest = l.starts_with("async def ") ? l.substr(10) : l.starts_with("def ") ? l.substr(4) : "";
      if (rest.starts_with(name) && rest.size() > name.size() && !isIdentChar(rest[name.size()]) &&
          trim(rest.substr(name.size())).starts_with("("))
        start = last = line;
      continue;
    }
    if (blank) continue;
    if (l.front() != ' ' && l.front() != '\t' && l.front() != ')') break;
    last = line;
  }
  return {start, last};
}

std::vector<Entry> shellEntries(const WorkspaceView& view) {
  std::vector<Entry> out;
  bool rootSeen = false;
  for (const auto* f : view.files()) {
    bool toml = f->path == "pyproject.toml" || f->path.ends_with("/pyproject.toml");
    bool settings = f->path.ends_with(".py") && (f->facts.role == core::FileRole::Config ||
                                                 f->path.find("settings") != std::string::npos);
    if (!toml && !settings) continue;
    rootSeen = rootSeen || f->path == "pyproject.toml";
    auto text = view.read(f->path);
    if (!text) continue;
    if (toml) scriptEntries(*text, out);
    else shellPlusEntries(*text, out);
  }
  if (!rootSeen)
    if (auto root = view.read("pyproject.toml")) scriptEntries(*root, out);
  return out;
}

}  // namespace

void printsInShellEntryPoints(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  auto ours = [](const core::Finding& f) { return f.ruleId == "print-instead-of-logging"; };
  bool any = std::any_of(files.begin(), files.end(), [&](const core::FileResult& fr) {
    return fr.path.ends_with(".py") && std::any_of(fr.findings.begin(), fr.findings.end(), ours);
  });
  if (!any) return;
  std::vector<Entry> entries = shellEntries(view);
  if (entries.empty()) return;
  for (auto& fr : files) {
    if (!fr.path.ends_with(".py") || std::none_of(fr.findings.begin(), fr.findings.end(), ours)) continue;
    std::optional<std::string> text;
    for (const Entry& e : entries) {
      if (!pyproject::isModule(fr.path, e.module)) continue;
      if (!text) text = view.read(fr.path);
      if (!text) break;
      const auto span = topLevelFunction(*text, e.function);  // no structured binding: clang 14 cannot capture one
      const long first = span.first, last = span.second;
      if (first < 0) continue;
      std::erase_if(fr.findings, [&](const core::Finding& f) {
        return ours(f) && static_cast<long>(f.start.line) >= first && static_cast<long>(f.start.line) <= last;
      });
    }
  }
}

}  // namespace agentlens::rules
