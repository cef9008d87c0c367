#include "core/discovery.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace agentlens::core {
namespace {

// Directories that never hold the project's own source.
constexpr std::string_view kSkipDirs[] = {
    ".git", ".hg", ".svn", "node_modules", "bower_components", ".venv", "venv", "__pycache__",
    ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", "vendor",
    "build", "dist", "out", "target", ".next", ".nuxt", ".svelte-kit", ".turbo", ".cache",
    "coverage", ".terraform", ".idea", ".gradle", ".eggs"};

bool matchClass(std::string_view p, std::size_t& i, char c) {
  // p[i] == '['; on return i points past ']'. Returns whether c is in the class.
  std::size_t j = i + 1;
  bool neg = false;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
    neg = true;
    ++j;
  }
  bool match = false;
  bool first = true;
  while (j < p.size() && (p[j] != ']' || first)) {
    first = false;
    char lo = p[j];
    if (lo == '\\' && j + 1 < p.size()) lo = p[++j];
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      char hi = p[j + 2];
      if (c >= lo && c <= hi) match = true;
      j += 3;
    } else {
      if (c == lo) match = true;
      ++j;
    }
  }
  i = j < p.size() ? j + 1 : j;
  return match != neg;
}

bool globAt(std::string_view p, std::size_t pi, std::string_view t, std::size_t ti) {
  while (pi < p.size()) {
    char pc = p[pi];
    if (pc == '*') {
      bool dbl = pi + 1 < p.size() && p[pi + 1] == '*';
      if (dbl) {
        // "**/" matches zero or more directories; a trailing "**" matches everything.
        std::size_t next = pi + 2;
        if (next < p.size() && p[next] == '/') {
          if (globAt(p, next + 1, t, ti)) return true;
          for (std::size_t k = ti; k < t.size(); ++k)
            if (t[k] == '/' && globAt(p, next + 1, t, k + 1)) return true;
          return false;
        }
        for (std::size_t k = ti; k <= t.size(); ++k)
          if (globAt(p, next, t, k)) return true;
        return false;
      }
      for (std::size_t k = ti; k <= t.size(); ++k) {
        if (globAt(p, pi + 1, t, k)) return true;
        if (k < t.size() && t[k] == '/') break;
      }
      return false;
    }
    if (ti >= t.size()) return false;
    if (pc == '?') {
      if (t[ti] == '/') return false;
      ++pi;
      ++ti;
      continue;
    }
    if (pc == '[') {
      if (t[ti] == '/' || !matchClass(p, pi, t[ti])) return false;
      ++ti;
      continue;
    }
    if (pc == '\\' && pi + 1 < p.size()) pc = p[++pi];
    if (pc != t[ti]) return false;
    ++pi;
    ++ti;
  }
  return ti == t.size();
}

std::string_view trimRight(std::string_view s) {
  // Trailing spaces are ignored unless escaped with a backslash.
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    if (s.size() >= 2 && s[s.size() - 2] == '\\') break;
    s.remove_suffix(1);
  }
  return s;
}

std::string joinRel(std::string_view base, std::string_view name) {
  if (base.empty()) return std::string(name);
  std::string out(base);
  out += '/';
  out += name;
  return out;
}

// What git tracks under the root, read once on demand. Empty when the root is not in a git work
// tree or git is missing (then `present` is false and .gitignore patterns decide alone).
struct GitIndex {
  bool present = false;
  std::set<std::string, std::less<>> files;
  std::set<std::string, std::less<>> dirs;  // every ancestor directory of a tracked file

  static GitIndex read(const fs::path& root) {
    GitIndex g;
    std::string quoted = "'";
    for (char c : root.string()) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    quoted += "'";
    std::string cmd = "git -C " + quoted + " ls-files -z 2>/dev/null";
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (!pipe) return g;
    std::string out;
    char buf[8192];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    int status = ::pclose(pipe);
    if (status != 0) return g;
    g.present = true;
    std::size_t pos = 0;
    while (pos < out.size()) {
      auto end = out.find('\0', pos);
      if (end == std::string::npos) end = out.size();
      std::string path = out.substr(pos, end - pos);
      pos = end + 1;
      for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
        g.dirs.insert(path.substr(0, slash));
      g.files.insert(std::move(path));
    }
    return g;
  }
};

// A directory holding a Go `package main` file (other than tests): `go build` in it writes a
// binary of the directory's name, which is what a bare `server` line in .gitignore is there for.
bool isGoMainDir(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.ends_with(".go") || name.ends_with("_test.go")) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::string line;
    for (int i = 0; i < 200 && std::getline(in, line); ++i) {
      std::string_view l = trimRight(line);
      if (l.starts_with("package ")) {
        if (l == "package main") return true;
        break;
      }
    }
  }
  return false;
}

// The binary `go build` writes at the root: the last element of go.mod's module path ("" when
// there is no go.mod).
std::string goModuleBinary(const fs::path& root) {
  std::ifstream in(root / "go.mod", std::ios::binary);
  std::string line;
  for (int i = 0; i < 50 && std::getline(in, line); ++i) {
    std::string_view l = trimRight(line);
    if (!l.starts_with("module ")) continue;
    l.remove_prefix(7);
    while (!l.empty() && (l.front() == ' ' || l.front() == '"')) l.remove_prefix(1);
    while (!l.empty() && l.back() == '"') l.remove_suffix(1);
    auto slash = l.rfind('/');
    return std::string(slash == std::string_view::npos ? l : l.substr(slash + 1));
  }
  return {};
}

}  // namespace

bool globMatch(std::string_view pattern, std::string_view text) { return globAt(pattern, 0, text, 0); }

void IgnoreRules::add(std::string_view base, std::string_view content) {
  std::size_t pos = 0;
  while (pos <= content.size()) {
    auto nl = content.find('\n', pos);
    std::string_view line = content.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? content.size() + 1 : nl + 1;
    line = trimRight(line);
    if (line.empty() || line.front() == '#') continue;
    Pattern p;
    p.base = std::string(base);
    if (line.front() == '!') {
      p.negate = true;
      line.remove_prefix(1);
    } else if (line.starts_with("\\!") || line.starts_with("\\#")) {
      line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/') {
      p.dirOnly = true;
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    if (line.front() == '/') {
      p.anchored = true;
      line.remove_prefix(1);
    } else if (line.find('/') != std::string_view::npos) {
      p.anchored = true;
    }
    p.glob = std::string(line);
    patterns_.push_back(std::move(p));
  }
}

bool IgnoreRules::ignored(std::string_view path, bool isDir) const { return match(path, isDir).ignored; }

IgnoreRules::Match IgnoreRules::match(std::string_view path, bool isDir) const {
  Match result;
  for (const Pattern& p : patterns_) {
    // Only a pattern that could flip the current answer needs evaluating.
    if (p.negate != result.ignored) continue;
    if (p.dirOnly && !isDir) continue;
    std::string_view rel = path;
    if (!p.base.empty()) {
      if (!(path.size() > p.base.size() && path.starts_with(p.base) && path[p.base.size()] == '/')) continue;
      rel = path.substr(p.base.size() + 1);
    }
    bool m;
    if (p.anchored) {
      m = globMatch(p.glob, rel);
    } else {
      auto slash = rel.find_last_of('/');
      m = globMatch(p.glob, slash == std::string_view::npos ? rel : rel.substr(slash + 1));
    }
    if (m) {
      result.ignored = !p.negate;
      result.bareName = !p.anchored && !p.dirOnly && p.glob.find_first_of("*?[\\") == std::string::npos;
    }
  }
  return result;
}

bool looksBinary(std::string_view head) {
  return head.substr(0, 8192).find('\0') != std::string_view::npos;
}

bool looksMinified(std::string_view text) {
  if (text.size() < 4096) return false;
  std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  return text.size() / lines > 300;
}

DiscoveryResult discover(const std::string& rootArg, const DiscoveryOptions& opts) {
  DiscoveryResult out;
  std::error_code ec;
  fs::path root = fs::absolute(rootArg, ec).lexically_normal();
  auto st = fs::status(root, ec);
  if (ec || !fs::exists(st)) {
    out.errors.push_back(rootArg + ": no such file or directory");
    return out;
  }
  if (!fs::is_directory(st)) {
    auto lang = detectLang(root.filename().string());
    if (!lang) {
      out.skipped.push_back({rootArg, "unsupported file type"});
      return out;
    }
    auto size = fs::file_size(root, ec);
    if (size > opts.maxFileBytes) {
      out.skipped.push_back({rootArg, "larger than " + std::to_string(opts.maxFileBytes / (1024 * 1024)) + " MB"});
      return out;
    }
    out.files.push_back({rootArg, root.string(), *lang, size});
    return out;
  }
  fs::path canonRoot = fs::weakly_canonical(root, ec);

  IgnoreRules ignore;
  std::optional<GitIndex> git;  // read when a pattern first matches
  auto gitIndex = [&]() -> const GitIndex& {
    if (!git) git = opts.useGitIndex ? GitIndex::read(root) : GitIndex{};
    return *git;
  };
  // An ignored directory is still walked when git tracks files below it, or, without a git
  // index, when a bare-name pattern meets a Go main package (the pattern is for the binary).
  std::optional<std::string> moduleBinary;  // `go build` at the root writes the module path's last element
  auto keepIgnoredDir = [&](const fs::path& abs, const std::string& rel, const IgnoreRules::Match& m) {
    const GitIndex& g = gitIndex();
    if (g.present) return g.dirs.count(rel) > 0;
    if (!m.bareName) return false;
    if (!moduleBinary) moduleBinary = goModuleBinary(root);
    return (!moduleBinary->empty() && abs.filename() == *moduleBinary) || isGoMainDir(abs);
  };
  std::set<fs::path> visited;
  // Absolute dir, relative dir, and whether it is ignored (walked only for what git tracks in it).
  struct Dir {
    fs::path abs;
    std::string rel;
    bool ignored = false;
  };
  std::vector<Dir> stack;
  stack.push_back({root, "", false});
  visited.insert(canonRoot);

  auto skipDir = [&](const std::string& name) {
    for (auto d : kSkipDirs)
      if (name == d) return true;
    for (const auto& d : opts.extraSkipDirs)
      if (name == d) return true;
    return false;
  };

  while (!stack.empty()) {
    auto [dir, rel, dirIgnored] = stack.back();
    stack.pop_back();
    if (opts.respectGitignore) {
      std::ifstream gi(dir / ".gitignore", std::ios::binary);
      if (gi) {
        std::string content((std::istreambuf_iterator<char>(gi)), std::istreambuf_iterator<char>());
        ignore.add(rel, content);
      }
    }
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      out.errors.push_back((rel.empty() ? rootArg : rel) + ": cannot read directory (" + ec.message() + ")");
      continue;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        out.errors.push_back((rel.empty() ? rootArg : rel) + ": " + ec.message());
        break;
      }
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() > b.path().filename(); });
    for (const auto& e : entries) {
      std::string name = e.path().filename().string();
      std::string childRel = joinRel(rel, name);
      bool isLink = e.is_symlink(ec);
      auto cst = fs::status(e.path(), ec);  // follows the link
      if (ec) {
        if (isLink) out.skipped.push_back({childRel, "broken symlink"});
        else out.errors.push_back(childRel + ": " + ec.message());
        ec.clear();
        continue;
      }
      bool isDir = fs::is_directory(cst);
      if (isLink) {
        fs::path target = fs::weakly_canonical(e.path(), ec);
        auto [a, b] = std::mismatch(canonRoot.begin(), canonRoot.end(), target.begin(), target.end());
        if (ec || a != canonRoot.end()) {
          out.skipped.push_back({childRel, "symlink points outside the workspace"});
          ec.clear();
          continue;
        }
      }
      if (isDir) {
        if (name == ".git" || skipDir(name)) {
          out.skipped.push_back({childRel + "/", "dependency, build or VCS directory"});
          continue;
        }
        if (fs::exists(e.path() / "pyvenv.cfg", ec)) {
          out.skipped.push_back({childRel + "/", "virtualenv"});
          continue;
        }
        bool childIgnored = false;
        if (opts.respectGitignore) {
          auto m = ignore.match(childRel, true);
          if (dirIgnored) m = {true, false};  // below an ignored directory: only what git tracks
          if (m.ignored && !keepIgnoredDir(e.path(), childRel, m)) {
            out.skipped.push_back({childRel + "/", "ignored by .gitignore"});
            continue;
          }
          // Walked for its tracked files only (a bare name kept for a Go main package is not ignored).
          childIgnored = m.ignored && gitIndex().present;
        }
        fs::path canon = fs::weakly_canonical(e.path(), ec);
        if (!visited.insert(canon).second) {
          out.errors.push_back(childRel + ": symlink loop (already visited), skipped");
          continue;
        }
        stack.push_back({e.path(), childRel, childIgnored});
        continue;
      }
      if (!fs::is_regular_file(cst)) continue;
      auto lang = detectLang(name);
      if (!lang) continue;  // not a file type we read
      if (opts.respectGitignore && (dirIgnored || ignore.ignored(childRel, false)) && !gitIndex().files.count(childRel)) {
        out.skipped.push_back({childRel, "ignored by .gitignore"});
        continue;
      }
      std::uint64_t size = fs::file_size(e.path(), ec);
      if (ec) {
        out.errors.push_back(childRel + ": " + ec.message());
        ec.clear();
        continue;
      }
      if (size > opts.maxFileBytes) {
        out.skipped.push_back({childRel, "larger than " + std::to_string(opts.maxFileBytes / (1024 * 1024)) + " MB"});
        continue;
      }
      if (name.ends_with(".min.js") || name.ends_with(".min.mjs") || name.ends_with(".bundle.js")) {
        out.skipped.push_back({childRel, "minified"});
        continue;
      }
      out.files.push_back({childRel, e.path().string(), *lang, size});
      if (opts.maxFiles && out.files.size() >= opts.maxFiles) {
        out.errors.push_back("stopped after " + std::to_string(opts.maxFiles) + " files");
        stack.clear();
        break;
      }
    }
  }
  std::sort(out.files.begin(), out.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

}  // namespace agentlens::core
