// Byte transport for the server: a blocking reader over a file descriptor (stdin or an accepted
// TCP socket) and a thread-safe writer. Asio cannot poll a redirected regular file, so reading is
// a plain blocking loop on its own thread.
#pragma once
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/framing.hpp"

namespace agentlens::lsp {

/// Where the server's outgoing messages go. Implementations are thread-safe.
class MessageSink {
 public:
  virtual ~MessageSink() = default;
  virtual void send(std::string json) = 0;
};

/// Reads frames from `inFd` and writes Content-Length framed messages to `outFd`.
class FdTransport final : public MessageSink {
 public:
  FdTransport(int inFd, int outFd, InputStyle style, std::size_t maxMessageBytes);

  /// Blocks reading until end of input or a read error. Each read's complete frames are
  /// handed over as one batch (so a request and its $/cancelRequest written together are seen
  /// together). Runs on the reader thread.
  void readLoop(const std::function<void(std::vector<Frame>)>& onBatch);
  /// Thread-safe; a failed write (client gone) is logged and dropped.
  void send(std::string json) override;

 private:
  int inFd_;
  int outFd_;
  FrameDecoder decoder_;
  std::mutex writeMu_;
};

/// Accepts one TCP connection on 127.0.0.1:`port` (blocking) and returns its descriptor, or -1
/// with `error` set. Used for `agentlens lsp --listen`.
int acceptTcpClient(const std::string& host, unsigned short port, std::string& error);

}  // namespace agentlens::lsp
