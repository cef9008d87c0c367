#include "project/git.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

extern char** environ;

namespace agentlens::project {
namespace {

/// Output of one git run is capped (a listing of a huge repository, a large blob).
constexpr std::size_t kMaxOutput = 64u << 20;

}  // namespace

GitResult runGit(const std::string& dir, const std::vector<std::string>& args) {
  GitResult r;
  int outPipe[2], errPipe[2];
  if (::pipe2(outPipe, O_CLOEXEC) != 0) return r;
  if (::pipe2(errPipe, O_CLOEXEC) != 0) {
    ::close(outPipe[0]);
    ::close(outPipe[1]);
    return r;
  }
  std::vector<std::string> argv = {"git", "-C", dir};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, outPipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, errPipe[1], 2);
  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, "git", &fa, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(outPipe[1]);
  ::close(errPipe[1]);
  if (rc != 0) {
    ::close(outPipe[0]);
    ::close(errPipe[0]);
    r.err = "cannot run git";
    return r;
  }
  // Both pipes are drained together: a child blocked on a full stderr pipe never finishes.
  std::array<pollfd, 2> fds{{{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}}};
  std::array<std::string*, 2> sinks{&r.out, &r.err};
  int open = 2;
  char buf[65536];
  while (open > 0) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open;
        continue;
      }
      if (sinks[i]->size() < kMaxOutput) sinks[i]->append(buf, static_cast<std::size_t>(n));
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) ::close(f.fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<std::string> splitNul(const std::string& out) {
  std::vector<std::string> v;
  std::size_t pos = 0;
  while (pos < out.size()) {
    auto z = out.find('\0', pos);
    if (z == std::string::npos) z = out.size();
    if (z > pos) v.push_back(out.substr(pos, z - pos));
    pos = z + 1;
  }
  return v;
}

std::optional<std::string> resolveCommit(const std::string& dir, const std::string& ref, std::string& error) {
  if (ref.empty() || ref.front() == '-' || ref.find('\0') != std::string::npos) {
    error = "invalid git ref '" + ref + "'";
    return std::nullopt;
  }
  auto top = runGit(dir, {"rev-parse", "--show-toplevel"});
  if (top.status != 0) {
    error = top.status < 0 ? "git is not installed" : "not a git work tree: " + dir;
    return std::nullopt;
  }
  auto r = runGit(dir, {"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"});
  std::string sha = r.out.substr(0, r.out.find('\n'));
  if (r.status != 0 || sha.size() != 40) {
    error = "unknown git ref '" + ref + "'";
    return std::nullopt;
  }
  return sha;
}

std::optional<std::vector<std::string>> changedFiles(const std::string& dir, const std::string& commit, std::string& error) {
  // --relative: paths relative to `dir`, and only those under it.
  auto diff = runGit(dir, {"diff", "--name-only", "-z", "--no-renames", "--relative", commit, "--"});
  auto untracked = runGit(dir, {"ls-files", "-z", "--others", "--exclude-standard", "--", "."});
  if (diff.status != 0 || untracked.status != 0) {
    error = "git diff failed: " + (diff.status != 0 ? diff.err : untracked.err);
    return std::nullopt;
  }
  auto files = splitNul(diff.out);
  for (auto& f : splitNul(untracked.out)) files.push_back(std::move(f));
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace agentlens::project
