// Wire-level harness for the real `agentlens lsp` binary over pipes: scripted writes (framed
// messages, raw bytes, pauses), stdout split into frames, stderr captured. Used by the transcript
// files (transcript_test.cpp) and by tests that build their session in code (hostile input,
// secrets in logs).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace agentlens::testing::wire {

using nlohmann::json;

struct Transcript {
  std::string globalArgs;  ///< arguments before `lsp` (--log-level trace)
  std::string args;        ///< arguments after `lsp`
  int exitCode = 0;
  bool delimited = false;
  std::vector<std::string> writes;  ///< raw bytes per write(), or sleepDirective()
  std::vector<json> expect;         ///< subset-matched, in order
  std::vector<json> forbid;         ///< no server message may contain these
  std::vector<std::string> stderrHas;
  int waitMs = 10000;  ///< how long the server may take to exit after its input closes
};

struct Result {
  int status = -1;
  std::string out;
  std::string err;  ///< the server's stderr
};

std::string contentLengthFrame(const std::string& body);
/// A write entry that pauses instead of writing.
std::string sleepDirective(int ms);
[[nodiscard]] bool isSleep(const std::string& write, int& ms);

/// Runs the binary with the transcript's writes on stdin; waits (bounded) for it to exit.
Result run(const Transcript& t);
/// Splits stdout into Content-Length frames; fails the test on anything else.
std::vector<json> parseFrames(const std::string& s);
/// `expected` is a subset of `actual` (objects by key, arrays element-wise).
bool contains(const json& actual, const json& expected);
/// Exit status, frames-only stdout, expected messages in order, forbidden ones, stderr lines.
void verify(const Transcript& t, const Result& r, const std::string& name);

}  // namespace agentlens::testing::wire
