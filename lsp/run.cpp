#include "lsp/run.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "lsp/server.hpp"
#include "lsp/transport.hpp"

namespace agentlens::lsp {
namespace {

namespace asio = boost::asio;

/// State shared with the detached reader thread: it may outlive runServer's frame while blocked
/// in read(), so everything it touches is owned jointly.
struct Loop {
  asio::io_context io;
  std::unique_ptr<FdTransport> transport;
  Inbox inbox;  // the server's registries the reader writes to
  // Back-pressure: message bytes read but not yet handled. A client that writes faster than the
  // server handles (a burst of edits, a replayed session) waits in its write() instead of
  // growing the server's queue without bound (the soak test reached 160 MB).
  std::mutex queueMu;
  std::condition_variable queueCv;
  std::size_t queuedBytes = 0;
  bool stopped = false;
};

/// Bytes of unhandled input the reader may hold before it stops reading.
constexpr std::size_t kMaxQueuedBytes = 1u << 20;

}  // namespace

int runServer(const RunOptions& opts, ServerEnvironment env) {
  int inFd = STDIN_FILENO;
  int outFd = STDOUT_FILENO;
  if (!opts.listen.empty()) {
    auto colon = opts.listen.rfind(':');
    if (colon == std::string::npos) {
      spdlog::error("lsp: --listen expects HOST:PORT");
      return 2;
    }
    std::string error;
    int port = std::atoi(opts.listen.c_str() + colon + 1);
    int fd = acceptTcpClient(opts.listen.substr(0, colon), static_cast<unsigned short>(port), error);
    if (fd < 0) {
      spdlog::error("lsp: cannot listen on {}: {}", opts.listen, error);
      return 2;
    }
    inFd = outFd = fd;
  } else {
    // The protocol owns stdout: keep a private descriptor for it and point fd 1 at stderr, so a
    // stray print anywhere can never corrupt the stream.
    outFd = ::dup(STDOUT_FILENO);
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
  }

  auto loop = std::make_shared<Loop>();
  loop->transport = std::make_unique<FdTransport>(
      inFd, outFd, opts.delimitedInput ? InputStyle::Delimited : InputStyle::ContentLength, opts.maxMessageBytes);
  ServerOptions sopts;
  sopts.workspace.threads = opts.threads;
  auto* io = &loop->io;
  auto server = std::make_unique<Server>(
      *loop->transport, std::move(env), [io](std::function<void()> fn) { asio::post(*io, std::move(fn)); }, sopts);
  loop->inbox = server->inbox();
  Server* srv = server.get();

  auto guard = asio::make_work_guard(loop->io);
  std::thread reader([loop, srv] {
    loop->transport->readLoop([&](std::vector<Frame> batch) {
      struct Item {
        Frame frame;
        json msg;
        bool ok;
      };
      auto items = std::make_shared<std::vector<Item>>();
      std::size_t bytes = 0;
      for (auto& f : batch) {
        bytes += f.body.size() + 64;
        Item it{std::move(f), nullptr, false};
        if (it.frame.kind == Frame::Kind::Message) {
          auto tooDeep = nestingError(it.frame.body);
          if (!tooDeep) it.msg = json::parse(it.frame.body, nullptr, /*allow_exceptions=*/false);
          it.ok = !tooDeep && !it.msg.is_discarded();
          if (!it.ok) {
            it.frame.kind = tooDeep ? Frame::Kind::TooDeep : Frame::Kind::BadHeader;
            it.frame.reason = tooDeep ? *tooDeep : "invalid JSON in message body";
          } else {
            noteIncoming(it.msg, loop->inbox);  // before the batch is posted (lsp/inbox.hpp)
          }
        }
        if (it.ok) std::string().swap(it.frame.body);  // parsed: the text is not needed again
        items->push_back(std::move(it));
      }
      {
        std::unique_lock lk(loop->queueMu);
        // One batch is always admitted (a single message may exceed the bound).
        loop->queueCv.wait(lk, [&] { return loop->stopped || loop->queuedBytes == 0 || loop->queuedBytes + bytes <= kMaxQueuedBytes; });
        loop->queuedBytes += bytes;
      }
      // Handlers hold the loop weakly: one still queued when the loop stops would otherwise keep
      // the loop (and its queue, and so itself) alive for ever.
      asio::post(loop->io, [weak = std::weak_ptr<Loop>(loop), srv, items, bytes] {
        auto live = weak.lock();
        if (!live) return;
        for (auto& it : *items) {
          if (srv->state() == Server::State::Exited) break;
          if (it.ok) srv->handle(it.msg);
          else srv->handleBadFrame(it.frame);
        }
        {
          std::lock_guard lk(live->queueMu);
          live->queuedBytes -= bytes;
        }
        live->queueCv.notify_all();
        if (srv->state() == Server::State::Exited) live->io.stop();
      });
    });
    asio::post(loop->io, [weak = std::weak_ptr<Loop>(loop), srv] {
      auto live = weak.lock();
      if (!live) return;
      srv->inputClosed();
      live->io.stop();
    });
  });
  reader.detach();

  loop->io.run();
  {
    std::lock_guard lk(loop->queueMu);
    loop->stopped = true;  // a reader waiting for room would wait for a loop that is gone
  }
  loop->queueCv.notify_all();
  int code = srv->exitCode();
  spdlog::info("lsp: exiting with code {}", code);
  server.reset();  // joins analysis workers
  spdlog::default_logger()->flush();
  return code;
}

}  // namespace agentlens::lsp
