#include "lsp/progress_notifier.hpp"

#include <string>

#include "lsp/server.hpp"

namespace agentlens::lsp {
namespace {
const char* kIndexToken = "agentlens/index";
}  // namespace

void IndexProgress::start() {
  if (active_) return;
  active_ = true;
  lastPercent_ = -1;
  server_.request("window/workDoneProgress/create", {{"token", kIndexToken}});
  server_.notify("$/progress", {{"token", kIndexToken},
                                {"value", {{"kind", "begin"}, {"title", "AgentLens: indexing"}, {"cancellable", false},
                                           {"percentage", 0}}}});
}

void IndexProgress::report(std::size_t done, std::size_t total) {
  if (!active_ || total == 0) return;
  int pct = static_cast<int>(done * 100 / total);
  if (pct == lastPercent_) return;
  lastPercent_ = pct;
  server_.notify("$/progress", {{"token", kIndexToken},
                                {"value", {{"kind", "report"},
                                           {"message", std::to_string(done) + "/" + std::to_string(total) + " files"},
                                           {"percentage", pct}}}});
}

void IndexProgress::end(std::size_t files) {
  if (!active_) return;
  active_ = false;
  server_.notify("$/progress", {{"token", kIndexToken},
                                {"value", {{"kind", "end"}, {"message", std::to_string(files) + " files indexed"}}}});
}

}  // namespace agentlens::lsp
