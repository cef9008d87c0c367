#include "lsp/wire.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace agentlens::testing::wire {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kSleep = "\x01sleep:";
}  // namespace

std::string contentLengthFrame(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string sleepDirective(int ms) { return std::string(kSleep) + std::to_string(ms); }

bool isSleep(const std::string& write, int& ms) {
  if (write.rfind(kSleep, 0) != 0) return false;
  ms = std::stoi(write.substr(kSleep.size()));
  return true;
}

bool contains(const json& actual, const json& expected) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& [k, v] : expected.items())
      if (!actual.contains(k) || !contains(actual[k], v)) return false;
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i)
      if (!contains(actual[i], expected[i])) return false;
    return true;
  }
  return actual == expected;
}

Result run(const Transcript& t) {
  static int runs = 0;
  std::string errPath =
      (fs::temp_directory_path() / ("agentlens-transcript-" + std::to_string(getpid()) + "-" + std::to_string(runs++) + ".err"))
          .string();
  int in[2], out[2];
  REQUIRE(pipe(in) == 0);
  REQUIRE(pipe(out) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    int errFd = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(errFd, 2);
    close(in[1]);
    close(out[0]);
    std::string cmd = std::string(AGENTLENS_BINARY) + " " + t.globalArgs + " lsp " + t.args;
    execl("/bin/sh", "sh", "-c", cmd.c_str(), nullptr);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  signal(SIGPIPE, SIG_IGN);
  Result r;
  std::thread reader([&] {
    char buf[4096];
    ssize_t n;
    while ((n = read(out[0], buf, sizeof buf)) > 0) r.out.append(buf, static_cast<std::size_t>(n));
  });
  for (const auto& w : t.writes) {
    if (int ms = 0; isSleep(w, ms)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      continue;
    }
    (void)!write(in[1], w.data(), w.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(30));  // separate reads for separate writes
  }
  close(in[1]);
  // Bounded wait: a hung server fails the test instead of hanging ctest.
  int st = 0;
  const int polls = t.waitMs / 50;
  for (int i = 0; i < polls; ++i) {
    if (waitpid(pid, &st, WNOHANG) == pid) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (i == polls - 1) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
    }
  }
  reader.join();
  close(out[0]);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream errIn(errPath, std::ios::binary);
  std::ostringstream errText;
  errText << errIn.rdbuf();
  r.err = errText.str();
  fs::remove(errPath);
  return r;
}

std::vector<json> parseFrames(const std::string& s) {
  std::vector<json> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    auto hdr = s.find("\r\n\r\n", pos);
    REQUIRE(hdr != std::string::npos);
    auto cl = s.find("Content-Length: ", pos);
    REQUIRE(cl == pos);
    std::size_t len = std::stoul(s.substr(cl + 16, hdr - cl - 16));
    out.push_back(json::parse(s.substr(hdr + 4, len)));
    pos = hdr + 4 + len;
  }
  return out;
}

/// Checks a run against its transcript: exit status, stdout holding only frames (parseFrames
/// fails on anything else), expected messages in order, forbidden ones, stderr lines.
void verify(const Transcript& t, const Result& r, const std::string& name) {
  CHECK_MESSAGE(r.status == t.exitCode, name << "\nstderr:\n" << r.err.substr(0, 4000));
  auto msgs = parseFrames(r.out);
  // On failure: one line per received message (id or method, uri, error), not megabytes of JSON.
  std::string summary;
  for (const auto& m : msgs) {
    std::string line = m.contains("id") ? "id " + m["id"].dump() : "";
    if (m.contains("method")) line += " " + m["method"].get<std::string>();
    if (m.contains("params") && m["params"].is_object() && m["params"].contains("uri")) line += " " + m["params"]["uri"].dump();
    if (m.contains("error")) line += " error " + m["error"].dump();
    summary += line.substr(0, 300) + "\n";
  }
  std::size_t at = 0;
  for (const auto& e : t.expect) {
    bool found = false;
    for (; at < msgs.size() && !found; ++at) found = contains(msgs[at], e);
    CHECK_MESSAGE(found, name << ": expected " << e.dump() << "\nreceived:\n" << summary);
  }
  for (const auto& e : t.forbid)
    for (const auto& m : msgs) CHECK_MESSAGE(!contains(m, e), name << ": unexpected " << m.dump().substr(0, 2000));
  for (const auto& text : t.stderrHas)
    CHECK_MESSAGE(r.err.find(text) != std::string::npos,
                  name << ": stderr lacks \"" << text << "\"\nstderr:\n" << r.err.substr(0, 4000));
}

}  // namespace agentlens::testing::wire
