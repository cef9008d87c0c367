#include "rules/registry.hpp"

#include <algorithm>
#include <vector>

namespace agentlens::rules {

// Each rule file defines one accessor returning its static instance.
// configuration (AgentLens's own inputs: config files, suppressions)
const Rule& invalidConfig();
const Rule& invalidSuppression();
const Rule& unusedSuppression();
// error-handling
const Rule& swallowedException();
// observability
const Rule& printInsteadOfLogging();
// security
const Rule& hardcodedSecret();

namespace {
std::vector<const Rule*> build() {
  std::vector<const Rule*> all = {
      // configuration (AgentLens's own inputs)
      &invalidConfig(),
      &invalidSuppression(),
      &unusedSuppression(),
      // error-handling
      &swallowedException(),
      // observability
      &printInsteadOfLogging(),
      // security
      &hardcodedSecret(),
  };
  std::sort(all.begin(), all.end(), [](const Rule* a, const Rule* b) {
    if (a->meta().category != b->meta().category) return a->meta().category < b->meta().category;
    return a->meta().id < b->meta().id;
  });
  return all;
}
}  // namespace

std::span<const Rule* const> allRules() {
  static const std::vector<const Rule*> rules = build();
  return rules;
}

const Rule* findRule(std::string_view id) {
  for (const Rule* r : allRules())
    if (r->meta().id == id) return r;
  return nullptr;
}

}  // namespace agentlens::rules
