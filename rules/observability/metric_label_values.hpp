// Whether a metric label value can take an unbounded number of values: raw request paths and
// URLs, query/path parameters, headers, client IPs, and values named as user/request ids or
// emails. Route templates, methods, status codes and constants are bounded.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/lang.hpp"
#include "core/ts/ts.hpp"

namespace agentlens::rules::metrics {

struct Unbounded {
  std::string what;          ///< "the raw request path", "a user id", …
  bool fromRequest = false;  ///< read from the request itself (path, URL, parameters), not named so
  bool path = false;         ///< a raw path/URL: the fix is the route template
};

/// Judges the label value `v`; identifiers are followed to their last local assignment in
/// `scope` (up to three hops). `fiber`: the file uses gofiber, whose `c.Path()` is the raw path.
std::optional<Unbounded> unboundedValue(ts::Node v, ts::Node scope, std::string_view src, core::Lang lang,
                                        bool fiber = false);
/// Judges a label/attribute key ("user_id", "user.id", "email", "url.full") holding a value that
/// is not a constant and not a route template.
std::optional<Unbounded> unboundedKey(std::string_view key);
/// The value's text names a route template (`req.route.path`, `c.FullPath()`, `url_rule.rule`…).
bool routeTemplate(std::string_view text);

}  // namespace agentlens::rules::metrics
