// Workspace discovery: which files `check` and the server index. Honours .gitignore files
// (nested, negations, anchored and directory-only patterns) as git does: a file git tracks is
// never ignored (the root's git index is read when a pattern first matches), and without a git
// index a bare-name pattern that names a Go `package main` directory, or the root module's binary
// (`myapp` for `module example.com/myapp`), is taken for the binary `go build` writes (`server`
// beside cmd/server/), not for a directory of sources of that name. Skips dependency and
// build directories, large, binary and minified files, and reports every skip with its reason.
// Never follows a symlink out of the root, never loops.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/lang.hpp"

namespace agentlens::core {

struct DiscoveredFile {
  std::string path;     ///< relative to the root it was found under ("" root = as given)
  std::string absPath;  ///< absolute, normalised
  Lang lang = Lang::Text;
  std::uint64_t size = 0;
};

struct SkippedPath {
  std::string path;
  std::string reason;  ///< "ignored by .gitignore", "larger than 2 MB", "binary", …
};

struct DiscoveryOptions {
  std::uint64_t maxFileBytes = 2 * 1024 * 1024;
  bool respectGitignore = true;
  /// Ask git (`git ls-files`) which files it tracks, so a tracked file under an ignored pattern
  /// is still read. Off in tests that need to be independent of an enclosing repository.
  bool useGitIndex = true;
  /// Extra directory names to skip anywhere (on top of the built-in list).
  std::vector<std::string> extraSkipDirs;
  /// Stop after this many files (a runaway workspace); 0 = no limit.
  std::size_t maxFiles = 0;
};

struct DiscoveryResult {
  std::vector<DiscoveredFile> files;    ///< sorted by path
  std::vector<SkippedPath> skipped;     ///< by reason, for --verbose
  std::vector<std::string> errors;      ///< unreadable directories, symlink loops: reported, not fatal
};

/// Discovers files under `root` (a directory, or a single file which is taken as given).
DiscoveryResult discover(const std::string& root, const DiscoveryOptions& opts = {});

/// Content checks used by discovery and the server alike.
bool looksBinary(std::string_view head);
bool looksMinified(std::string_view text);

/// Gitignore pattern matching (exposed for tests).
class IgnoreRules {
 public:
  /// Adds the patterns of a .gitignore located in directory `base` (relative, "" = root).
  void add(std::string_view base, std::string_view content);
  /// Whether `path` (relative to the root) is ignored; `isDir` for directory-only patterns.
  [[nodiscard]] bool ignored(std::string_view path, bool isDir) const;
  /// Like ignored(), and whether the deciding pattern is a bare literal name (`server`: no
  /// slash, no wildcard, no trailing '/'), which may name a file as well as a directory.
  struct Match {
    bool ignored = false;
    bool bareName = false;
  };
  [[nodiscard]] Match match(std::string_view path, bool isDir) const;

 private:
  struct Pattern {
    std::string base;     // directory of the .gitignore
    std::string glob;     // pattern without leading '/', trailing '/' and '!'
    bool negate = false;
    bool dirOnly = false;
    bool anchored = false;  // contains a '/' (other than trailing): relative to base
  };
  std::vector<Pattern> patterns_;
};

/// Glob match with gitignore semantics: `*` and `?` stop at '/', `**` crosses directories,
/// `[...]` classes with ranges and `!`/`^` negation, `\` escapes.
bool globMatch(std::string_view pattern, std::string_view text);

}  // namespace agentlens::core
