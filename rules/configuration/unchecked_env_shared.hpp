// unchecked-env-config, shared by its language parts: per-file state, the sinks (clients whose
// constructor takes a connection string) and reporting; python(), js() and go() visit one node.
#pragma once
#include <initializer_list>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "rules/rule.hpp"

namespace agentlens::rules::unchecked_env {

bool in(std::string_view s, std::initializer_list<std::string_view> set);
/// Clients whose constructor gets a connection string, address or key.
bool clientCallee(std::string_view last);
bool goSink(std::string_view callee);

struct Binding {
  ts::Node read;     ///< the env read call
  std::string env;   ///< the variable's name
  std::uint32_t scopeStart = 0, scopeEnd = 0;  ///< enclosing function (0,0 = file)
};

struct State final : RuleState {
  bool centralized = false;
  std::vector<std::pair<std::string, Binding>> bindings;         ///< local name → env read, in source order
  std::vector<std::pair<std::string, std::uint32_t>> checks;     ///< names seen in conditions
  std::vector<std::pair<std::string, ts::Node>> sinks;           ///< names used where None/"" breaks
  std::set<std::string> checkedEnv;                              ///< JS: process.env.X tested somewhere
  struct ClientRead {
    std::string env;
    std::string callee;
    ts::Node node;
  };
  std::vector<ClientRead> jsClientReads;  ///< JS: process.env.X passed to a client
  std::vector<std::uint32_t> reported;
};

/// Reports `read` once with the message and the required-lookup fix.
void report(ts::Node read, const std::string& env, RuleContext& ctx, const std::string& message);
/// Byte range of the enclosing function (start in `start`), or 0 at file scope.
std::uint32_t scopeEnd(const RuleContext& ctx, std::uint32_t& start);
/// Names of identifiers inside a (small) condition subtree.
void collectNames(ts::Node cond, RuleContext& ctx);

void python(ts::Node node, RuleContext& ctx);
void js(ts::Node node, RuleContext& ctx);
void go(ts::Node node, RuleContext& ctx);

}  // namespace agentlens::rules::unchecked_env
