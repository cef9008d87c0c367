// Central error handlers (see central_error_handler.hpp).
#include "rules/error_handling/central_error_handler.hpp"

#include <vector>

#include "rules/common/syntax.hpp"

namespace agentlens::rules::errhandler {
namespace {

/// Identifier names of a function's parameters, in order (untyped, typed or defaulted).
std::vector<std::string_view> paramIdents(ts::Node fn, std::string_view src) {
  std::vector<std::string_view> out;
  ts::Node params = fn.field("parameters");
  if (!params) {
    ts::Node p = fn.field("parameter");  // JS arrow with one bare parameter
    if (p) out.push_back(p.text(src));
    return out;
  }
  for (std::uint32_t i = 0; i < params.namedChildCount(); ++i) {
    ts::Node p = params.namedChild(i);
    if (p.type() == "identifier") {
      out.push_back(p.text(src));
      continue;
    }
    ts::Node n = p.field("pattern") ? p.field("pattern") : p.field("name");
    if (!n)
      for (std::uint32_t k = 0; k < p.namedChildCount() && !n; ++k)
        if (p.namedChild(k).type() == "identifier") n = p.namedChild(k);
    if (n) out.push_back(n.text(src));
  }
  return out;
}

}  // namespace

Central pythonHandler(const RuleContext& ctx) {
  auto src = ctx.source();
  auto anc = ctx.ancestors();
  for (std::size_t i = anc.size(); i-- > 0;) {
    if (anc[i].type() != "function_definition") continue;
    if (i == 0 || anc[i - 1].type() != "decorated_definition") return {};
    ts::Node dd = anc[i - 1];
    for (std::uint32_t k = 0; k < dd.namedChildCount(); ++k) {
      ts::Node d = dd.namedChild(k);
      if (d.type() != "decorator") continue;
      ts::Node call = d.namedChildCount() ? d.namedChild(0) : ts::Node();
      if (!call || call.type() != "call") continue;
      auto name = calleeName(call, src);
      if (name != "exception_handler" && name != "errorhandler" && name != "app_errorhandler") continue;
      auto params = paramIdents(anc[i], src);
      if (params.empty()) return {};
      ts::Node args = callArguments(call);
      ts::Node first = args && args.namedChildCount() ? args.namedChild(0) : ts::Node();
      return {anc[i], params.back(), first ? first.text(src) : std::string_view()};
    }
    return {};
  }
  return {};
}

Central honoHandler(const RuleContext& ctx) {
  auto src = ctx.source();
  auto anc = ctx.ancestors();
  for (std::size_t i = anc.size(); i-- > 0;) {
    auto t = anc[i].type();
    if (t != "arrow_function" && t != "function_expression" && t != "function_declaration") continue;
    auto params = paramIdents(anc[i], src);
    if (params.size() != 2 || (params[1] != "c" && params[1] != "ctx")) return {};
    // app.onError(fn) or const onError: ErrorHandler = fn
    bool registered = false;
    if (i >= 2 && anc[i - 1].type() == "arguments" && anc[i - 2].type() == "call_expression" &&
        calleeName(anc[i - 2], src) == "onError")
      registered = true;
    if (i >= 1 && anc[i - 1].type() == "variable_declarator") {
      ts::Node ty = anc[i - 1].field("type");
      if (ty && ty.text(src).find("ErrorHandler") != std::string_view::npos) registered = true;
    }
    if (!registered) return {};
    return {anc[i], params[0], ""};
  }
  return {};
}

bool databaseErrorType(std::string_view type) {
  for (std::string_view w : {"IntegrityError", "DatabaseError", "OperationalError", "ProgrammingError",
                             "SQLAlchemyError", "DataError", "PrismaClientKnownRequestError", "QueryFailedError"})
    if (type.find(w) != std::string_view::npos) return true;
  return false;
}

}  // namespace agentlens::rules::errhandler
