#include "lsp/inbox.hpp"

#include "lsp/protocol/basic.hpp"

namespace agentlens::lsp {
namespace {
bool validId(const json& id) { return id.is_string() || id.is_number_integer(); }
}  // namespace

void CancelRegistry::mark(const json& id) {
  if (!validId(id)) return;  // JSON-RPC ids are integers or strings; nothing else can match
  std::lock_guard lock(mu_);
  ids_.insert(id.dump());
}

bool CancelRegistry::take(const json& id) {
  std::lock_guard lock(mu_);
  return ids_.erase(id.dump()) > 0;
}

void PendingOpens::add(const std::string& path) {
  std::lock_guard lock(mu_);
  ++count_[path];
}

void PendingOpens::remove(const std::string& path) {
  std::lock_guard lock(mu_);
  auto it = count_.find(path);
  if (it != count_.end() && --it->second <= 0) count_.erase(it);
}

bool PendingOpens::contains(const std::string& path) const {
  std::lock_guard lock(mu_);
  return count_.count(path) > 0;
}

std::optional<std::string> didOpenPath(const json& msg) {
  if (!msg.is_object() || msg.contains("id")) return std::nullopt;
  auto m = msg.find("method");
  if (m == msg.end() || *m != "textDocument/didOpen") return std::nullopt;
  auto p = msg.find("params");
  if (p == msg.end() || !p->is_object()) return std::nullopt;
  auto td = p->find("textDocument");
  if (td == p->end() || !td->is_object()) return std::nullopt;
  auto uri = td->find("uri");
  if (uri == td->end() || !uri->is_string()) return std::nullopt;
  return uriToPath(uri->get<std::string>());
}

void noteIncoming(const json& msg, const Inbox& inbox) {
  if (!msg.is_object()) return;
  auto m = msg.find("method");
  if (m == msg.end()) return;
  if (*m == "$/cancelRequest") {
    auto p = msg.find("params");
    // Marked before the message is queued: a request read together with its cancel is
    // answered RequestCancelled deterministically.
    if (p != msg.end() && p->is_object() && p->contains("id")) inbox.cancels->mark((*p)["id"]);
  } else if (auto path = didOpenPath(msg)) {
    // Until the session handles it, results from disk for this file are not published: they
    // would reach a client that already has the document open (Server::handle removes it).
    inbox.opens->add(*path);
  }
}

}  // namespace agentlens::lsp
