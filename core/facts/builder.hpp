// FactsBuilder: extracts a file's Facts inside the rule engine's single traversal.
// The engine calls begin() before the walk, visit() for every node *before* the rules see it
// (so a rule visiting a handler's body already knows the route), and finish() after the walk
// and before the rules' own finish().
#pragma once
#include <span>

#include "core/facts/facts.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::core {

class FactsBuilder {
 public:
  FactsBuilder(const ParsedFile& file, Facts& facts) : file_(file), facts_(facts) {}
  /// Prelude (imports, role, frameworks) and anything read from the root's children.
  void begin();
  /// `ancestors`: root first, parent last.
  void visit(ts::Node node, std::span<const ts::Node> ancestors);
  /// Resolves what needs the whole file (routes registered after their handler, …).
  void finish();

 private:
  const ParsedFile& file_;
  Facts& facts_;
};

}  // namespace agentlens::core
