// WorkspaceEdit construction: `documentChanges` (versioned edits, CreateFile) when the client
// supports them, plain `changes` otherwise.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lsp/protocol/capabilities.hpp"
#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {

class WorkspaceEditBuilder {
 public:
  explicit WorkspaceEditBuilder(const ClientCapabilities& caps) : caps_(caps) {}

  /// Whether a missing file can be created (documentChanges + resourceOperations "create").
  [[nodiscard]] bool canCreateFiles() const { return caps_.documentChanges && caps_.createFiles; }
  /// An LSP TextEdit for `uri` at `version` (nullopt: the file is not open).
  void addEdit(const std::string& uri, std::optional<std::int64_t> version, json textEdit);
  void createFile(const std::string& uri);
  [[nodiscard]] bool empty() const { return order_.empty() && creates_.empty(); }
  [[nodiscard]] json build() const;

 private:
  struct FileEdits {
    std::optional<std::int64_t> version;
    json edits = json::array();
  };
  const ClientCapabilities& caps_;
  std::vector<std::string> creates_;
  std::vector<std::string> order_;
  std::map<std::string, FileEdits> files_;
};

}  // namespace agentlens::lsp
