// hardcoded-secret: reporting a literal (see hardcoded_secret_report.hpp).
#include "rules/security/hardcoded_secret_report.hpp"

#include <algorithm>

#include "rules/common/externalize.hpp"
#include "rules/common/syntax.hpp"

namespace agentlens::rules::secretreport {

using core::Lang;

void reportBinding(RuleContext& ctx, ts::Node valueNode, const std::string& what, const std::string& envName,
                   bool sink) {
  auto src = ctx.source();
  core::ByteRange content = stringContentRange(valueNode, src);
  std::string_view value = src.substr(content.start, content.end - content.start);
  auto& reported = ctx.state<State>().reported;
  if (std::find(reported.begin(), reported.end(), valueNode.startByte()) != reported.end()) return;
  reported.push_back(valueNode.startByte());
  core::Finding& f = ctx.report(valueNode, "hardcoded secret in " + what + " (`" + core::maskSecret(value) +
                                               "`): load it from the environment and rotate it");
  f.sensitive = content;
  f.severity = core::Severity::High;
  if (!sink) f.confidence = core::Confidence::Medium;
  addEnvFix(f, ctx, valueNode, envName);
}

std::string bindingName(ts::Node n, std::string_view src, Lang lang) {
  auto t = n.type();
  if (t == "identifier" || t == "property_identifier" || t == "field_identifier" ||
      t == "shorthand_property_identifier" || t == "private_property_identifier")
    return std::string(n.text(src));
  if (t == "attribute") return std::string(n.field("attribute").text(src));
  if (t == "member_expression") return std::string(n.field("property").text(src));
  if (t == "subscript" || t == "subscript_expression") {
    ts::Node idx = n.field(lang == Lang::Python ? "subscript" : "index");
    if (idx) {
      auto v = stringLiteralValue(idx, src, lang);
      if (v) return std::string(*v);
    }
    return "";
  }
  if (auto v = stringLiteralValue(n, src, lang)) return std::string(*v);  // "api_key": "..."
  return "";
}

/// The name the literal is bound to, looking at the node's direct parent binding.
std::string bindingNameFor(const RuleContext& ctx) {
  auto anc = ctx.ancestors();
  if (anc.empty()) return "";
  ts::Node p = anc.back();
  ts::Node name;
  auto t = p.type();
  if (t == "assignment" || t == "assignment_expression" || t == "assignment_pattern") name = p.field("left");
  else if (t == "keyword_argument" || t == "variable_declarator" || t == "public_field_definition" ||
           t == "default_parameter" || t == "typed_default_parameter")
    name = p.field("name");
  else if (t == "pair") name = p.field("key");
  else if (t == "expression_list" && anc.size() >= 2) {
    ts::Node g = anc[anc.size() - 2];
    if (g.type() == "const_spec" || g.type() == "var_spec") name = g.field("name");
    else if ((g.type() == "short_var_declaration" || g.type() == "assignment_statement") &&
             g.field("left").namedChildCount() == 1)
      name = g.field("left").namedChild(0);
  }
  if (!name) return "";
  std::string n = bindingName(name, ctx.source(), ctx.lang());
  return n.empty() ? "" : envNameFor(n);
}

std::string envNameFor(std::string_view name) {
  std::string s = screamingSnake(name);
  return s.empty() ? "SECRET" : s;
}

/// Replace the literal with a required environment lookup (no default) and list the variable
/// in .env.example with an empty value — the shared "Externalize to environment variable" fix.
std::string envNameForProvider(std::string_view provider) {
  std::string s = screamingSnake(provider);
  return s.empty() ? "API_KEY" : s;
}

void addEnvFix(core::Finding& f, RuleContext& ctx, ts::Node literal, const std::string& envName) {
  if (auto fix = externalizeFix(ctx.file(), literal, EnvValueKind::Secret, {envName, false}))
    f.fixes.push_back(std::move(*fix));
}

}  // namespace agentlens::rules::secretreport
