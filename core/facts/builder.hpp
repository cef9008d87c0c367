// FactsBuilder: extracts a file's Facts inside the rule engine's single traversal.
// The engine calls begin() before the walk, visit() for every node *before* the rules see it
// (so a rule visiting a handler's body already knows the route), and finish() after the walk
// and before the rules' own finish().
//
// Timing contract for rules: a route registered by a decorator (Python) or with an inline
// handler (Express, gin, chi, Next.js exports) is in Facts::routes, with its handler byte range,
// before any node of the handler is visited. A route whose handler is a named function defined
// elsewhere in the file gets its range in finish(); functions recognised by their signature
// (Go `(w http.ResponseWriter, r *http.Request)`, `(c *gin.Context)`, JS `(req, res)`) are in
// Facts::handlerSpans as soon as their declaration is visited. Auth status, status codes and
// body facts (readsInput, callsDb, …) are final only after finish().
// Files without a grammar (Dockerfile, .env, YAML, manifests) are read in begin() by the infra
// readers (core/facts/infra.hpp).
#pragma once
#include <memory>
#include <span>

#include "core/facts/facts.hpp"
#include "core/parsed_file.hpp"

namespace agentlens::core {

namespace facts_detail {
struct State;
}

class FactsBuilder {
 public:
  FactsBuilder(const ParsedFile& file, Facts& facts);
  ~FactsBuilder();
  FactsBuilder(const FactsBuilder&) = delete;
  FactsBuilder& operator=(const FactsBuilder&) = delete;

  /// Prelude (imports, role, frameworks), file-system routes, and infra files.
  void begin();
  /// `ancestors`: root first, parent last.
  void visit(ts::Node node, std::span<const ts::Node> ancestors);
  /// Resolves what needs the whole file (routes registered before their handler, prefixes,
  /// inherited auth, handler body facts) and refines the file role.
  void finish();

 private:
  const ParsedFile& file_;
  Facts& facts_;
  std::unique_ptr<facts_detail::State> st_;
  bool active_ = false;  ///< false for files whose routes are not extracted (tests, generated)
};

/// Runs begin/visit(all nodes)/finish over a parsed file: the Facts alone, without rules
/// (`agentlens facts`, tests).
Facts extractFacts(const ParsedFile& file);

}  // namespace agentlens::core
