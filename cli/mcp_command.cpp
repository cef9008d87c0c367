// `agentlens mcp`: the MCP server over stdio (mcp/server.hpp). stdout carries only protocol
// messages: the process's fd 1 is kept for them and every other write to stdout (a stray print,
// a library) is sent to stderr instead.
#include <unistd.h>

#include <csignal>
#include <cerrno>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "mcp/server.hpp"

namespace agentlens::cli {

int runMcp(const McpOptions& opts) {
  std::error_code ec;
  std::string root = opts.root.empty() ? std::filesystem::current_path(ec).string() : opts.root;
  if (!std::filesystem::is_directory(root, ec)) {
    std::cerr << "agentlens: mcp: --root " << root << " is not a directory\n";
    return 2;
  }
  std::cout.flush();
  int protocolFd = ::dup(STDOUT_FILENO);
  if (protocolFd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    std::cerr << "agentlens: mcp: cannot set up stdout\n";
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a client that went away ends the loop, not the process
  bool broken = false;
  auto send = [&](const std::string& line) {
    if (broken) return;
    std::string out = line + "\n";
    std::size_t off = 0;
    while (off < out.size()) {
      ssize_t n = ::write(protocolFd, out.data() + off, out.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        broken = true;
        return;
      }
      off += static_cast<std::size_t>(n);
    }
  };
  mcp::ServerOptions so;
  so.root = root;
  so.threads = opts.threads;
  so.noCache = opts.noCache;
  mcp::Server server(so);
  server.run(std::cin, send);
  ::close(protocolFd);
  return 0;
}

}  // namespace agentlens::cli
