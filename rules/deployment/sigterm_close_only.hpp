// no-graceful-shutdown-on-listen (JS/TS): a SIGTERM handler that only closes the HTTP server while
// the module holds a database/cache connection that keeps the process alive.
#pragma once
#include <string_view>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"

namespace agentlens::rules::sigterm {

/// For `process.on('SIGTERM', () => { …; server.close(); })`: the `.close(` call when the
/// handler does nothing else but log, never exits, disconnects or calls a helper; else null.
ts::Node closeOnlyHandler(ts::Node call, std::string_view src, core::Lang lang);

/// The connection the module opens that keeps the event loop alive (`mongoose.connect`,
/// `new Pool`, `createClient`, …), or "" when none.
std::string_view openConnection(std::string_view src);

}  // namespace agentlens::rules::sigterm
