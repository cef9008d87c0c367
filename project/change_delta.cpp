#include "project/change_delta.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/baseline.hpp"
#include "project/git.hpp"

namespace agentlens::project {
namespace {

namespace fs = std::filesystem;

using OpenFindings = std::map<std::string, std::vector<core::Finding>>;

/// A temporary directory removed with everything in it when the object goes.
struct TempDir {
  fs::path path;
  TempDir() {
    std::error_code ec;
    std::string tmpl = (fs::temp_directory_path(ec) / "agentlens-change-XXXXXX").string();
    if (::mkdtemp(tmpl.data())) path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

bool writeFile(const fs::path& p, const std::string& text) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  return f && (f << text) && f.flush();
}

/// The project as it was at `commit` for the changed files: a copy of the working tree's files
/// (tracked and untracked, not ignored) with each changed file replaced by its version at the
/// commit, or removed when it did not exist there.
bool buildBefore(const std::string& root, const std::string& commit, const std::vector<std::string>& changed,
                 std::uint64_t maxBytes, const fs::path& dest, std::string& error) {
  auto listing = runGit(root, {"ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."});
  if (listing.status != 0) {
    error = "git ls-files failed: " + listing.err;
    return false;
  }
  for (const auto& rel : splitNul(listing.out)) {
    std::error_code ec;
    fs::path src = fs::path(root) / rel;
    auto st = fs::symlink_status(src, ec);
    if (ec || !fs::is_regular_file(st) || fs::file_size(src, ec) > maxBytes) continue;
    fs::create_directories((dest / rel).parent_path(), ec);
    fs::copy_file(src, dest / rel, fs::copy_options::overwrite_existing, ec);
  }
  for (const auto& rel : changed) {
    auto shown = runGit(root, {"show", commit + ":./" + rel});
    std::error_code ec;
    if (shown.status == 0) {
      if (!writeFile(dest / rel, shown.out)) {
        error = "cannot write a temporary copy of " + rel;
        return false;
      }
    } else {
      fs::remove(dest / rel, ec);  // not in the ref: the change added it
    }
  }
  return true;
}

OpenFindings openFindings(const ProjectScan& s) {
  OpenFindings out;
  for (const auto& file : s.result.files)
    for (const auto& f : file.findings)
      if (!f.suppressedReason) {
        out[file.path].push_back(f);
        out[file.path].back().path = file.path;
      }
  return out;
}

/// Findings of `side` with no counterpart in `other` (same rule, file and normalised line;
/// identical lines paired in order).
std::vector<core::Finding> unmatched(const OpenFindings& side, const OpenFindings& other) {
  std::vector<core::Finding> out;
  for (const auto& [path, findings] : side) {
    core::Baseline b;
    if (auto it = other.find(path); it != other.end()) b.addFindings(path, it->second);
    auto copy = findings;
    b.apply(path, copy, "matched");
    for (auto& f : copy)
      if (!f.suppressedReason) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::optional<ChangeDelta> changeDelta(const ChangeRequest& req, std::string& error) {
  ChangeDelta d;
  auto commit = resolveCommit(req.root, req.ref, error);
  if (!commit) return std::nullopt;
  d.commit = *commit;
  if (req.files.empty()) {
    auto files = changedFiles(req.root, d.commit, error);
    if (!files) return std::nullopt;
    d.files = std::move(*files);
  } else {
    d.files = req.files;
  }
  TempDir tmp;
  if (tmp.path.empty()) {
    error = "cannot create a temporary directory";
    return std::nullopt;
  }
  if (!buildBefore(req.root, d.commit, d.files, req.settings.maxFileBytes, tmp.path, error)) return std::nullopt;
  auto before = scanProject({tmp.path.string()}, req.settings, error);
  if (!before) return std::nullopt;
  finishScan(*before);
  auto after = scanProject({req.root}, req.settings, error);
  if (!after) return std::nullopt;
  finishScan(*after);
  auto beforeOpen = openFindings(*before), afterOpen = openFindings(*after);
  d.introduced = unmatched(afterOpen, beforeOpen);
  d.fixed = unmatched(beforeOpen, afterOpen);
  d.before = std::move(before->readiness);
  d.after = std::move(after->readiness);
  return d;
}

}  // namespace agentlens::project
