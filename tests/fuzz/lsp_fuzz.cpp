// Fuzz target: the JSON-RPC byte stream into the language server. The bytes go through the
// server's frame decoder (lsp/framing: Content-Length or "---"-delimited, fed in chunks the input
// chooses, with a small message limit so oversized frames are exercised) and every frame is
// handed to an in-process lsp::Server with the real built-in environment, the way the stdio
// reader (lsp/run.cpp) does: nesting check, JSON parse, handle() or handleBadFrame().
//
// Oracles: nothing crashes; every message the server writes is a JSON-RPC 2.0 object; and after
// the garbage, unless the input sent `exit`, a well-formed request framed onto the same stream
// (at most twice: the first may be swallowed by a partial header the garbage left) is answered.
#include <spdlog/spdlog.h>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cli/builtin_env.hpp"
#include "fuzz/fuzz_input.hpp"
#include "lsp/framing.hpp"
#include "lsp/protocol/json_rpc.hpp"
#include "lsp/server.hpp"

using namespace agentlens;
using lsp::json;

namespace {

class Sink final : public lsp::MessageSink {
 public:
  void send(std::string text) override {
    json msg = json::parse(text, nullptr, /*allow_exceptions=*/false);
    FUZZ_CHECK(!msg.is_discarded() && msg.is_object(), "server wrote a message that is not a JSON object: " + text);
    FUZZ_CHECK(msg.value("jsonrpc", "") == "2.0", "server wrote a message without jsonrpc 2.0: " + text);
    auto id = msg.find("id");
    if (id != msg.end() && !msg.contains("method") && *id == kProbeId) ++probeAnswers;
  }
  static inline const json kProbeId = "agentlens-fuzz-probe";
  int probeAnswers = 0;
};

/// The built-in environment, built once; analyzers are cached per rule selection (they are
/// immutable and shared, as in the server) so a fuzz iteration does not rebuild the engine.
lsp::ServerEnvironment environment() {
  static const lsp::ServerEnvironment base = [] {
    lsp::ServerEnvironment env = cli::builtinServerEnvironment();
    auto make = env.makeAnalyzer;
    auto cache = std::make_shared<std::map<std::vector<std::string>, std::shared_ptr<const core::Analyzer>>>();
    auto mu = std::make_shared<std::mutex>();
    env.makeAnalyzer = [make, cache, mu](const std::vector<std::string>& ids) {
      std::lock_guard lock(*mu);
      auto& a = (*cache)[ids];
      if (!a) a = make(ids);
      return a;
    };
    return env;
  }();
  return base;
}

struct Session {
  Sink sink;
  std::deque<std::function<void()>> queue;
  std::unique_ptr<lsp::Server> server;

  Session() {
    lsp::ServerOptions so;
    so.workspace.synchronous = true;
    so.workspace.indexWorkspace = false;
    so.workspace.threads = 1;
    server = std::make_unique<lsp::Server>(
        sink, environment(), [this](std::function<void()> fn) { queue.push_back(std::move(fn)); }, so);
  }
  ~Session() { server.reset(); }

  void pump() {
    for (int i = 0; i < 10000 && !queue.empty(); ++i) {
      auto fn = std::move(queue.front());
      queue.pop_front();
      fn();
    }
  }

  /// What lsp/run.cpp's reader does with one frame.
  void deliver(lsp::Frame& f) {
    if (server->state() == lsp::Server::State::Exited) return;
    if (f.kind == lsp::Frame::Kind::Message) {
      auto tooDeep = lsp::nestingError(f.body);
      json msg = tooDeep ? json() : json::parse(f.body, nullptr, /*allow_exceptions=*/false);
      if (tooDeep || msg.is_discarded()) {
        f.kind = tooDeep ? lsp::Frame::Kind::TooDeep : lsp::Frame::Kind::BadHeader;
        f.reason = tooDeep ? *tooDeep : "invalid JSON in message body";
        server->handleBadFrame(f);
      } else {
        if (msg.is_object() && msg.contains("method") && msg["method"] == "$/cancelRequest" && msg.contains("params") &&
            msg["params"].is_object() && msg["params"].contains("id"))
          server->cancels().mark(msg["params"]["id"]);
        server->handle(msg);
      }
    } else {
      server->handleBadFrame(f);
    }
    pump();
  }

  void feed(lsp::FrameDecoder& dec, std::string_view bytes) {
    dec.feed(bytes);
    lsp::Frame f;
    while (dec.next(f)) deliver(f);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::silenceLogs();
  fuzz::Input in(data, size);
  std::uint8_t head = in.byte();
  const auto style = (head & 1) ? lsp::InputStyle::Delimited : lsp::InputStyle::ContentLength;
  // Small limits on some inputs, so oversized messages and the skip/resync path are reached.
  const std::size_t maxBytes = (head & 2) ? 512 : (64u << 20);
  const std::size_t chunk = (head >> 2) == 0 ? SIZE_MAX : (head >> 2);  // read sizes of the "pipe"

  Session s;
  lsp::FrameDecoder dec(style, maxBytes);
  std::string_view bytes = in.rest();
  for (std::size_t at = 0; at < bytes.size(); at += chunk) s.feed(dec, bytes.substr(at, std::min(chunk, bytes.size() - at)));

  if (s.server->state() != lsp::Server::State::Exited) {
    json probe = {{"jsonrpc", "2.0"}, {"id", Sink::kProbeId}, {"method", "shutdown"}};
    std::string body = probe.dump();
    std::string framed = style == lsp::InputStyle::ContentLength ? lsp::frameMessage(body) : "\n---\n" + body + "\n---\n";
    s.sink.probeAnswers = 0;  // the input itself may have used the probe's id
    // The probe's delimiter can complete a message the input left open; when that was `exit`
    // the server has rightly stopped, and nothing is left to answer.
    bool exited = false;
    for (int attempt = 0; attempt < 2 && s.sink.probeAnswers == 0 && !exited; ++attempt) {
      s.feed(dec, framed);
      exited = s.server->state() == lsp::Server::State::Exited;
    }
    FUZZ_CHECK(s.sink.probeAnswers >= 1 || exited, "the server did not answer a well-formed request after the input (" +
                                                       std::to_string(s.sink.probeAnswers) + " answers)");
  }
  return 0;
}
