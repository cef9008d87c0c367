#include "cli/since.hpp"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace agentlens::cli::since {
namespace fs = std::filesystem;

bool ChangedLines::touches(const std::string& absPath, std::uint32_t first, std::uint32_t last) const {
  if (wholeFiles.count(absPath)) return true;
  auto it = ranges.find(absPath);
  if (it == ranges.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const auto& r) { return r.first <= last && first <= r.second; });
}

std::size_t ChangedLines::fileCountUnder(const std::string& dir) const {
  std::string prefix = dir.ends_with('/') ? dir : dir + "/";
  auto under = [&](const std::string& p) { return p == dir || p.starts_with(prefix); };
  return std::count_if(ranges.begin(), ranges.end(), [&](const auto& r) { return under(r.first); }) +
         std::count_if(wholeFiles.begin(), wholeFiles.end(), under);
}

namespace {

std::uint32_t number(std::string_view s, std::size_t& i) {
  std::uint32_t n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') n = n * 10 + static_cast<std::uint32_t>(s[i++] - '0');
  return n;
}

/// git quotes paths with unusual bytes ("a\tb"); those files are matched by nothing (rare).
std::string diffPath(std::string_view line) {
  std::string_view p = line.substr(4);
  if (p.starts_with("b/")) p.remove_prefix(2);
  return std::string(p);
}

}  // namespace

ChangedLines parseUnifiedDiff(std::string_view diff, const std::string& top) {
  ChangedLines out;
  std::string current;  // absolute path of the file the hunks belong to; "" = deleted file
  std::size_t pos = 0;
  while (pos < diff.size()) {
    std::size_t eol = diff.find('\n', pos);
    if (eol == std::string_view::npos) eol = diff.size();
    std::string_view line = diff.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.starts_with("+++ ")) {
      current = line == "+++ /dev/null" ? std::string() : (fs::path(top) / diffPath(line)).lexically_normal().string();
    } else if (line.starts_with("@@ ") && !current.empty()) {
      // @@ -a[,b] +c[,d] @@: d lines from line c are new (d = 1 when omitted, 0 = deletion only).
      std::size_t i = line.find(" +");
      if (i == std::string_view::npos) continue;
      i += 2;
      std::uint32_t start = number(line, i), count = 1;
      if (i < line.size() && line[i] == ',') {
        ++i;
        count = number(line, i);
      }
      if (count > 0) out.ranges[current].emplace_back(start, start + count - 1);
    }
  }
  return out;
}

ProcessResult run(const std::vector<std::string>& argv, const std::string& dir) {
  ProcessResult r;
  int outPipe[2], errPipe[2];
  if (pipe(outPipe) != 0) return r;
  if (pipe(errPipe) != 0) {
    close(outPipe[0]);
    close(outPipe[1]);
    return r;
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(outPipe[1], 1);
    dup2(errPipe[1], 2);
    close(outPipe[0]);
    close(errPipe[0]);
    close(outPipe[1]);
    close(errPipe[1]);
    if (!dir.empty() && chdir(dir.c_str()) != 0) _exit(127);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(outPipe[1]);
  close(errPipe[1]);
  if (pid < 0) {
    close(outPipe[0]);
    close(errPipe[0]);
    return r;
  }
  pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open = 2;
  char buf[65536];
  while (open > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[k].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[k]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[k].fd);
        fds[k].fd = -1;
        --open;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (r.status == 127 && r.out.empty() && r.err.empty()) r.err = argv[0] + ": cannot run (not installed?)";
  return r;
}

namespace {
std::string firstLine(const std::string& s) {
  std::string l = s.substr(0, s.find('\n'));
  return l.empty() ? "failed" : l;
}
}  // namespace

std::optional<std::string> gitTopLevel(const std::string& dir, std::string& error) {
  auto r = run({"git", "rev-parse", "--show-toplevel"}, dir);
  if (r.status != 0) {
    error = dir + " is not in a git work tree (" + firstLine(r.err) + ")";
    return std::nullopt;
  }
  while (!r.out.empty() && (r.out.back() == '\n' || r.out.back() == '\r')) r.out.pop_back();
  return fs::path(r.out).lexically_normal().string();
}

std::optional<ChangedLines> changedSince(const std::string& top, const std::string& ref, std::string& error) {
  // "REF^{commit}" rejects anything that is not a commit, including option-looking refs.
  auto v = run({"git", "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"}, top);
  if (v.status != 0) {
    error = "--since " + ref + ": not a git commit in " + top;
    return std::nullopt;
  }
  std::string commit = firstLine(v.out);
  auto d = run({"git", "-c", "core.quotePath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff",
                "--no-renames", commit, "--"},
               top);
  if (d.status != 0) {
    error = "git diff " + ref + ": " + firstLine(d.err);
    return std::nullopt;
  }
  ChangedLines out = parseUnifiedDiff(d.out, top);
  auto u = run({"git", "-c", "core.quotePath=false", "ls-files", "-z", "--others", "--exclude-standard"}, top);
  if (u.status != 0) {
    error = "git ls-files: " + firstLine(u.err);
    return std::nullopt;
  }
  std::size_t pos = 0;
  while (pos < u.out.size()) {
    std::size_t end = u.out.find('\0', pos);
    if (end == std::string::npos) end = u.out.size();
    if (end > pos) out.wholeFiles.insert((fs::path(top) / u.out.substr(pos, end - pos)).lexically_normal().string());
    pos = end + 1;
  }
  return out;
}

bool extractTree(const std::string& top, const std::string& ref, const std::string& sub, const std::string& dest,
                 std::string& error) {
  std::error_code ec;
  fs::create_directories(dest, ec);
  auto v = run({"git", "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"}, top);
  if (v.status != 0) {
    error = "--since " + ref + ": not a git commit";
    return false;
  }
  std::string commit = firstLine(v.out);
  std::string tarFile = (fs::path(dest) / ".agentlens-since.tar").string();
  std::vector<std::string> archive = {"git", "archive", "--format=tar", "-o", tarFile, commit};
  if (!sub.empty() && sub != ".") {
    // Nothing under `sub` at REF (a new directory): an empty tree.
    auto ls = run({"git", "ls-tree", "--name-only", commit, "--", sub}, top);
    if (ls.status != 0 || ls.out.empty()) return true;
    archive.insert(archive.end(), {"--", sub});
  }
  auto a = run(archive, top);
  if (a.status != 0) {
    error = "git archive " + ref + ": " + firstLine(a.err);
    return false;
  }
  auto t = run({"tar", "-xf", tarFile, "-C", dest}, "");
  fs::remove(tarFile, ec);
  if (t.status != 0) {
    error = "tar: " + firstLine(t.err);
    return false;
  }
  return true;
}

}  // namespace agentlens::cli::since
