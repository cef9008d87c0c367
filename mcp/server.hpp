// `agentlens mcp`: a Model Context Protocol server (revision 2025-06-18) over stdio for coding
// agents. Newline-delimited JSON-RPC 2.0: initialize, ping, tools/list, tools/call,
// notifications/initialized and notifications/cancelled. Tools take paths inside the workspace
// root and run the same project scan as `agentlens check` (mcp/tools.hpp).
// Threading: run() reads on its own thread, where it answers ping and notes cancellations at once
// (both touch only the cancellation set, under its mutex), and runs every other message in order
// on the caller's thread. Outside run(), call handle() from one thread at a time.
#pragma once
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace agentlens::mcp {

struct ServerOptions {
  std::string root;      ///< workspace root ("" = the current directory); paths outside it are refused
  unsigned threads = 0;  ///< scan threads (0 = one per core)
  bool noCache = false;  ///< do not read or write the result cache
};

/// Protocol revisions this server speaks, newest first.
inline constexpr std::string_view kProtocolVersion = "2025-06-18";

class Server {
 public:
  explicit Server(ServerOptions opts);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Handles one message (one line, without its newline): returns the reply line, or nullopt
  /// for notifications, responses and cancelled requests.
  std::optional<std::string> handle(std::string_view line);
  /// Serves until end of input: each reply is passed to `send` as one line without newline.
  /// Lines longer than `maxLineBytes` are discarded with a parse error.
  void run(std::istream& in, const std::function<void(const std::string&)>& send,
           std::size_t maxLineBytes = 16u << 20);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agentlens::mcp
