// Helpers shared by the security rules: argument and option lookup across the three grammars,
// literal/constant tests, environment reads, and the request-data sources that taint a value.
// All work on small subtrees (one call, one function body); none walks the whole file.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "core/lang.hpp"
#include "core/ts/ts.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules::sec {

/// Strips parentheses and Go `literal_element` wrappers.
ts::Node unwrap(ts::Node n);
/// The value of keyword argument `name` of a Python call's argument_list, or null.
ts::Node keywordArg(ts::Node args, std::string_view name, std::string_view src);
/// The i-th (0-based) positional argument (not a keyword, not a comment), or null.
ts::Node positionalArg(ts::Node args, std::uint32_t i);
/// Number of positional arguments.
std::uint32_t positionalCount(ts::Node args);
/// JS `object` property value by key (identifier or string key), or null.
ts::Node objectProp(ts::Node object, std::string_view key, std::string_view src);
/// Go `literal_value` keyed element value by key, or null.
ts::Node goField(ts::Node literalValue, std::string_view key, std::string_view src);
/// Python/JS dict-or-object / Go literal: the value for `key`, whatever the grammar.
ts::Node optionValue(ts::Node container, std::string_view key, std::string_view src, core::Lang lang);

bool isTrue(ts::Node n);
bool isFalse(ts::Node n);
/// A literal (string without interpolation, number, boolean, None/null/nil) or a list/
/// concatenation made only of literals.
bool isConstant(ts::Node n, std::string_view src, core::Lang lang);
/// True for SCREAMING_SNAKE identifiers (module constants by convention).
bool isConstantName(std::string_view name);

/// The subtree reads the environment: os.environ / os.getenv / process.env / os.Getenv / LookupEnv,
/// settings objects (`settings.X`, `config.X`).
bool readsEnv(ts::Node n, std::string_view src);

/// The subtree's text mentions a request-data source of a web framework
/// (request.args/json/form…, req.query/body/params…, r.URL.Query(), r.FormValue, c.Param/Query…).
bool mentionsRequestSource(std::string_view text, core::Lang lang);

/// Identifiers (and simple dotted names) that hold request data inside `fn`: route path
/// parameters of decorated Python handlers, FastAPI parameters, and locals assigned from a
/// request source or from another tainted local (in source order, one forward pass).
/// `routeHandler`: the route registry says `fn` handles a route (its parameters are then request
/// data even without a decorator, e.g. `app.add_url_rule(…, view_func=fn)`).
std::vector<std::string> taintedNames(ts::Node fn, std::string_view src, core::Lang lang, bool routeHandler = false);
/// True when `expr` mentions a request source or one of `tainted` as an identifier.
bool exprTainted(ts::Node expr, std::string_view src, core::Lang lang, const std::vector<std::string>& tainted);

/// The right-hand side of the last assignment to `name` inside `scope` that starts before
/// `before`, or null (a local walk of the function body).
ts::Node localAssignment(ts::Node scope, std::string_view name, std::uint32_t before, std::string_view src,
                         core::Lang lang);

/// Case-insensitive substring test.
bool icontains(std::string_view hay, std::string_view needle);
std::string lowerCopy(std::string_view s);

}  // namespace agentlens::rules::sec

namespace agentlens::rules::sec {
/// Names bound to literals at the top of the file (Python module assignments, JS `const`,
/// Go `const`): values that cannot carry input. Looks only at the root's children.
std::vector<std::string> moduleConstants(ts::Node root, std::string_view src, core::Lang lang);
}  // namespace agentlens::rules::sec

namespace agentlens::rules::sec {
/// An edit that removes one item of a comma-separated list (argument, pair, keyed element)
/// together with its separator.
core::TextEdit removeListItem(ts::Node item);
/// An edit replacing `n` with `text`.
core::TextEdit replaceNode(ts::Node n, std::string text);
}  // namespace agentlens::rules::sec

namespace agentlens::rules::sec {
/// The node being visited sits in code that only runs in development or tests: a branch on
/// DEBUG / NODE_ENV === "development" / ENV == "dev", or a settings class named for development or
/// testing (`class DevelopmentConfig`, `class TestSettings`).
bool inDevelopmentOnlyCode(const RuleContext& ctx);
}  // namespace agentlens::rules::sec
