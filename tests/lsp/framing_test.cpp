// FrameDecoder on hostile byte streams, fed whole and in every chunking that matters (1 byte, 7
// bytes, one read): resynchronisation after a Content-Length that lies, stray bytes, honest
// oversized messages skipped byte-exactly; and the JSON depth check.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lsp/framing.hpp"
#include "lsp/protocol/json_rpc.hpp"

using agentlens::lsp::Frame;
using agentlens::lsp::FrameDecoder;
using agentlens::lsp::frameMessage;
using agentlens::lsp::InputStyle;

namespace {

/// Decodes `bytes` fed in chunks of `chunk` bytes (0 = all at once).
std::vector<Frame> decode(const std::string& bytes, std::size_t chunk, std::size_t maxBytes = 64u << 20) {
  FrameDecoder d(InputStyle::ContentLength, maxBytes);
  std::vector<Frame> out;
  std::size_t step = chunk ? chunk : bytes.size();
  for (std::size_t i = 0; i < bytes.size(); i += step) {
    d.feed(std::string_view(bytes).substr(i, step));
    Frame f;
    while (d.next(f)) out.push_back(f);
  }
  return out;
}

std::string kinds(const std::vector<Frame>& frames) {
  std::string s;
  for (const auto& f : frames)
    s += f.kind == Frame::Kind::Message ? "M" : f.kind == Frame::Kind::TooLarge ? "L" : f.kind == Frame::Kind::TooDeep ? "D" : "B";
  return s;
}

const std::string kNext = R"({"jsonrpc":"2.0","id":9,"method":"agentlens/readiness"})";

}  // namespace

TEST_SUITE("lsp") {
  TEST_CASE("framing: a Content-Length of 2^63-1 is refused and the next header resynchronises") {
    std::string bytes = "Content-Length: 9223372036854775807\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2}" + frameMessage(kNext);
    for (std::size_t chunk : {0, 1, 7}) {
      INFO("chunk ", chunk);
      auto frames = decode(bytes, chunk);
      REQUIRE(kinds(frames) == "LM");
      CHECK(frames[1].body == kNext);
    }
  }

  TEST_CASE("framing: a truncated message is reported when the next header arrives") {
    std::string bytes = "Content-Length: 300\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2," + frameMessage(kNext) + frameMessage(kNext);
    for (std::size_t chunk : {0, 1, 7}) {
      INFO("chunk ", chunk);
      auto frames = decode(bytes, chunk);
      REQUIRE(kinds(frames) == "BMM");
      CHECK(frames[0].reason.find("truncated message") != std::string::npos);
      CHECK(frames[1].body == kNext);
    }
  }

  TEST_CASE("framing: stray bytes before a header, and an invalid length followed by its body") {
    for (std::size_t chunk : {0, 1, 7}) {
      INFO("chunk ", chunk);
      auto stray = decode("garbage{" + frameMessage(kNext), chunk);
      REQUIRE(kinds(stray) == "BM");
      CHECK(stray[1].body == kNext);
      auto overflow = decode("Content-Length: 18446744073709551616\r\n\r\n{\"id\":4}" + frameMessage(kNext), chunk);
      REQUIRE(kinds(overflow) == "BBM");
      CHECK(overflow[2].body == kNext);
    }
  }

  TEST_CASE("framing: a header section broken by a line that is not a header resumes at the next message") {
    // Found by the lsp fuzzer: a lone CR instead of the blank line made the next message's header
    // part of the garbage, so that message was lost too.
    std::string bytes = "Content-Length: 107\r\n\rms\":{\"processId\":null\n{\"id\":1}" + frameMessage(kNext) + frameMessage(kNext);
    for (std::size_t chunk : {0, 1, 7}) {
      INFO("chunk ", chunk);
      auto frames = decode(bytes, chunk);
      REQUIRE(kinds(frames) == "BMM");
      CHECK(frames[0].reason.find("malformed header line") != std::string::npos);
      CHECK(frames[1].body == kNext);
      CHECK(frames[2].body == kNext);
    }
  }

  TEST_CASE("framing: an honest oversized message is skipped byte-exactly, even if it quotes a header") {
    // JSON cannot hold a raw CR/LF in a string: a quoted header is escaped and never resynchronises.
    std::string body = R"({"jsonrpc":"2.0","method":"x","params":{"text":"Content-Length: 12\r\n\r\nabc","pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxx"}})";
    std::string bytes = frameMessage(body) + frameMessage(kNext);
    for (std::size_t chunk : {0, 1, 7}) {
      INFO("chunk ", chunk);
      auto frames = decode(bytes, chunk, 64);
      REQUIRE(kinds(frames) == "LM");
      CHECK(frames[1].body == kNext);
      auto whole = decode(bytes, chunk);  // under the limit: delivered intact
      REQUIRE(kinds(whole) == "MM");
      CHECK(whole[0].body == body);
    }
  }

  TEST_CASE("JSON depth check: limit, strings and escapes") {
    using agentlens::lsp::nestingError;
    CHECK(!nestingError(std::string(256, '[') + std::string(256, ']')));
    CHECK(nestingError(std::string(257, '[')));
    CHECK(nestingError(std::string(100000, '[')));
    CHECK(!nestingError("{\"a\":\"" + std::string(1000, '[') + "\"}"));      // inside a string
    CHECK(!nestingError("{\"a\":\"\\\"" + std::string(1000, '{') + "\"}"));  // after an escaped quote
    CHECK(nestingError("{\"a\":\"\\\\\"," + std::string(300, '[') + "}"));    // an escaped backslash ends nothing
  }
}
