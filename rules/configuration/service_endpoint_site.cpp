// hardcoded-service-endpoint: the outbound clients that take a URL, and the site of a URL literal
// (client argument, environment fallback, listen address, or the name it is bound to).
#include "rules/configuration/service_endpoint_site.hpp"

#include <algorithm>
#include <span>

#include "core/text/path_text.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::endpoint {

using core::Lang;
using core::text::asciiLower;

Sink outboundSink(std::string_view callee, Lang lang) {
  std::string c = asciiLower(callee);
  auto last = c.substr(c.find_last_of('.') == std::string::npos ? 0 : c.find_last_of('.') + 1);
  static constexpr std::string_view kVerbs[] = {"get", "post", "put", "patch", "delete", "head", "options",
                                                "request", "stream"};
  bool verb = std::find(std::begin(kVerbs), std::end(kVerbs), last) != std::end(kVerbs);
  auto root = c.substr(0, c.find('.'));
  if (lang == Lang::Python) {
    if (verb && (root == "requests" || root == "httpx" || c.find("session.") != std::string::npos ||
                 c.find("client.") != std::string::npos))
      return {true, 0};
    if (last == "urlopen" || c == "urllib.request.request" || c == "request" || c == "websockets.connect" ||
        c == "websocket.create_connection" || c == "grpc.insecure_channel" || c == "grpc.secure_channel" ||
        c == "grpc.aio.insecure_channel")
      return {true, 0};
    if (c == "httpx.client" || c == "httpx.asyncclient" || c == "aiohttp.clientsession" || c == "redis.redis" ||
        c == "redis.strictredis" || c == "redis.asyncio.redis")
      return {true, -1};
    return {};
  }
  if (core::isJsFamily(lang)) {
    if (c == "fetch" || c == "axios" || c == "got" || c == "ky" || c == "websocket" || c == "eventsource" ||
        c == "superagent")
      return {true, 0};
    if (verb && (root == "axios" || root == "got" || root == "ky" || root == "http" || root == "https" ||
                 root == "superagent" || root == "needle"))
      return {true, 0};
    if (c == "axios.create" || c == "got.extend" || c == "ky.create" || c == "new redis" || c == "redis")
      return {true, -1};
    return {};
  }
  if (c == "http.get" || c == "http.post" || c == "http.head" || c == "http.postform") return {true, 0};
  if (c == "http.newrequest") return {true, 1};
  if (c == "http.newrequestwithcontext") return {true, 2};
  if (c == "grpc.dial" || c == "grpc.newclient" || c == "grpc.dialcontext") return {true, c == "grpc.dialcontext" ? 1 : 0};
  if (verb && c.find("client.") != std::string::npos) return {true, 0};
  if (c == "websocket.defaultdialer.dial") return {true, 0};
  return {};
}

namespace {

using AncestorIt = std::span<const ts::Node>::reverse_iterator;

bool isServerStart(std::string_view callee) {
  std::string c = asciiLower(callee);
  return c.ends_with(".run") || c.ends_with("run_app") || c.ends_with(".listen") || c.ends_with("serve") ||
         c == "run" || c.find("fastapi") != std::string::npos || c.find("openapi") != std::string::npos;
}

std::string calleeOf(ts::Node call, std::string_view src) {
  auto t = call.type();
  if (t == "new_expression") return std::string(call.field("constructor").text(src));
  if (t == "composite_literal") return std::string(call.field("type").text(src));
  return std::string(calleeText(call, src));
}

/// `cur` is an argument of `call` (whose argument list is `args`).
void argumentSite(Site& s, ts::Node args, ts::Node cur, ts::Node call, const RuleContext& ctx) {
  auto src = ctx.source();
  std::string callee = call.type() == "new_expression" ? std::string(call.field("constructor").text(src))
                                                       : std::string(calleeText(call, src));
  if (asciiLower(callee).find("env") != std::string::npos) {
    s.envFallback = true;
    return;
  }
  if (isServerStart(callee)) {
    s.bind = true;
    return;
  }
  Sink sink = outboundSink(callee, ctx.lang());
  if (sink.isSink && sink.urlArg >= 0) {
    int index = 0;
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "comment" || a.type() == "keyword_argument") continue;
      if (a == cur) s.sink = index == sink.urlArg;
      ++index;
    }
  }
}

/// `cur` is the value of a keyword argument, dict/object pair or Go keyed element `*it`.
void keyedSite(Site& s, AncestorIt it, AncestorIt end, ts::Node cur, const RuleContext& ctx) {
  auto src = ctx.source();
  ts::Node p = *it;
  auto t = p.type();
  ts::Node key = t == "keyword_argument" ? p.field("name") : t == "pair" ? p.field("key") : p.namedChild(0);
  if (t == "pair" && p.field("value") != cur) return;
  std::string_view k = key.text(src);
  if (k.size() >= 2 && (k.front() == '"' || k.front() == '\'')) k = k.substr(1, k.size() - 2);
  s.name = std::string(k);
  s.key = true;
  // The call this argument or option object belongs to.
  for (auto up = it + 1; up != end && up - it < 6; ++up) {
    auto ut = up->type();
    if (ut == "call" || ut == "call_expression" || ut == "new_expression" || ut == "composite_literal") {
      std::string callee = calleeOf(*up, src);
      if (isServerStart(callee) || asciiLower(callee).find("env") != std::string::npos) s.bind = true;
      if (outboundSink(callee, ctx.lang()).isSink || asciiLower(callee).ends_with("options")) s.sink = true;
      break;
    }
  }
}

bool isBinding(std::string_view t) {
  return t == "assignment" || t == "assignment_expression" || t == "variable_declarator" || t == "const_spec" ||
         t == "var_spec" || t == "short_var_declaration" || t == "default_parameter" ||
         t == "typed_default_parameter" || t == "public_field_definition" || t == "assignment_statement";
}

/// The name a binding (`p`, of type `t`) gives the value.
std::string boundName(ts::Node p, std::string_view t, std::string_view src) {
  ts::Node n = t == "assignment" || t == "assignment_expression" || t == "short_var_declaration" ||
                       t == "assignment_statement"
                   ? p.field("left")
                   : p.field("name");
  if (n && (n.type() == "expression_list") && n.namedChildCount() == 1) n = n.namedChild(0);
  if (n && n.type() == "attribute") n = n.field("attribute");
  if (n && n.type() == "member_expression") n = n.field("property");
  if (n && n.type() == "selector_expression") n = n.field("field");
  return n ? std::string(n.text(src)) : std::string();
}

}  // namespace

Site siteOf(ts::Node str, const RuleContext& ctx) {
  Site s;
  auto src = ctx.source();
  auto anc = ctx.ancestors();
  ts::Node cur = str;
  for (auto it = anc.rbegin(); it != anc.rend(); ++it) {
    ts::Node p = *it;
    auto t = p.type();
    if (t == "parenthesized_expression" || t == "expression_list" || t == "literal_element") {
      cur = p;
      continue;
    }
    if ((t == "binary_expression" || t == "binary_operator")) {
      auto op = p.field("operator").text(src);
      if ((op == "||" || op == "??" || op == "or") && p.field("right") == cur) {
        auto left = p.field("left").text(src);
        s.envFallback = left.find("env") != std::string_view::npos;
        return s;
      }
      if (op == "+" && p.field("left") == cur) {
        cur = p;
        continue;
      }
      return s;
    }
    if (t == "argument_list" || t == "arguments") {
      if (it + 1 != anc.rend()) argumentSite(s, p, cur, *(it + 1), ctx);
      return s;
    }
    if (t == "keyword_argument" || t == "pair" || t == "keyed_element") {
      keyedSite(s, it, anc.rend(), cur, ctx);
      return s;
    }
    if (isBinding(t)) s.name = boundName(p, t, src);
    return s;
  }
  return s;
}

}  // namespace agentlens::rules::endpoint
