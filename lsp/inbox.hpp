// What the reader thread learns from a message before the session thread handles it. Messages
// wait in the session's queue behind analysis results; what is noted here is visible at once:
// a cancelled request is answered RequestCancelled when reached, and a document being opened
// gets no result from disk in the meantime (the client already considers it open).
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {

/// Ids of requests the client cancelled. Thread-safe: the reader thread marks, the session reads.
class CancelRegistry {
 public:
  void mark(const json& id);
  /// True (and forgets the id) when `id` was cancelled.
  bool take(const json& id);

 private:
  std::mutex mu_;
  std::set<std::string> ids_;
};

/// Documents whose didOpen was read but not yet handled, by absolute path (counted: a client may
/// send two). Thread-safe.
class PendingOpens {
 public:
  void add(const std::string& path);
  void remove(const std::string& path);
  [[nodiscard]] bool contains(const std::string& path) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, int> count_;
};

/// The server's registries the reader writes to (shared: the reader may outlive the server).
struct Inbox {
  std::shared_ptr<CancelRegistry> cancels;
  std::shared_ptr<PendingOpens> opens;
};

/// The path a didOpen notification opens, if `msg` is one with a file:// URI.
std::optional<std::string> didOpenPath(const json& msg);
/// Called by the reader for each message as soon as it is parsed, before it is queued.
void noteIncoming(const json& msg, const Inbox& inbox);

}  // namespace agentlens::lsp
