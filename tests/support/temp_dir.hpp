// The one temporary-directory helper of the test suites: a fresh directory (canonical path, so it
// compares equal to paths the server and CLI resolve) removed with its contents at scope exit.
#pragma once
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace agentlens::testing {

struct TempDir {
  explicit TempDir(const std::string& tag = "test") {
    static std::atomic<int> counter{0};
    path = std::filesystem::temp_directory_path() /
           ("agentlens-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    path = std::filesystem::canonical(path);
  }
  ~TempDir() {
    std::error_code ec;
    // Tests make files unreadable; give the owner its rights back so the removal succeeds.
    std::filesystem::permissions(path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] std::string str() const { return path.string(); }
  /// Writes `text` to `rel` (parent directories created); returns the absolute path.
  std::string write(const std::string& rel, const std::string& text) const {
    auto p = path / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
    return p.string();
  }

  std::filesystem::path path;
};

}  // namespace agentlens::testing
