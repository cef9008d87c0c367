// The CLI's commands over the core API. CLI11 stays in main.cpp; these take plain options.
#pragma once
#include <string>
#include <vector>

namespace agentlens::cli {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";  // text | json | sarif
  std::string output;           // "" = stdout
  std::string failOn = "error"; // error | warning | info | hint | none
  bool verbose = false;
  bool quiet = false;
  std::string color = "auto";   // auto | always | never
  unsigned threads = 0;
  bool noCache = false;  // --no-cache: analyse every file, read and write no cache entry
  bool stats = false;    // --stats: print index statistics to stderr
};

/// Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error.
int runCheck(const CheckOptions& opts);
int runRules(const std::string& format);
int runExplain(const std::string& ruleId);
int runDumpTree(const std::string& path);
/// `agentlens facts PATH...`: the Facts of each file as JSON.
int runFacts(const std::vector<std::string>& paths);

}  // namespace agentlens::cli
