// hardcoded-service-endpoint: where a URL literal sits — the outbound client it is passed to, the
// environment read it is the fallback of, the listen address or the name it is bound to.
// Internal to the rule.
#pragma once
#include <string>
#include <string_view>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::endpoint {

/// Outbound clients: the argument that carries the URL, or -1 for "a `url=`-style keyword only".
struct Sink {
  bool isSink = false;
  int urlArg = 0;
};
/// The outbound client a callee names (`requests.get`, `axios.create`, `http.NewRequest`, …).
Sink outboundSink(std::string_view callee, core::Lang lang);

struct Site {
  bool sink = false;         ///< the URL argument of an outbound client
  bool envFallback = false;  ///< the default of an environment read
  bool bind = false;         ///< a listen address, or documentation metadata
  std::string name;          ///< the binding / key / keyword name, if any
  bool key = false;          ///< the name is a dict key, object property, keyword or struct field
};
/// The site of the string literal being visited (from the context's ancestors).
Site siteOf(ts::Node str, const RuleContext& ctx);

}  // namespace agentlens::rules::endpoint
