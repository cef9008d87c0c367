#include "lsp/protocol/workspace_edit.hpp"

namespace agentlens::lsp {

void WorkspaceEditBuilder::addEdit(const std::string& uri, std::optional<std::int64_t> version, json textEdit) {
  auto [it, inserted] = files_.try_emplace(uri);
  if (inserted) {
    order_.push_back(uri);
    it->second.version = version;
  }
  it->second.edits.push_back(std::move(textEdit));
}

void WorkspaceEditBuilder::createFile(const std::string& uri) { creates_.push_back(uri); }

json WorkspaceEditBuilder::build() const {
  if (caps_.documentChanges) {
    json changes = json::array();
    for (const auto& uri : creates_)
      changes.push_back({{"kind", "create"}, {"uri", uri}, {"options", {{"ignoreIfExists", true}}}});
    for (const auto& uri : order_) {
      const auto& f = files_.at(uri);
      json id = {{"uri", uri}, {"version", f.version ? json(*f.version) : json(nullptr)}};
      changes.push_back({{"textDocument", id}, {"edits", f.edits}});
    }
    return json{{"documentChanges", changes}};
  }
  json changes = json::object();
  for (const auto& uri : order_) changes[uri] = files_.at(uri).edits;
  return json{{"changes", changes}};
}

}  // namespace agentlens::lsp
