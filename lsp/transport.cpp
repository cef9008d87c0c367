#include "lsp/transport.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <cerrno>
#include <cstring>

namespace agentlens::lsp {

FdTransport::FdTransport(int inFd, int outFd, InputStyle style, std::size_t maxMessageBytes)
    : inFd_(inFd), outFd_(outFd), decoder_(style, maxMessageBytes) {}

void FdTransport::readLoop(const std::function<void(std::vector<Frame>)>& onBatch) {
  std::vector<char> buf(64 * 1024);
  while (true) {
    ssize_t n = ::read(inFd_, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0) spdlog::warn("lsp: read error: {}", std::strerror(errno));
      if (decoder_.hasPartial()) spdlog::warn("lsp: input ended inside a message");
      return;
    }
    decoder_.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    std::vector<Frame> batch;
    Frame f;
    while (decoder_.next(f)) batch.push_back(std::move(f));
    if (!batch.empty()) onBatch(std::move(batch));
  }
}

void FdTransport::send(std::string json) {
  std::string framed = frameMessage(json);
  std::lock_guard lock(writeMu_);
  std::size_t off = 0;
  while (off < framed.size()) {
    ssize_t n = ::write(outFd_, framed.data() + off, framed.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      spdlog::warn("lsp: write failed ({}); dropping message", std::strerror(errno));
      return;
    }
    off += static_cast<std::size_t>(n);
  }
}

int acceptTcpClient(const std::string& host, unsigned short port, std::string& error) {
  namespace asio = boost::asio;
  try {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, asio::ip::tcp::endpoint(asio::ip::make_address(host), port));
    spdlog::info("lsp: listening on {}:{}", host, acceptor.local_endpoint().port());
    asio::ip::tcp::socket socket(io);
    acceptor.accept(socket);
    return socket.release();
  } catch (const std::exception& e) {
    error = e.what();
    return -1;
  }
}

}  // namespace agentlens::lsp
