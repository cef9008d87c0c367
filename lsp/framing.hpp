// Message framing for the JSON-RPC stream: Content-Length headers (LSP base protocol) and the
// "---"-delimited style used by hand-written transcripts. Pure byte-in, message-out: no I/O.
#pragma once
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace agentlens::lsp {

enum class InputStyle { ContentLength, Delimited };

/// One unit the reader hands to the session: a message body, or a framing error that the
/// session answers (ParseError / oversized) before it carries on.
struct Frame {
  enum class Kind { Message, BadHeader, TooLarge } kind = Kind::Message;
  std::string body;    ///< Message: the JSON text
  std::string reason;  ///< errors: what was wrong, for the log and the error reply
};

/// Accumulates bytes and yields complete frames. Not thread-safe (owned by the reader thread).
/// An oversized message is skipped byte-exactly (its body is discarded as it arrives) so the
/// stream stays in sync and the server keeps serving.
class FrameDecoder {
 public:
  explicit FrameDecoder(InputStyle style = InputStyle::ContentLength, std::size_t maxBytes = 64u << 20)
      : style_(style), maxBytes_(maxBytes) {}

  void feed(std::string_view bytes);
  /// Bytes buffered but not yet part of a complete frame (end of input: a truncated message).
  [[nodiscard]] bool hasPartial() const { return !buf_.empty() || skipRemaining_ > 0; }
  [[nodiscard]] bool next(Frame& out);

 private:
  bool nextContentLength(Frame& out);
  bool nextDelimited(Frame& out);

  InputStyle style_;
  std::size_t maxBytes_;
  std::string buf_;
  std::size_t skipRemaining_ = 0;  // body bytes of an oversized message still to discard
  std::deque<Frame> ready_;
};

/// Frames one outgoing message with a Content-Length header.
std::string frameMessage(std::string_view json);

}  // namespace agentlens::lsp
