// Test helper: runs the real agentlens binary with a timeout, capturing stdout and stderr apart.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/temp_dir.hpp"

namespace agentlens::testing {

struct ProcResult {
  int exitCode = -1;  ///< -1 when killed by a signal
  int signal = 0;     ///< the signal that ended it (0 = exited)
  bool timedOut = false;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs `AGENTLENS_BINARY args` through /bin/sh (args are shell words the caller quotes), with
/// `env` prepended (e.g. "FOO=1 "), killed after `timeoutSeconds`. Never hangs the test run.
inline ProcResult runBinary(const std::string& args, int timeoutSeconds = 60, const std::string& env = "") {
  static int counter = 0;
  auto base = std::filesystem::temp_directory_path() /
              ("agentlens-proc-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::string outPath = base.string() + ".out", errPath = base.string() + ".err";
  // timeout exits 124 when it had to stop the command; a command killed by signal N shows as
  // 128+N (the shell's convention).
  std::string cmd = env + "timeout -k 5 " + std::to_string(timeoutSeconds) + " " + AGENTLENS_BINARY + " " + args +
                    " >" + outPath + " 2>" + errPath;
  int st = std::system(cmd.c_str());
  ProcResult r;
  int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  r.timedOut = code == 124;
  if (code > 128 && code < 160) r.signal = code - 128;
  r.exitCode = r.signal || r.timedOut ? -1 : code;
  r.out = slurp(outPath);
  r.err = slurp(errPath);
  std::filesystem::remove(outPath);
  std::filesystem::remove(errPath);
  return r;
}

inline std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace agentlens::testing
