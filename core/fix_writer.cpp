#include "core/fix_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "core/fix_apply.hpp"
#include "core/scan.hpp"

namespace agentlens::core {
namespace {

namespace fs = std::filesystem;

struct Root {
  fs::path canonical;
  bool isDir = false;
};

bool within(const fs::path& base, const fs::path& p) {
  auto [a, b] = std::mismatch(base.begin(), base.end(), p.begin(), p.end());
  return a == base.end();
}

/// One file we may write: its baseline (what the fixes were computed from) and the edits.
struct Target {
  std::string display;
  std::optional<std::string> baseline;  // nullopt = the file does not exist
  std::vector<TextEdit> own;            // Replace edits against the baseline, non-overlapping
  std::vector<TextEdit> other;          // edits resolved with applyFileEdit, in order
  bool lockedForOwn = false;            // an other-file Replace used byte offsets: no own edits
  bool failed = false;
};

std::optional<std::string> readIfExists(const fs::path& p, std::string& error) {
  std::error_code ec;
  auto st = fs::symlink_status(p, ec);
  if (ec || !fs::exists(st)) return std::nullopt;
  std::string text;
  if (!readFile(p.string(), text, error)) return std::nullopt;
  return text;
}

bool overlaps(const ByteRange& a, const ByteRange& b) {
  if (a.start == a.end && b.start == b.end) return a.start == b.start;  // two inserts at one point
  return a.start < b.end && b.start < a.end;
}

/// Kills the process just before the Nth rename (tests: a crash must never truncate a file).
void maybeCrashBeforeRename() {
  static int remaining = [] {
    const char* v = std::getenv("AGENTLENS_TEST_CRASH_BEFORE_RENAME");
    return v ? std::atoi(v) : 0;
  }();
  if (remaining > 0 && --remaining == 0) ::raise(SIGKILL);
}

/// Tests: pause between choosing the fixes and writing, so a test can edit a file meanwhile.
void maybeSyncWithTest() {
  const char* dir = std::getenv("AGENTLENS_TEST_SYNC_DIR");
  if (!dir || !*dir) return;
  std::error_code ec;
  { int fd = ::open((fs::path(dir) / "ready").c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644); if (fd >= 0) ::close(fd); }
  for (int i = 0; i < 3000 && !fs::exists(fs::path(dir) / "go", ec); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

/// Writes `content` to `path` atomically: a temp file in the same directory, the original's
/// permissions (or 0666 & ~umask for a new file), fsync, then a last check that the file still
/// holds `baseline`, then rename and fsync of the directory. Returns "" or the reason it did not.
std::string writeAtomically(const fs::path& path, const std::string& content, const std::optional<std::string>& baseline) {
  struct stat st{};
  bool exists = ::lstat(path.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) return "not a regular file";
  mode_t mode;
  if (exists) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  std::string tmpl = (path.parent_path() / ("." + path.filename().string() + ".agentlens-XXXXXX")).string();
  int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd < 0) return std::string("cannot create a temporary file: ") + std::strerror(errno);
  auto fail = [&](std::string why) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    return why;
  };
  std::size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(std::string("write failed: ") + std::strerror(errno));
    }
    off += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0) return fail(std::string("cannot set permissions: ") + std::strerror(errno));
  if (exists && (st.st_uid != ::geteuid() || st.st_gid != ::getegid())) {
    [[maybe_unused]] int ignored = ::fchown(fd, st.st_uid, st.st_gid);  // best effort
  }
  if (::fsync(fd) != 0) return fail(std::string("fsync failed: ") + std::strerror(errno));
  // Last check, as late as possible: the file must still be what the fixes were computed from.
  std::string err;
  auto now = readIfExists(path, err);
  if (now.has_value() != baseline.has_value() || (now && contentHash(*now) != contentHash(*baseline)))
    return fail("changed since it was read");
  maybeCrashBeforeRename();
  if (::rename(tmpl.c_str(), path.c_str()) != 0) return fail(std::string("rename failed: ") + std::strerror(errno));
  ::close(fd);
  int dfd = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return "";
}

}  // namespace

FixWriteResult writeSafeFixes(const std::vector<FileResult>& files, const std::vector<std::string>& rootsIn) {
  FixWriteResult out;
  std::vector<std::string> rootArgs = rootsIn.empty() ? std::vector<std::string>{"."} : rootsIn;
  std::vector<Root> roots;
  for (const auto& r : rootArgs) {
    std::error_code ec;
    auto c = fs::canonical(r, ec);
    if (!ec) roots.push_back({c, fs::is_directory(c, ec)});
  }
  // The root a path lies under: the longest canonical root containing it.
  auto rootOf = [&](const fs::path& canon) -> const Root* {
    const Root* best = nullptr;
    for (const auto& r : roots)
      if (within(r.canonical, canon) && (!best || r.canonical.string().size() > best->canonical.string().size())) best = &r;
    return best;
  };

  std::map<fs::path, Target> targets;
  struct Chosen {
    std::set<fs::path> touched;
  };
  std::vector<Chosen> chosen;

  for (const auto& file : files) {
    std::vector<const Finding*> fixable;
    for (const auto& f : file.findings) {
      if (f.suppressedReason) continue;
      if (std::any_of(f.fixes.begin(), f.fixes.end(), [](const Fix& x) { return x.applicability == Applicability::Safe; }))
        fixable.push_back(&f);
    }
    if (fixable.empty()) continue;
    std::stable_sort(fixable.begin(), fixable.end(), [](auto* a, auto* b) { return a->range.start < b->range.start; });

    // Where the file lives and which root it belongs to. Workspace-check files carry no absPath:
    // their path is relative to the (single directory) root.
    std::error_code ec;
    fs::path own;
    const Root* root = nullptr;
    if (!file.absPath.empty()) {
      own = fs::weakly_canonical(file.absPath, ec);
      if (!ec) root = rootOf(own);
    } else if (roots.size() == 1 && roots[0].isDir && !file.path.empty() && fs::path(file.path).is_relative()) {
      own = fs::weakly_canonical(roots[0].canonical / file.path, ec);
      if (!ec) root = rootOf(own);
    }
    if (!root) {
      out.refused.push_back(file.path + ": outside the scanned roots");
      continue;
    }

    for (const Finding* f : fixable) {
      const Fix* fix = nullptr;
      for (const auto& x : f->fixes)
        if (x.applicability == Applicability::Safe) {
          fix = &x;
          break;
        }
      // Resolve and validate every edit first: a fix is applied whole or not at all.
      bool ok = true;
      std::vector<std::pair<fs::path, const TextEdit*>> resolved;
      for (const auto& e : fix->edits) {
        if (e.path.empty()) {
          if (e.kind != TextEdit::Kind::Replace) { ok = false; break; }
          resolved.emplace_back(own, &e);
          continue;
        }
        fs::path rel(e.path);
        bool bad = !root->isDir || rel.is_absolute() || rel.empty();
        for (const auto& part : rel)
          if (part == "..") bad = true;
        fs::path canon = bad ? fs::path() : fs::weakly_canonical(root->canonical / rel, ec);
        if (bad || ec || !within(root->canonical, canon)) {
          out.refused.push_back(file.path + ": " + f->ruleId + ": fix edits " + e.path + ", outside the scanned root");
          ok = false;
          break;
        }
        resolved.emplace_back(canon, &e);
      }
      if (!ok) continue;

      // Load baselines; refuse files that changed since the scan read them.
      for (auto& [path, e] : resolved) {
        if (targets.count(path)) continue;
        Target t;
        std::string err;
        t.baseline = readIfExists(path, err);
        if (!err.empty()) t.failed = true;
        if (path == own) {
          t.display = file.path;
          if (!t.baseline || file.contentHash == 0 || contentHash(*t.baseline) != file.contentHash) {
            t.failed = true;
            out.refused.push_back(file.path + ": changed since it was read, not fixed");
          }
        } else {
          t.display = fs::relative(path, root->canonical, ec).string();
          if (ec) t.display = path.string();
        }
        if (t.failed && err.size()) out.refused.push_back(t.display + ": " + err);
        targets.emplace(path, std::move(t));
      }
      for (auto& [path, e] : resolved)
        if (targets.at(path).failed) ok = false;
      if (!ok) continue;

      // Skip the fix when its own edits overlap one already chosen in the same file.
      for (auto& [path, e] : resolved) {
        Target& t = targets.at(path);
        bool ownEdit = e->path.empty();
        if (ownEdit && t.lockedForOwn) ok = false;
        if (!ownEdit && e->kind == TextEdit::Kind::Replace && (!t.own.empty() || !t.other.empty())) ok = false;
        if (ownEdit)
          for (const auto& prev : t.own)
            if (overlaps(prev.range, e->range)) ok = false;
      }
      if (!ok) continue;
      Chosen c;
      for (auto& [path, e] : resolved) {
        Target& t = targets.at(path);
        if (e->path.empty()) {
          t.own.push_back(*e);
        } else {
          t.other.push_back(*e);
          if (e->kind == TextEdit::Kind::Replace) t.lockedForOwn = true;
        }
        c.touched.insert(path);
      }
      chosen.push_back(std::move(c));
    }
  }

  maybeSyncWithTest();

  std::set<fs::path> written, failedPaths;
  for (auto& [path, t] : targets) {
    if (t.failed) {
      failedPaths.insert(path);
      continue;
    }
    std::optional<std::string> content = t.baseline;
    if (!t.own.empty()) {
      content = applyEdits(*t.baseline, t.own);
      if (!content) {
        out.refused.push_back(t.display + ": fix edits fall outside the file, not fixed");
        failedPaths.insert(path);
        continue;
      }
    }
    for (const auto& e : t.other)
      if (auto next = applyFileEdit(content, e)) content = std::move(next);
    if (!content || content == t.baseline) continue;  // nothing to change (already there)
    std::error_code ec;
    if (!t.baseline) fs::create_directories(path.parent_path(), ec);
    // The directory chain must still resolve inside a root (no symlink swapped in meanwhile).
    auto parent = fs::canonical(path.parent_path(), ec);
    std::string why = ec || !rootOf(parent) ? "outside the scanned roots" : writeAtomically(path, *content, t.baseline);
    if (why.empty()) {
      written.insert(path);
      out.filesChanged.push_back(t.display);
    } else {
      out.refused.push_back(t.display + ": " + why + ", not fixed");
      failedPaths.insert(path);
    }
  }
  for (const auto& c : chosen)
    if (std::none_of(c.touched.begin(), c.touched.end(), [&](const fs::path& p) { return failedPaths.count(p) > 0; }))
      ++out.findingsFixed;
  return out;
}

}  // namespace agentlens::core
