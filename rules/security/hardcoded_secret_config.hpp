// The configuration-file half of hardcoded-secret: YAML, JSON, TOML, INI and .env files.
#pragma once

#include "rules/rule.hpp"

namespace agentlens::rules {

/// Reports provider keys, private keys and credential-named values in a configuration file of
/// `ctx` (a file without a syntax tree), line by line.
void scanConfigForSecrets(RuleContext& ctx);

}  // namespace agentlens::rules
