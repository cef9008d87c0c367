// Shapes of a listen port in code, for hardcoded-listen-port: port literals, Python's
// `__main__` block, and Go side listeners (debug, metrics, probes).
#pragma once
#include <string_view>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"

namespace agentlens::rules {

/// The port a literal denotes, if it is a usable listen port not bound to loopback.
bool isListenPortLiteral(ts::Node n, std::string_view src, core::Lang lang);

/// Inside a Python `if __name__ == "__main__":` block.
bool inMainGuard(ts::Node node, std::string_view src);

/// The Go function `fn` starting a server registers only ops paths (`/metrics`, `/debug/…`,
/// health probes) on its mux: a side listener, not the service port.
bool opsOnlyMux(ts::Node fn, std::string_view src);

}  // namespace agentlens::rules
