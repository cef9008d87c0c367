// `agentlens lsp`: wires the rules and projects into the server (cli/builtin_env.cpp) and sets up
// logging (stderr or --log-file; stdout belongs to the protocol).
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.hpp"

#ifdef AGENTLENS_HAVE_LSP
#include "cli/builtin_env.hpp"
#include "lsp/run.hpp"
#endif

namespace agentlens::cli {

int runLsp(const LspOptions& opts) {
#ifdef AGENTLENS_HAVE_LSP
  if (!opts.logFile.empty()) {
    try {
      auto level = spdlog::default_logger()->level();
      auto logger = spdlog::basic_logger_mt("agentlens-file", opts.logFile);
      logger->set_level(level);
      logger->flush_on(spdlog::level::info);
      spdlog::set_default_logger(logger);
    } catch (const spdlog::spdlog_ex& e) {
      std::cerr << "agentlens: cannot open log file " << opts.logFile << ": " << e.what() << "\n";
      return 2;
    }
  }
  lsp::RunOptions ro;
  ro.delimitedInput = opts.inputStyle == "delimited";
  ro.maxMessageBytes = opts.maxMessageBytes;
  ro.listen = opts.listen;
  ro.threads = opts.threads;
  return lsp::runServer(ro, builtinServerEnvironment());
#else
  (void)opts;
  std::cerr << "agentlens: built without the language server\n";
  return 2;
#endif
}

}  // namespace agentlens::cli
