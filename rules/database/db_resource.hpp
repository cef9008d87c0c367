// db-resource-not-released: the text helpers shared by the per-language checks, and the
// JavaScript/TypeScript check (pooled clients that are never released).
#pragma once
#include <string>
#include <string_view>

#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::dbres {

/// `pattern` (a regex) found in `text`.
bool hasWord(std::string_view text, const std::string& pattern);
/// `s` with regex metacharacters escaped.
std::string escape(std::string_view s);
/// True when `name` is handed back to the caller or yielded.
bool ownershipMoves(ts::Node fn, std::string_view src, std::string_view name, std::string_view returnKw);
/// True when a `finally` in `fnBody` matches `callPattern`.
bool inFinally(ts::Node fnBody, std::string_view src, const std::string& callPattern);

/// JS/TS: `const client = await pool.connect()` not released in a `finally`.
void js(ts::Node decl, RuleContext& ctx);
/// JS/TS: `pool.connect((err, client, done) => …)` whose `done` is never called or passed on.
void jsConnectCallback(ts::Node call, RuleContext& ctx);

}  // namespace agentlens::rules::dbres
