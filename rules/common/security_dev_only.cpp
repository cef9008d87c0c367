// Helpers shared by the security rules: is the visited node in code that only runs in development
// or tests (a branch on DEBUG / NODE_ENV, a settings class named for development or testing).
#include <cctype>
#include <string>

#include "rules/common/security.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::sec {

namespace {
// True when ancestor `a` marks what is inside it as development-only: an `if` on a debug /
// development / testing condition (not negated), or a class named like DevelopmentConfig.
bool isDevelopmentGuard(ts::Node a, std::string_view src) {
  auto t = a.type();
  if (t == "if_statement") {
    ts::Node c = a.field("condition");
    std::string l = lowerCopy(c ? c.text(src) : "");
    // `if not DEBUG` / `!== "development"` guard the production path: not development-only.
    bool negated = l.starts_with("not ") || l.find("!=") != std::string::npos || l.starts_with("!");
    if (negated) return false;
    for (std::string_view w : {"debug", "development", "\"dev\"", "'dev'", "\"local\"", "'local'", "testing"})
      if (l.find(w) != std::string::npos) return true;
  } else if (t == "class_definition" || t == "class_declaration") {
    ts::Node n = a.field("name");
    std::string_view name = n ? n.text(src) : "";
    // Whole words only: DevelopmentConfig, TestSettings, local_settings — not DeviceController.
    std::string word;
    auto isDevWord = [](const std::string& w) {
      return w == "dev" || w == "development" || w == "test" || w == "testing" || w == "tests" || w == "local";
    };
    for (std::size_t i = 0; i <= name.size(); ++i) {
      char c = i < name.size() ? name[i] : '_';
      bool boundary = c == '_' || (std::isupper(static_cast<unsigned char>(c)) && !word.empty());
      if (boundary) {
        if (isDevWord(word)) return true;
        word.clear();
      }
      if (c != '_') word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return false;
}
}  // namespace

bool inDevelopmentOnlyCode(const RuleContext& ctx) {
  auto src = ctx.source();
  auto anc = ctx.ancestors();
  const std::uint64_t gen = NodeMemoScope::generation();
  if (gen == 0) {
    for (ts::Node a : anc)
      if (isDevelopmentGuard(a, src)) return true;
    return false;
  }
  // The answer is an OR over the ancestor chain. The traversal is pre-order, so consecutive calls
  // share a prefix of it: keep, per depth, the ancestor's id and the OR up to it, and evaluate
  // only the ancestors below the shared prefix.
  struct Level {
    const void* id;
    bool any;
  };
  thread_local std::vector<Level> memo;
  thread_local std::uint64_t memoGen = 0;
  if (memoGen != gen) {
    memo.clear();
    memoGen = gen;
  }
  std::size_t i = 0;
  while (i < memo.size() && i < anc.size() && memo[i].id == anc[i].raw().id) ++i;
  memo.resize(i);
  bool any = i ? memo[i - 1].any : false;
  for (; i < anc.size(); ++i) {
    any = any || isDevelopmentGuard(anc[i], src);
    memo.push_back({anc[i].raw().id, any});
  }
  return any;
}

}  // namespace agentlens::rules::sec
