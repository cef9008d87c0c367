// Error-handling intent (see error_intent.hpp): can the error reaching a request handler's error
// branch come from client input (and so deserve a 4xx)?
#include <algorithm>

#include "rules/common/error_intent.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules {

using core::Lang;

namespace {

constexpr std::string_view kPyInput[] = {"request.args", "request.json", "request.form", "request.get_json",
                                         "request.values", "request.data", "request.files", "request.query_params",
                                         "request.path_params", "request.body", "request.GET", "request.POST",
                                         "request.headers", "request.cookies", "request.view_args"};
constexpr std::string_view kJsInput[] = {"req.params", "req.query", "req.body", "req.headers", "req.cookies",
                                         "request.json", "request.formData", "request.text", "searchParams",
                                         "params.", "ctx.params", "ctx.request", "c.req.", "request.body",
                                         "request.params", "request.query"};
constexpr std::string_view kGoInput[] = {"c.Param", "c.QueryParam", "c.Query", "c.DefaultQuery", "c.PostForm",
                                         "c.FormValue", "Bind", "c.Request.Body", "r.URL", "r.Form", "r.PostForm",
                                         "r.PathValue", "r.Body", "r.Header", "mux.Vars", "chi.URLParam",
                                         "ctx.Params", "c.Params", "json.NewDecoder"};

template <std::size_t N>
bool containsAny(std::string_view text, const std::string_view (&keys)[N]) {
  return std::any_of(std::begin(keys), std::end(keys),
                     [&](std::string_view k) { return text.find(k) != std::string_view::npos; });
}

/// JavaScript: the `try` of a catch clause throws (nested callbacks included: `ids.map(async …)`
/// awaited with Promise.all) or parses/validates something that rejects bad input.
bool tryCanRejectInput(ts::Node catchClause, std::string_view src) {
  ts::Node tryStmt = catchClause.parent();
  ts::Node body = tryStmt ? tryStmt.field("body") : ts::Node();
  return ts::anyDescendant(body, [&](ts::Node n) {
    if (n.type() == "throw_statement") return true;
    if (n.type() != "call_expression") return false;
    auto name = calleeName(n, src);
    return name == "parse" || name == "parseAsync" || name == "safeParse" || name == "validate" ||
           name == "validateSync" || name == "validateOrReject" || name == "BigInt";
  });
}

/// Go: the statement that assigns the error an `if err != nil` checks: the if's initializer, or
/// the statement right before it when that one assigns the error variable.
ts::Node goErrorProducer(ts::Node ifStmt, std::string_view src) {
  if (ts::Node init = ifStmt.field("initializer")) return init;
  ts::Node cond = ifStmt.field("condition");
  auto err = cond ? cond.field("left").text(src) : std::string_view();
  ts::Node prev = ifStmt.prevNamedSibling();
  while (prev && prev.type() == "comment") prev = prev.prevNamedSibling();
  if (!prev || (prev.type() != "short_var_declaration" && prev.type() != "assignment_statement")) return {};
  return mentionsIdentifier(prev.field("left").text(src), err) ? prev : ts::Node();
}

/// Go: whether the error's producer takes client input, directly or through a local that one
/// assignment in the handler derived from it.
bool goProducerTakesInput(ts::Node handlerFn, ts::Node producer, std::string_view src) {
  auto right = producer.field("right").text(src);
  if (containsAny(right, kGoInput)) return true;
  bool derived = false;
  ts::walk(handlerFn, [&](ts::Node n) {
    if (derived) return false;
    if (n.type() != "short_var_declaration" && n.type() != "assignment_statement") return true;
    if (n.startByte() >= producer.startByte() || !containsAny(n.field("right").text(src), kGoInput)) return true;
    ts::Node left = n.field("left");
    for (std::uint32_t i = 0; left && i < left.namedChildCount(); ++i) {
      auto name = left.namedChild(i).text(src);
      if (name != "_" && name != "err" && mentionsIdentifier(right, name)) derived = true;
    }
    return true;
  });
  return derived;
}

/// Python: a parameter that carries client input (a path or query parameter), not `self`, the
/// request object or an injected dependency (`= Depends(...)`, `: Session`).
bool pyHasInputParam(ts::Node fn, std::string_view src) {
  ts::Node params = fn.field("parameters");
  for (std::uint32_t i = 0; params && i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    ts::Node name = p.type() == "identifier" ? p : p.namedChild(0);
    auto n = name.type() == "identifier" ? name.text(src) : std::string_view();
    if (n.empty() || n == "self" || n == "cls" || n == "request" || n == "req") continue;
    auto t = p.text(src);
    if (t.find("Depends(") != std::string_view::npos || t.find("Security(") != std::string_view::npos) continue;
    auto type = p.field("type").text(src);
    if (type.find("Session") != std::string_view::npos || type.find("Request") != std::string_view::npos ||
        type.find("BackgroundTasks") != std::string_view::npos)
      continue;
    return true;
  }
  return false;
}

}  // namespace

bool clientInputCanFail(ts::Node handlerFn, ts::Node site, std::string_view src, Lang lang) {
  auto text = handlerFn.text(src);
  if (lang == Lang::Python) return containsAny(text, kPyInput) || pyHasInputParam(handlerFn, src);
  if (lang != Lang::Go) return containsAny(text, kJsInput) && tryCanRejectInput(site, src);
  ts::Node producer = goErrorProducer(site, src);
  if (!producer) return true;  // assigned elsewhere: cannot tell, keep the finding
  return goProducerTakesInput(handlerFn, producer, src);
}

}  // namespace agentlens::rules
