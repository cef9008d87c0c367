// hardcoded-secret: how a finding is reported (message, masked value, env-var fix) and the
// per-file state that keeps one literal from being reported twice.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::secretreport {

/// Per-file: string nodes already reported through a binding, so the literal walk skips them.
struct State final : RuleState {
  std::vector<std::uint32_t> reported;
};

/// Reports the literal `valueNode` as "hardcoded secret in <what>", high severity; `sink` (the
/// value is used as a key, whatever it looks like) keeps the rule's high confidence, otherwise
/// medium. Adds the "load it from the environment" fix naming `envName`.
void reportBinding(RuleContext& ctx, ts::Node valueNode, const std::string& what, const std::string& envName,
                   bool sink);

/// The name a binding's left side gives (`x`, `obj.x`, `d["x"]`, `"x": …`), or empty.
std::string bindingName(ts::Node n, std::string_view src, core::Lang lang);

/// The environment variable name for the binding the literal is the value of (its direct parent), or empty.
std::string bindingNameFor(const RuleContext& ctx);

/// `apiKey` -> `API_KEY` (`SECRET` when nothing is left).
std::string envNameFor(std::string_view name);

/// `Stripe secret key` -> `STRIPE_SECRET_KEY` (`API_KEY` when nothing is left).
std::string envNameForProvider(std::string_view provider);

/// Replace the literal with a required environment lookup (no default) and list the variable
/// in .env.example with an empty value — the shared "Externalize to environment variable" fix.
void addEnvFix(core::Finding& f, RuleContext& ctx, ts::Node literal, const std::string& envName);

}  // namespace agentlens::rules::secretreport
