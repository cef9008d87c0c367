// Wire transcripts: tests/lsp/transcripts/*.txt run through the real `agentlens lsp` binary over
// pipes. Format (one directive per line; '#' lines are comments):
//   args: EXTRA ARGS        extra arguments for `agentlens lsp`
//   exit: N                 expected exit status
//   --> {json}              a client message, Content-Length framed (or "---"-delimited with
//                           --input-style delimited), written in its own write()
//   +-> {json}              like -->, appended to the previous write (coalesced messages)
//   ==> raw                 raw bytes in their own write (\r \n \\ escapes; ${LEN:text} expands to
//                           the byte length of text after escapes)
//   <-- {json}              a server message containing this JSON (subset match), after the
//                           previously matched one
//   !<- {json}              no server message contains this JSON
//   sleep: MS               pause before the next write (let a debounced analysis run)
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/fixture.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char c = s[++i];
      out.push_back(c == 'r' ? '\r' : c == 'n' ? '\n' : c);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

/// Expands ${LEN:text} (byte length of the unescaped text) then unescapes.
std::string expandRaw(std::string s) {
  for (std::size_t p; (p = s.find("${LEN:")) != std::string::npos;) {
    std::size_t e = s.find('}', p);
    // The text may itself contain '}' (JSON): take the matching "}}" style by counting braces.
    int depth = 0;
    for (e = p + 6; e < s.size(); ++e) {
      if (s[e] == '{') ++depth;
      else if (s[e] == '}') {
        if (depth == 0) break;
        --depth;
      }
    }
    std::string inner = s.substr(p + 6, e - p - 6);
    s.replace(p, e - p + 1, std::to_string(unescape(inner).size()));
  }
  return unescape(s);
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

constexpr std::string_view kSleep = "\x01sleep:";

struct Transcript {
  std::string args;
  int exitCode = 0;
  bool delimited = false;
  std::vector<std::string> writes;
  std::vector<json> expect;
  std::vector<json> forbid;
};

Transcript load(const fs::path& p) {
  Transcript t;
  std::ifstream in(p);
  std::string line;
  auto frame = [&](const std::string& body) {
    return t.delimited ? body + "\n---\n" : "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string tag = line.substr(0, 4), rest = line.size() > 4 ? line.substr(4) : "";
    if (line.rfind("args:", 0) == 0) {
      t.args = line.substr(5);
      t.delimited = t.args.find("delimited") != std::string::npos;
    } else if (line.rfind("sleep:", 0) == 0) {
      t.writes.push_back(std::string(kSleep) + line.substr(6));
    } else if (line.rfind("exit:", 0) == 0) {
      t.exitCode = std::stoi(line.substr(5));
    } else if (tag == "--> ") {
      t.writes.push_back(frame(json::parse(rest).dump()));
    } else if (tag == "+-> ") {
      REQUIRE(!t.writes.empty());
      t.writes.back() += frame(json::parse(rest).dump());
    } else if (tag == "==> ") {
      t.writes.push_back(expandRaw(rest));
    } else if (tag == "<-- ") {
      t.expect.push_back(json::parse(rest));
    } else if (tag == "!<- ") {
      t.forbid.push_back(json::parse(rest));
    } else {
      FAIL("bad transcript line: " << line);
    }
  }
  return t;
}

struct Result {
  int status = -1;
  std::string out;
};

Result run(const Transcript& t) {
  int in[2], out[2];
  REQUIRE(pipe(in) == 0);
  REQUIRE(pipe(out) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    close(in[1]);
    close(out[0]);
    std::string cmd = std::string(AGENTLENS_BINARY) + " lsp " + t.args;
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
    if (w.rfind(kSleep, 0) == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(w.substr(kSleep.size()))));
      continue;
    }
    (void)!write(in[1], w.data(), w.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(30));  // separate reads for separate writes
  }
  close(in[1]);
  // Bounded wait: a hung server fails the test instead of hanging ctest.
  int st = 0;
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid, &st, WNOHANG) == pid) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (i == 199) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
    }
  }
  reader.join();
  close(out[0]);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
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

}  // namespace

TEST_SUITE("lsp") {
  TEST_CASE("wire transcripts through the real binary") {
    fs::path dir = agentlens::testing::sourceDir() / "tests/lsp/transcripts";
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    CHECK(files.size() >= 10);
    for (const auto& f : files) {
      SUBCASE(f.filename().string().c_str()) {
        Transcript t = load(f);
        Result r = run(t);
        CHECK_MESSAGE(r.status == t.exitCode, f.filename().string());
        auto msgs = parseFrames(r.out);
        std::size_t at = 0;
        for (const auto& e : t.expect) {
          bool found = false;
          for (; at < msgs.size() && !found; ++at) found = contains(msgs[at], e);
          CHECK_MESSAGE(found, f.filename().string() << ": expected " << e.dump() << "\nreceived:\n" << r.out);
        }
        for (const auto& e : t.forbid)
          for (const auto& m : msgs) CHECK_MESSAGE(!contains(m, e), f.filename().string() << ": unexpected " << m.dump());
      }
    }
  }
}
