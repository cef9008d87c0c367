// Runs the agentlens binary under test and captures stdout (stderr discarded): the one helper the
// end-to-end and session tests share.
#pragma once
#include <string>

namespace agentlens::testing {

struct CliRun {
  int status = -1;  ///< exit status, -1 when the process did not exit normally
  std::string out;
};

/// `args` are appended to the binary's path as they are (the caller quotes paths).
CliRun runCli(const std::string& args);

}  // namespace agentlens::testing
